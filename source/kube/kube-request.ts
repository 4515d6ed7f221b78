// Raw GETs against the API server with the kubeconfig's credentials (the same agent and headers
// client-node builds), for lists, /version and logs: we keep the server's JSON as it is
// (client-node's typed API turns timestamps into Dates) and the server's error message.
import http from 'node:http';
import https from 'node:https';
import type {IncomingMessage} from 'node:http';
import type {KubeTarget} from './kube-target.js';

/** The API server answered with an error status; message is the Status message when it sent one. */
export class KubeApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly reason?: string,
	) {
		super(message);
	}

	/** What client-node's informer reads to tell a 410 (relist) from other failures. */
	get statusCode(): number {
		return this.status;
	}
}

export type RequestOptions = {signal?: AbortSignal; timeoutMs?: number; accept?: string};

/** Resolves with the response once its status is 2xx; rejects with a KubeApiError or the network error. */
export async function kubeRequest(target: Pick<KubeTarget, 'kubeConfig' | 'server'>, path: string, options: RequestOptions = {}): Promise<IncomingMessage> {
	const settings: https.RequestOptions = {headers: {}};
	await target.kubeConfig.applyToHTTPSOptions(settings);
	// Cancelled while credentials were being prepared: an already-aborted signal would not stop node from sending.
	options.signal?.throwIfAborted();
	const url = new URL(target.server.replace(/\/+$/, '') + path);
	const send = url.protocol === 'http:' ? http.request : https.request;
	return new Promise((resolve, reject) => {
		const request = send(url, {
			method: 'GET',
			agent: settings.agent,
			auth: settings.auth,
			headers: {...settings.headers, Accept: options.accept ?? 'application/json', 'User-Agent': 'kconsole'},
			signal: options.signal,
		});
		if (options.timeoutMs !== undefined) {
			// Until the answer starts: a log follow or watch may then stay quiet for as long as it likes.
			const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs}ms`), {code: 'ETIMEDOUT'})), options.timeoutMs);
			request.once('response', () => clearTimeout(timer));
			request.once('close', () => clearTimeout(timer));
		}
		request.once('error', reject);
		request.once('response', response => {
			const status = response.statusCode ?? 0;
			if (status >= 200 && status < 300) {
				resolve(response);
				return;
			}
			readBody(response).then(
				body => reject(apiError(status, body)),
				reject,
			);
		});
		request.end();
	});
}

export async function getJson<T>(target: Pick<KubeTarget, 'kubeConfig' | 'server'>, path: string, options: RequestOptions = {}): Promise<T> {
	const response = await kubeRequest(target, path, options);
	return JSON.parse(await readBody(response)) as T;
}

export async function readBody(response: IncomingMessage): Promise<string> {
	response.setEncoding('utf8');
	let body = '';
	for await (const chunk of response) body += chunk;
	return body;
}

function apiError(status: number, body: string): KubeApiError {
	try {
		const parsed = JSON.parse(body) as {kind?: string; message?: string; reason?: string};
		if (parsed.kind === 'Status' && parsed.message) return new KubeApiError(status, parsed.message, parsed.reason);
	} catch {
		// Not a Status: proxies and load balancers answer with HTML or plain text.
	}
	const text = body.trim().split('\n')[0]?.slice(0, 200);
	return new KubeApiError(status, text || http.STATUS_CODES[status] || `HTTP ${status}`);
}
