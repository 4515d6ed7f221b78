// Does an HTTP(S) request get through, directly or through a proxy? For https the proxy is
// asked to open a tunnel (CONNECT) and TLS runs inside it; for http the proxy gets the
// absolute URL (GET http://host/path), as curl and docker do. Any answer below 500 means the
// path works (a registry's /v2/ answers 401 to strangers); 5xx and proxy refusals do not.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import {describeNetworkError} from './network-error.js';
import type {ProbeContext, ProbeResult} from './probe-context.js';

const userAgent = 'kconsole-probe';

export async function httpProbe(url: URL, proxy: URL | undefined, context: ProbeContext): Promise<ProbeResult> {
	const {signal, onLine} = context;
	const shownUrl = withoutCredentials(url);
	try {
		let response: http.IncomingMessage;
		if (!proxy) {
			response = await send(url.protocol === 'https:' ? https : http, url, {signal, agent: false, headers: {'user-agent': userAgent}});
		} else if (url.protocol === 'http:') {
			const target = new URL(shownUrl);
			response = await send(http, target, {
				signal,
				agent: false,
				// hostname, not host: the URL's own hostname would win over host.
				hostname: hostOf(proxy),
				port: proxy.port || 80,
				path: target.href,
				headers: {host: target.host, 'user-agent': userAgent, ...proxyAuthorization(proxy)},
			});
			onLine('stdout', `via proxy ${proxy.host} (absolute-form request)`);
		} else {
			const authority = `${url.hostname}:${url.port || 443}`;
			const tunnel = await openTunnel(proxy, authority, signal);
			onLine('stdout', `proxy ${proxy.host}: CONNECT ${authority} → ${tunnel.statusCode} ${tunnel.statusMessage}`.trimEnd());
			if (!tunnel.socket) return {ok: false};
			const servername = net.isIP(hostOf(url)) ? undefined : hostOf(url);
			const secure = await handshake(tls.connect({socket: tunnel.socket, servername, ALPNProtocols: ['http/1.1']}), signal);
			response = await send(https, url, {signal, agent: false, createConnection: () => secure, headers: {'user-agent': userAgent}});
		}
		const status = response.statusCode ?? 0;
		onLine('stdout', `GET ${shownUrl} → ${status} ${response.statusMessage ?? ''}`.trimEnd());
		const server = response.headers.server;
		if (server) onLine('stdout', `server: ${server}`);
		return {ok: status > 0 && status < 500};
	} catch (error) {
		if (signal.aborted) return {ok: false, stopped: true};
		onLine('stdout', `GET ${shownUrl}${proxy ? ` via proxy ${proxy.host}` : ''}: ${describeNetworkError(error)}`);
		return {ok: false};
	}
}

async function send(client: typeof http | typeof https, url: URL, options: https.RequestOptions): Promise<http.IncomingMessage> {
	return new Promise((resolve, reject) => {
		const request = client.request(url, {method: 'GET', ...options});
		request.once('response', response => {
			// Only the status matters: let the body go.
			response.resume();
			resolve(response);
		});
		request.once('error', reject);
		request.end();
	});
}

/** The TLS socket once its handshake is done; its failure (an untrusted certificate) is the probe's answer. */
async function handshake(socket: tls.TLSSocket, signal: AbortSignal): Promise<tls.TLSSocket> {
	return new Promise((resolve, reject) => {
		const onAbort = () => socket.destroy(new Error('aborted'));
		signal.addEventListener('abort', onAbort, {once: true});
		socket.once('secureConnect', () => {
			signal.removeEventListener('abort', onAbort);
			resolve(socket);
		});
		socket.once('error', error => {
			signal.removeEventListener('abort', onAbort);
			socket.destroy();
			reject(error);
		});
	});
}

type Tunnel = {statusCode: number; statusMessage: string; socket?: net.Socket};

async function openTunnel(proxy: URL, authority: string, signal: AbortSignal): Promise<Tunnel> {
	return new Promise((resolve, reject) => {
		const request = http.request({
			hostname: hostOf(proxy),
			port: proxy.port || 80,
			method: 'CONNECT',
			path: authority,
			agent: false,
			signal,
			headers: {host: authority, 'user-agent': userAgent, ...proxyAuthorization(proxy)},
		});
		request.once('connect', (response: http.IncomingMessage, socket: net.Socket) => {
			const statusCode = response.statusCode ?? 0;
			if (statusCode === 200) resolve({statusCode, statusMessage: response.statusMessage ?? '', socket});
			else {
				socket.destroy();
				resolve({statusCode, statusMessage: response.statusMessage ?? ''});
			}
		});
		// Some Node versions hand a refused CONNECT over as an ordinary response.
		request.once('response', response => {
			response.resume();
			resolve({statusCode: response.statusCode ?? 0, statusMessage: response.statusMessage ?? ''});
		});
		request.once('error', reject);
		request.end();
	});
}

/** URL host without IPv6 brackets, as sockets want it. */
function hostOf(url: URL): string {
	return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function proxyAuthorization(proxy: URL): Record<string, string> {
	if (!proxy.username) return {};
	const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
	return {'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}`};
}

function withoutCredentials(url: URL): string {
	const copy = new URL(url.href);
	copy.username = '';
	copy.password = '';
	return copy.href;
}
