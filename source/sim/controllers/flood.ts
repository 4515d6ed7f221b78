import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import {accessLogTime, clientAddress, pick} from '../registry/programs/program.js';
import type {LogStore} from '../store/log-store.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import type {EventRecorder} from './event-recorder.js';

// Load for benchmarks: events and log lines at the requested rates (per real second), in
// bursts every 100 ms, spread over the running pods. Events are the kinds a busy cluster
// repeats (probe failures, back-offs), so the recorder aggregates some and creates others.

const pods = resourceFor('Pod');
const tickMs = 100;
const refreshMs = 2000;

export type FloodOptions = {eventsPerSecond: number; logLinesPerSecond: number};

export function startFlood(context: {clock: Clock; store: ObjectStore; logs: LogStore; recorder: EventRecorder}, options: FloodOptions): () => void {
	const {clock, store, logs, recorder} = context;
	let targets: KubeObject[] = [];
	let refreshedAt = Number.NEGATIVE_INFINITY;
	let eventDebt = 0;
	let lineDebt = 0;
	let last = Date.now();
	const timer = clock.every(tickMs * clock.speed, () => {
		const now = Date.now();
		// Rates hold even when ticks run late on a busy event loop.
		const elapsed = now - last;
		last = now;
		if (now - refreshedAt > refreshMs) {
			targets = store.list(pods).filter(pod => pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp);
			refreshedAt = now;
		}
		if (targets.length === 0) return;
		eventDebt += (Math.max(0, options.eventsPerSecond) * elapsed) / 1000;
		lineDebt += (Math.max(0, options.logLinesPerSecond) * elapsed) / 1000;
		for (; eventDebt >= 1; eventDebt--) floodEvent(recorder, pick(targets));
		const simNow = clock.now();
		for (; lineDebt >= 1; lineDebt--) {
			const pod = pick(targets);
			const container = pick<{name: string}>(pod.spec?.containers ?? [{name: 'app'}]).name;
			logs.append(pod.metadata.namespace!, pod.metadata.name, container, `${clientAddress(Math.floor(Math.random() * 1000))} - - [${accessLogTime(simNow)}] "GET /api/items/${Math.floor(Math.random() * 10_000)} HTTP/1.1" 200 ${200 + Math.floor(Math.random() * 5000)} "-" "load-generator/1.0" "-"`, simNow);
		}
	});
	return () => timer.cancel();
}

function floodEvent(recorder: EventRecorder, pod: KubeObject): void {
	const container = pod.spec?.containers?.[0]?.name ?? 'app';
	const ip = pod.status?.podIP ?? '10.244.0.2';
	const kind = Math.random();
	const message =
		kind < 0.5
			? `Readiness probe failed: Get "http://${ip}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
			: kind < 0.8
				? `Liveness probe failed: HTTP probe failed with statuscode: ${pick([500, 502, 503])}`
				: `Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`;
	recorder.record(pod, {type: 'Warning', reason: 'Unhealthy', message, component: 'kubelet', host: pod.spec?.nodeName, fieldPath: `spec.containers{${container}}`});
}
