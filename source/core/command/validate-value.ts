// Every value put into a command is checked against what its placeholder names: a pod name
// must be a Kubernetes name, a port a port. A value that fails never reaches argv, so a
// capture from a hostile log line cannot become a flag, a second command or a terminal escape.
import {isAddress, isHostName, isIPv4, isIPv6, isPort} from './host-address.js';
import {imageReferenceProblem} from './image-reference.js';

type Check = (value: string) => string | null;

const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const maxGenericLength = 1024;

const dnsLabel: Check = value =>
	value.length <= 63 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(value) ? null : "is not a valid Kubernetes name (lowercase letters, digits and '-', at most 63 characters)";

const dnsSubdomain: Check = value =>
	value.length <= 253 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/.test(value)
		? null
		: "is not a valid Kubernetes name (lowercase letters, digits, '-' and '.', at most 253 characters)";

const image: Check = value => {
	const problem = imageReferenceProblem(value);
	return problem === null ? null : `is not a valid image reference: ${problem}`;
};

const port: Check = value => (isPort(value) ? null : 'is not a valid port (a whole number from 1 to 65535)');

const host: Check = value => (isHostName(value) || isIPv4(value) || isIPv6(value) ? null : 'is not a valid host name or IP address');

const address: Check = value => (isAddress(value) ? null : 'is not a valid address (host:port, the host a name, an IPv4 address or an [IPv6] address)');

const url: Check = value => (isHttpUrl(value) ? null : 'is not a valid http(s) URL');

const count: Check = value => (/^(?:0|[1-9]\d{0,9})$/.test(value) && Number(value) <= 2_147_483_647 ? null : 'is not a whole number (0 or more)');

const quantity: Check = value =>
	value.length <= 64 && /^(?:\d+(?:\.\d*)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?\d+)?$/.test(value)
		? null
		: 'is not a valid Kubernetes quantity (for example 512Mi, 1Gi, 250m)';

const kind: Check = value =>
	value.length <= 253 && /^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*$/.test(value) ? null : "is not a valid resource kind (letters, digits, '-' and '.')";

const generic: Check = value => {
	if (controlCharacters.test(value)) return 'contains a control character or line break';
	if (value.length > maxGenericLength) return `is longer than ${maxGenericLength} characters`;
	if (value.startsWith('-')) return "starts with '-', so it could be read as a flag";
	return null;
};

const checksByName = new Map<string, Check>([
	...['namespace', 'container'].map(name => [name, dnsLabel] as const),
	...[
		'pod', 'deployment', 'node', 'name', 'service', 'secret', 'replicaset', 'statefulset', 'daemonset', 'job', 'cronjob',
		'configmap', 'serviceaccount', 'serviceAccount', 'pvc', 'ingress', 'class', 'ingressClass', 'storageClass',
	].map(name => [name, dnsSubdomain] as const),
	['image', image],
	['port', port],
	['host', host],
	['address', address],
	['proxy', address],
	['url', url],
	...['revision', 'replicas', 'count'].map(name => [name, count] as const),
	...['memory', 'cpu'].map(name => [name, quantity] as const),
	['kind', kind],
]);

// Captures named by convention, e.g. `registryHost`, `nodePort`, `secretName`.
const checksBySuffix: Array<[string, Check]> = [
	['Namespace', dnsLabel],
	['Name', dnsSubdomain],
	['Image', image],
	['Port', port],
	['Host', host],
	['Address', address],
	['Url', url],
	['URL', url],
];

function checkFor(name: string): Check {
	return checksByName.get(name) ?? checksBySuffix.find(([suffix]) => name.endsWith(suffix))?.[1] ?? generic;
}

/** null when `value` may fill `{{name}}`, otherwise a one-line message naming both. */
export function validatePlaceholder(name: string, value: string): string | null {
	const problem = checkFor(name)(value);
	return problem === null ? null : `{{${name}}}: ${quoteForMessage(value)} ${problem}`;
}

/** The value in double quotes, shortened, with every control character escaped so the message stays one inert line. */
function quoteForMessage(value: string): string {
	const shown = value.length > 80 ? `${value.slice(0, 77)}…` : value;
	const escaped = shown.replace(/[\\"]/g, '\\$&').replace(new RegExp(controlCharacters.source, 'g'), character => {
		const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};
		return named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
	});
	return `"${escaped}"`;
}

function isHttpUrl(value: string): boolean {
	// Only the characters RFC 3986 allows, so no quote, space, backslash or escape reaches a command.
	if (value.length > maxGenericLength || !/^https?:\/\/[\w.~:/?#[\]@!$&'()*+,;=%-]+$/i.test(value)) return false;
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		return false;
	}
	const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
	return isHostName(hostname) || isIPv4(hostname) || isIPv6(hostname);
}
