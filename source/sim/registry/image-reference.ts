// Image references as the kubelet and containerd read them: the grammar of
// github.com/distribution/reference, with its normalisation (nginx → docker.io/library/nginx:latest)
// and its error texts, which users see in InvalidImageName messages.

export type ImageReference = {
	/** Registry host as written, e.g. `docker.io`, `ghcr.io`, `localhost:5000`. */
	domain: string;
	/** Repository path inside the registry, e.g. `library/nginx`. */
	path: string;
	tag?: string;
	digest?: string;
	/** `docker.io/library/nginx:1.27`, as containerd names the image in its messages. */
	full: string;
	/** `docker.io/library/nginx`: the repository without tag or digest. */
	repository: string;
};

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const domain = `(?:${domainName}|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const referencePattern = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const identifierPattern = /^[a-f0-9]{64}$/;

export class InvalidReferenceError extends Error {}

/** Parse like the kubelet (ParseNormalizedNamed); throws InvalidReferenceError with the library's message. */
export function parseImageReference(text: string): ImageReference {
	if (identifierPattern.test(text)) throw new InvalidReferenceError(`invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`);
	const [host, remainder] = splitDomain(text);
	const tagSeparator = remainder.indexOf(':');
	const remote = tagSeparator > -1 ? remainder.slice(0, tagSeparator) : remainder;
	if (remote.toLowerCase() !== remote) throw new InvalidReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
	const normalized = `${host}/${remainder}`;
	const match = referencePattern.exec(normalized);
	if (!match) {
		if (normalized === '') throw new InvalidReferenceError('repository name must have at least one component');
		if (referencePattern.test(normalized.toLowerCase())) throw new InvalidReferenceError('invalid reference format: repository name must be lowercase');
		throw new InvalidReferenceError('invalid reference format');
	}
	const repository = match[1];
	if (repository.length > 255) throw new InvalidReferenceError('repository name must not be more than 255 characters');
	const slash = repository.indexOf('/');
	const parsed = {domain: repository.slice(0, slash), path: repository.slice(slash + 1), tag: match[2], digest: match[3]};
	if (!parsed.tag && !parsed.digest) parsed.tag = 'latest';
	return {...parsed, repository, full: `${repository}${parsed.tag ? `:${parsed.tag}` : ''}${parsed.digest ? `@${parsed.digest}` : ''}`};
}

/** The kubelet's InvalidImageName message for a reference that does not parse, or undefined when it parses. */
export function invalidImageMessage(image: string): string | undefined {
	try {
		parseImageReference(image);
		return undefined;
	} catch (error) {
		if (!(error instanceof InvalidReferenceError)) throw error;
		return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${error.message}`;
	}
}

/** The tag kubelet defaults to when none is given decides the default pull policy (Always for latest). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
	try {
		const reference = parseImageReference(image);
		return reference.digest || reference.tag !== 'latest' ? 'IfNotPresent' : 'Always';
	} catch {
		return 'IfNotPresent';
	}
}

function splitDomain(text: string): [string, string] {
	const slash = text.indexOf('/');
	let host: string;
	let remainder: string;
	const first = text.slice(0, slash);
	if (slash === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
		host = 'docker.io';
		remainder = text;
	} else {
		host = first;
		remainder = text.slice(slash + 1);
	}
	if (host === 'index.docker.io') host = 'docker.io';
	if (host === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
	return [host, remainder];
}
