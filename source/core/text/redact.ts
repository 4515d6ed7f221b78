// Secrets must not outlive the moment they were needed: the audit log and incident reports
// keep commands and outputs, so tokens, passwords and keys in them are replaced first.
import {kubectlCommand} from '../command/kubectl-argv.js';

export const redacted = '<redacted>';

// A value after `key=` / `key: `: quoted, or up to whitespace or a delimiter.
const value = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s,;&}\]"'<]+)`;
// Key names that hold a secret when they END with one of these words: `password`, `DB_PASSWORD`,
// `--docker-password`, `id-token`, `client-key-data`; not `secretName` or `imagePullSecrets`.
const secretKey = String.raw`[\w.-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client-key-data)`;

const rules: Array<[RegExp, string | ((...groups: string[]) => string)]> = [
	// PEM private keys, whole blocks.
	[/(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----)/g, `$1${redacted}$2`],
	// JSON Web Tokens (service account tokens, OIDC id-tokens) wherever they appear.
	[/\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g, redacted],
	[/\b(authorization[ \t]*:[ \t]*(?:basic|token)[ \t]+)(?!<redacted>)[^\s"',;]+/gi, `$1${redacted}`],
	// RFC 6750 b64token; at least 8 characters so prose like "bearer of" is left alone.
	[/\b(bearer[ \t]+)(?!<redacted>)[\w.~+/-]{8,}=*/gi, `$1${redacted}`],
	// Credentials in URLs: https://user:password@host.
	[/\b([a-z][a-z\d+.-]*:\/\/[^\s/@:]+:)(?!<redacted>)[^\s/@]+@/gi, `$1${redacted}@`],
	// `--token x`, `--password x`: flags whose next word is the secret.
	[new RegExp(String.raw`(--(?:token|password|docker-password|client-secret)[ \t]+)(?!<redacted>)${value}`, 'gi'), `$1${redacted}`],
	// key=value, key: value, "key": "value".
	[
		new RegExp(String.raw`(^|[^\w.-])((["']?)${secretKey}\3[ \t]*[:=][ \t]*)(${value})`, 'gim'),
		(_whole, before, key, _quote, found) => `${before}${key}${keepsValue(found) ? found : quotedLike(found, redacted)}`,
	],
];

const secretName = new RegExp(`^${secretKey}$`, 'i');

/** Whether a field path names a secret in one of its parts (`env[DB_PASSWORD].value`, `data.api-key`): its values are not written down. */
export function pathNamesSecret(path: string): boolean {
	return path.split(/[.[\]"]+/).some(part => secretName.test(part));
}

/** Replace tokens, passwords, private keys and URL credentials in free text with `<redacted>`. */
export function redactSecrets(text: string): string {
	let result = text;
	for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement as string);
	return result;
}

// Flags whose value is a separate argv element that must go.
const secretFlags = new Set(['--token', '--password', '--docker-password', '--client-secret']);

/** Redact an argv element by element; every literal of `kubectl create secret` is a secret. */
export function redactArgv(argv: string[]): string[] {
	const createsSecret = kubectlCommand(argv)?.path.slice(0, 2).join(' ') === 'create secret';
	return argv.map((arg, index) => {
		const previous = argv[index - 1];
		if (index > 0 && secretFlags.has(previous)) return redacted;
		if (createsSecret && previous === '--from-literal') return literalRedacted(arg);
		if (createsSecret && arg.startsWith('--from-literal=')) return `--from-literal=${literalRedacted(arg.slice('--from-literal='.length))}`;
		return redactSecrets(arg);
	});
}

/** `KEY=VALUE` with the value gone. */
function literalRedacted(literal: string): string {
	const equals = literal.indexOf('=');
	return equals === -1 ? redacted : `${literal.slice(0, equals + 1)}${redacted}`;
}

/** `<redacted>` in the same quotes as the value it replaces, so JSON and YAML stay well-formed. */
function quotedLike(found: string, replacement: string): string {
	const quote = found[0] === '"' || found[0] === "'" ? found[0] : '';
	return `${quote}${replacement}${quote}`;
}

// Values that cannot be secrets: booleans, null, YAML block markers, empty quotes and our own marker.
function keepsValue(found: string): boolean {
	return /^(?:true|false|null|~|[|>][-+]?|""|''|<redacted>|"<redacted>"|'<redacted>')$/i.test(found);
}
