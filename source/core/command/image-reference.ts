// The container image reference grammar (distribution/reference, which the kubelet uses):
// [registry[:port]/]path[:tag][@digest]. Problems are named precisely because a broken
// reference is itself a failure kconsole explains (InvalidImageName).
import {isIPv4, isIPv6} from './host-address.js';

const pathComponent = /^[a-z\d]+(?:(?:[._]|__|-+)[a-z\d]+)*$/;
const tag = /^\w[\w.-]{0,127}$/;
const domainComponent = /^[A-Za-z\d](?:[A-Za-z\d-]*[A-Za-z\d])?$/;
const maxNameLength = 255;

/** null for a valid reference, otherwise what is wrong with it, e.g. "repository must be lowercase". */
export function imageReferenceProblem(reference: string): string | null {
	if (reference === '') return 'it is empty';
	if (/[\s\u0000-\u001f\u007f-\u009f]/.test(reference)) return 'it must not contain spaces or control characters';
	let rest = reference;
	const at = rest.indexOf('@');
	if (at !== -1) {
		if (!/^sha256:[a-f\d]{64}$/.test(rest.slice(at + 1))) return 'digest must be sha256:<64 hex chars>';
		rest = rest.slice(0, at);
	}
	const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
	if (colon !== -1) {
		if (!tag.test(rest.slice(colon + 1))) return "tag must be letters, digits, '_', '.' or '-' (at most 128, not starting with '.' or '-')";
		rest = rest.slice(0, colon);
	}
	if (rest === '') return 'repository name is missing';
	if (rest.length > maxNameLength) return `name must be at most ${maxNameLength} characters`;
	let path = rest;
	const slash = rest.indexOf('/');
	const first = rest.slice(0, slash);
	// Like docker: the first component names a registry when it has a '.', a ':', is localhost or has capitals.
	if (slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase())) {
		if (!isRegistry(first)) return pathComponent.test(first.toLowerCase()) ? 'repository must be lowercase' : 'registry must be a host name or IP address with an optional :port';
		path = rest.slice(slash + 1);
	}
	for (const component of path.split('/')) {
		if (pathComponent.test(component)) continue;
		if (component === '') return 'repository path has an empty component';
		if (pathComponent.test(component.toLowerCase())) return 'repository must be lowercase';
		return "repository path components are lowercase letters and digits separated by '.', '_', '__' or '-'";
	}
	return null;
}

function isRegistry(domain: string): boolean {
	let host = domain;
	let port: string | undefined;
	if (domain.startsWith('[')) {
		const close = domain.indexOf(']');
		if (close === -1 || !isIPv6(domain.slice(1, close))) return false;
		const after = domain.slice(close + 1);
		if (after !== '' && !after.startsWith(':')) return false;
		port = after === '' ? undefined : after.slice(1);
		host = '';
	} else {
		const colon = domain.lastIndexOf(':');
		if (colon !== -1) {
			port = domain.slice(colon + 1);
			host = domain.slice(0, colon);
		}
	}
	if (port !== undefined && !/^\d+$/.test(port)) return false;
	return host === '' || isIPv4(host) || host.split('.').every(label => domainComponent.test(label));
}
