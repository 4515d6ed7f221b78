// Runs a ```wait step: re-judges the condition whenever the store (or the live findings)
// change, reports progress with the elapsed time at most once a second, and ends when the
// condition is met (exit 0), can no longer be met or times out (exit 1), or is cancelled.
import type {Finding} from '../../core/match/types.js';
import type {KubeObject, WatchedKind} from '../../core/objects/types.js';
import type {ClusterStore} from '../../kube/cluster-store.js';
import type {LineSink, StepOutcome} from '../step-outcome.js';
import {checkWait, conditionKinds, parseWait, type WaitCheck, type WaitScope} from './wait-condition.js';

export type WaitStore = Pick<ClusterStore, 'get' | 'list' | 'connection' | 'subscribe'>;

/** A fresh read of one object from the API server (not the store); undefined when it does not exist. */
export type FreshRead = (kind: WatchedKind, namespace: string | null, name: string) => Promise<KubeObject | undefined>;

/** The findings of the watched cluster as they are now, and a way to hear when they change. */
export type FindingsSource = {findings(): readonly Finding[]; subscribe(listener: () => void): () => void};

export type WaitRequest = {
	argv: string[];
	timeoutMs: number;
	signal?: AbortSignal;
	onLine: LineSink;
	store: WaitStore;
	findings?: FindingsSource;
	scope: WaitScope;
	/** Lets a rollout wait learn the deployment's current generation first, so a watch behind a write cannot pass it. */
	fresh?: FreshRead;
	now?: () => number;
	/** Least time between two progress lines. Default 1 s. */
	progressIntervalMs?: number;
	/** A progress line at least this often even when nothing changed. Default 10 s. */
	heartbeatMs?: number;
};

export async function runWait(request: WaitRequest): Promise<StepOutcome> {
	const {store, findings, scope, onLine, timeoutMs, signal} = request;
	const now = request.now ?? Date.now;
	const interval = request.progressIntervalMs ?? 1000;
	const heartbeat = request.heartbeatMs ?? 10_000;
	const parsed = parseWait(request.argv);
	if (!parsed.ok) return {exitCode: 1, error: parsed.error, durationMs: 0};
	const {condition} = parsed;
	const started = now();
	const elapsed = () => formatElapsed(now() - started);
	const judged = {...scope};
	if (condition.type === 'rollout' && request.fresh) {
		try {
			judged.minimumGeneration = (await request.fresh('Deployment', scope.namespace, condition.name))?.metadata.generation;
		} catch (error) {
			onLine('info', `could not read deployment/${condition.name} from the API server (${(error as Error).message}); judging by the watch alone`);
		}
	}
	const judge = (): WaitCheck => checkWait(condition, store, judged, findings ? () => findings.findings() : undefined);

	return new Promise<StepOutcome>(resolve => {
		let shownText: string | undefined;
		let shownAt = Number.NEGATIVE_INFINITY;
		let finished = false;
		const cleanups: Array<() => void> = [];
		const finish = (outcome: Omit<StepOutcome, 'durationMs'>) => {
			if (finished) return;
			finished = true;
			for (const cleanup of cleanups) cleanup();
			resolve({...outcome, durationMs: now() - started});
		};
		const show = (text: string) => {
			shownText = text;
			shownAt = now();
			onLine('info', `${text}${watchTrouble()} (${elapsed()})`);
		};
		const watchTrouble = () => {
			const troubled = conditionKinds(condition).map(kind => [kind, store.connection(kind).status] as const).filter(([, status]) => status !== 'live');
			return troubled.length === 0 ? '' : ` [watch of ${troubled.map(([kind, status]) => `${kind} ${status}`).join(', ')}]`;
		};
		const evaluate = (tick: boolean) => {
			if (finished) return;
			const check = judge();
			if (check.state === 'met') {
				onLine('stdout', `${check.text} (${elapsed()})`);
				finish({exitCode: 0});
			} else if (check.state === 'failed') {
				onLine('stdout', check.text);
				finish({exitCode: 1, error: check.text});
			} else {
				const since = now() - shownAt;
				if (since >= interval && (check.text !== shownText || (tick && since >= heartbeat))) show(check.text);
			}
		};

		cleanups.push(store.subscribe(() => evaluate(false)));
		if (findings) cleanups.push(findings.subscribe(() => evaluate(false)));
		// A change that came too soon after the last line is shown on the next tick.
		const ticker = setInterval(() => evaluate(true), interval);
		cleanups.push(() => clearInterval(ticker));
		const timer = setTimeout(() => {
			onLine('stdout', `still not met after ${formatElapsed(timeoutMs)}: ${judge().text}`);
			finish({exitCode: 1, timedOut: true});
		}, timeoutMs);
		cleanups.push(() => clearTimeout(timer));
		if (signal) {
			const onAbort = () => finish({exitCode: null, error: 'cancelled'});
			if (signal.aborted) return finish({exitCode: null, error: 'cancelled'});
			signal.addEventListener('abort', onAbort, {once: true});
			cleanups.push(() => signal.removeEventListener('abort', onAbort));
		}
		evaluate(false);
	});
}

/** `850ms`, `12s`, `2m05s`. */
export function formatElapsed(ms: number): string {
	if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
