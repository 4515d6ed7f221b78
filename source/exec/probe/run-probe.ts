// Runs one probe step inside kconsole: no process, no shell. Its result looks like a command's:
// lines of output and exit code 0 (passed) or 1 (failed).
import {performance} from 'node:perf_hooks';
import type {LineSink, StepOutcome} from '../step-outcome.js';
import {dnsProbe} from './dns-probe.js';
import {httpProbe} from './http-probe.js';
import {parseProbe} from './parse-probe.js';
import type {ProbeResult} from './probe-context.js';
import {tcpProbe} from './tcp-probe.js';

export type ProbeRequest = {argv: string[]; timeoutMs: number; signal?: AbortSignal; onLine: LineSink};

export async function runProbe(request: ProbeRequest): Promise<StepOutcome> {
	const {argv, timeoutMs, onLine} = request;
	const started = performance.now();
	const parsed = parseProbe(argv);
	if (!parsed.ok) return {exitCode: 1, error: parsed.error, durationMs: 0};
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, timeoutMs);
	const onCancel = () => controller.abort();
	request.signal?.addEventListener('abort', onCancel, {once: true});
	if (request.signal?.aborted) controller.abort();
	const context = {signal: controller.signal, onLine, timeoutMs};
	const {probe} = parsed;
	let result: ProbeResult;
	try {
		result = probe.type === 'tcp'
			? await tcpProbe(probe.target, context)
			: probe.type === 'dns'
				? await dnsProbe(probe.name, probe.server, context)
				: await httpProbe(probe.url, probe.proxy, context);
	} finally {
		clearTimeout(timer);
		request.signal?.removeEventListener('abort', onCancel);
	}
	const durationMs = Math.round(performance.now() - started);
	if (timedOut) {
		onLine('stdout', `no answer within ${timeoutMs / 1000}s`);
		return {exitCode: 1, timedOut: true, durationMs};
	}
	if (result.stopped) return {exitCode: null, error: 'cancelled', durationMs};
	return {exitCode: result.ok ? 0 : 1, durationMs};
}
