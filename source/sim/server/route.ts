// Resource URLs: /api/v1/… and /apis/GROUP/VERSION/…, namespaced or cluster-scoped, with a subresource.
import {type Resource, resourceByName} from '../store/resources.js';

export type ResourceRoute = {
	resource: Resource;
	/** The namespace in the URL; undefined for cluster-scoped resources and all-namespace lists. */
	namespace?: string;
	name?: string;
	subresource?: string;
};

/** undefined: not a resource path this server knows (the caller answers 404). */
export function parseResourcePath(pathname: string): ResourceRoute | undefined {
	const parts = pathname.split('/').filter(part => part !== '').map(decodeURIComponent);
	let group: string;
	let rest: string[];
	if (parts[0] === 'api' && parts[1] === 'v1') {
		group = '';
		rest = parts.slice(2);
	} else if (parts[0] === 'apis' && parts.length >= 3) {
		group = parts[1];
		rest = parts.slice(3);
	} else {
		return undefined;
	}
	const version = parts[0] === 'api' ? 'v1' : parts[2];
	const find = (name: string) => {
		const resource = resourceByName(group, name);
		return resource && resource.version === version ? resource : undefined;
	};
	if (rest[0] === 'namespaces' && rest.length >= 3) {
		const resource = find(rest[2]);
		if (!resource?.namespaced) {
			// /api/v1/namespaces/NAME/status and /finalize are the namespace's own subresources.
			const namespaces = find('namespaces');
			if (group === '' && rest.length === 3 && namespaces?.subresources?.includes(rest[2])) return {resource: namespaces, name: rest[1], subresource: rest[2]};
			return undefined;
		}
		if (rest.length > 5) return undefined;
		return {resource, namespace: rest[1], name: rest[3], subresource: rest[4]};
	}
	if (rest.length === 0 || rest.length > 3) return undefined;
	const resource = find(rest[0]);
	if (!resource) return undefined;
	if (resource.namespaced && rest.length > 1) return undefined;
	return {resource, name: rest[1], subresource: rest[2]};
}
