// One line that says which server could not be used and the likely reason, for every way a
// request to the API server fails: network, TLS, credentials, or the server's own answer.
import {KubeApiError} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';

type Target = Pick<KubeTarget, 'server' | 'context' | 'user'> & {fallbackReason?: string};

export function describeConnectionError(error: unknown, target: Target, options: {timeoutMs?: number} = {}): string {
	const where = target.fallbackReason ? target.server : `${target.server} (context ${target.context})`;
	if (target.fallbackReason && isNetworkError(error)) {
		return `cannot reach a cluster: ${target.fallbackReason}, so kconsole tried ${target.server} like kubectl does (${networkCause(error, {...options, hints: false})}); pass --kubeconfig FILE or set KUBECONFIG`;
	}
	return `cannot use the cluster at ${where}: ${describeCause(error, target, options)}`;
}

/** The reason alone, e.g. for a connection state in the store. */
export function describeCause(error: unknown, target: Pick<KubeTarget, 'user'>, options: {timeoutMs?: number} = {}): string {
	if (error instanceof KubeApiError) {
		if (error.status === 401) return `the server rejected the credentials of user "${target.user}" (401 Unauthorized); the token or client certificate may have expired`;
		if (error.status === 403) return `forbidden: ${error.message}`;
		// A bad request is about the request itself (a log of a container that never started): the message says it all.
		if (error.status === 400) return error.message;
		return `the server answered ${error.status}: ${error.message}`;
	}
	if (isNetworkError(error)) return networkCause(error, options);
	const {code, message, path} = error as NodeJS.ErrnoException;
	if ((code === 'EACCES' || code === 'EPERM') && path) return `cannot read ${path}, named in the kubeconfig: permission denied`;
	if (code === 'ENOENT' && path) return `${path}, named in the kubeconfig, does not exist`;
	if (tlsCodes.has(code ?? '') || /certificate|SSL|TLS/i.test(message ?? '')) {
		return `TLS verification failed (${message}); check the cluster's certificate-authority in the kubeconfig`;
	}
	return firstLine(message ?? String(error));
}

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const tlsCodes = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'EPROTO',
]);

function isNetworkError(error: unknown): boolean {
	const code = (error as {code?: string})?.code;
	return typeof code === 'string' && networkCodes.has(code);
}

function networkCause(error: unknown, options: {timeoutMs?: number; hints?: boolean}): string {
	const {code, hostname} = error as NodeJS.ErrnoException & {hostname?: string};
	switch (code) {
		case 'ECONNREFUSED':
			return options.hints === false ? 'connection refused' : 'connection refused; is the cluster running? (kind: docker ps, minikube: minikube status)';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `the host name ${hostname ?? ''} does not resolve`.replace('  ', ' ');
		case 'ETIMEDOUT':
			return `no answer${options.timeoutMs ? ` within ${formatSeconds(options.timeoutMs)}` : ''}: the server is down or a firewall drops the connection`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return 'no route to the server: check the VPN or the network';
		default:
			return `the connection failed (${code})`;
	}
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function firstLine(text: string): string {
	return text.split('\n')[0];
}
