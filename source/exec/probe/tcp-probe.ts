// Can this machine open a TCP connection to HOST:PORT? The first question about any tunnel,
// NodePort or registry.
import net from 'node:net';
import {formatEndpoint, type Endpoint} from './parse-probe.js';
import {describeNetworkError} from './network-error.js';
import type {ProbeContext, ProbeResult} from './probe-context.js';

export async function tcpProbe(target: Endpoint, context: ProbeContext): Promise<ProbeResult> {
	const shown = formatEndpoint(target);
	const started = performance.now();
	return new Promise(resolve => {
		const socket = net.connect({host: target.host, port: target.port});
		const finish = (result: ProbeResult) => {
			socket.destroy();
			context.signal.removeEventListener('abort', onAbort);
			resolve(result);
		};
		const onAbort = () => finish({ok: false, stopped: true});
		context.signal.addEventListener('abort', onAbort, {once: true});
		socket.once('connect', () => {
			const took = Math.round(performance.now() - started);
			const address = socket.remoteAddress && socket.remoteAddress !== target.host ? ` (${socket.remoteAddress})` : '';
			context.onLine('stdout', `tcp ${shown}${address}: connected in ${took} ms`);
			finish({ok: true});
		});
		socket.once('error', error => {
			context.onLine('stdout', `tcp ${shown}: ${describeNetworkError(error)}`);
			finish({ok: false});
		});
	});
}
