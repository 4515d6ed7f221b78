// A console session over a real ClusterStore and real LiveFindings, fed with kubelet-shaped
// objects; logs and guided runs go through small stand-ins of our own interfaces.
import {fileURLToPath} from 'node:url';
import {createRun} from '../../../source/core/guide/guide-reducer.js';
import type {Finding} from '../../../source/core/match/types.js';
import type {KubeObject, WatchedKind} from '../../../source/core/objects/types.js';
import {watchedKinds} from '../../../source/core/objects/types.js';
import type {Playbook} from '../../../source/core/playbook/types.js';
import {createGuideSession} from '../../../source/exec/guide-session.js';
import {RecentTexts} from '../../../source/exec/recent-texts.js';
import type {ActionRequest, Executor} from '../../../source/exec/executor.js';
import {ClusterStore} from '../../../source/kube/cluster-store.js';
import {BatchedSignal} from '../../../source/kube/batched-signal.js';
import {LiveFindings} from '../../../source/kube/live-findings.js';
import {LogBuffer} from '../../../source/kube/log-buffer.js';
import type {ContainerRef, LogQuery, LogStreamState} from '../../../source/kube/log-stream.js';
import {loadPlaybooks} from '../../../source/library/load-playbooks.js';
import type {ConsoleSession, LogSource} from '../../../source/ui/console-session.js';
import {event, healthyPod, now, pod, waiting} from '../../core/match/fixtures/kube.js';

export {now};

export const fixturePlaybooks = fileURLToPath(new URL('../../fixtures/playbooks/', import.meta.url));

export async function playbooks(): Promise<Playbook[]> {
	return (await loadPlaybooks({dirs: [fixturePlaybooks], shipped: false})).playbooks;
}

/** A log whose lines the test appends. */
export class TestLog implements LogSource {
	readonly buffer: LogBuffer;
	readonly #signal = new BatchedSignal(10);
	state: LogStreamState = {status: 'streaming'};
	stopped = false;

	constructor(
		readonly ref: ContainerRef,
		readonly query: LogQuery,
		capacity?: number,
	) {
		this.buffer = new LogBuffer(capacity);
	}

	append(lines: string[]): void {
		this.buffer.append(lines);
		this.#signal.notify();
	}

	subscribe(listener: () => void): () => void {
		return this.#signal.subscribe(listener);
	}

	stop(): void {
		this.stopped = true;
		this.#signal.close();
	}
}

export type ExecutorScript = {
	/** Lines the action prints (the action may also change the store here). */
	lines?: (request: ActionRequest) => string[];
	/** Actions that keep running until cancelled. */
	hold?: (request: ActionRequest) => boolean;
	/** How the action exits; 0 unless this says otherwise. */
	exitCode?: (request: ActionRequest) => number;
};

/** An executor that succeeds at everything (unless the script says otherwise, or holds until cancelled) and records what it was asked. */
export function testExecutor(script: ExecutorScript = {}): Executor & {requests: ActionRequest[]} {
	const requests: ActionRequest[] = [];
	return {
		mode: 'read-write',
		requests,
		async perform(request) {
			requests.push(request);
			for (const line of script.lines?.(request) ?? []) request.onLine('stdout', line);
			if (script.hold?.(request)) {
				await new Promise<void>(resolve => {
					if (request.signal?.aborted) resolve();
					request.signal?.addEventListener('abort', () => resolve(), {once: true});
				});
				return {exitCode: null, signal: 'SIGTERM', durationMs: 5};
			}
			return {exitCode: script.exitCode?.(request) ?? 0, durationMs: 5};
		},
		async recordRefusal() {},
	};
}

export type Fixture = {session: ConsoleSession; store: ClusterStore; findings: LiveFindings; logs: TestLog[]; executor: ReturnType<typeof testExecutor>; dispose(): void};

export const brokenPod = pod({
	deployment: 'web',
	name: 'web-7d4b9c8f6d-x2x9q',
	containers: [{name: 'web', image: 'nginx:1.27-typo', state: waiting('ImagePullBackOff', 'Back-off pulling image "nginx:1.27-typo"')}],
});

export const pullFailed = event({
	about: brokenPod,
	reason: 'Failed',
	message: 'Failed to pull image "nginx:1.27-typo": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27-typo": not found',
	count: 4,
	name: 'web-7d4b9c8f6d-x2x9q.failed',
});

export function standardObjects(): Array<[WatchedKind, KubeObject]> {
	return [
		['Pod', brokenPod],
		['Pod', healthyPod({name: 'api-5f6d7c8b9-abcde', deployment: 'api'})],
		['Pod', healthyPod({name: 'cache-0'})],
		['Event', pullFailed],
	];
}

export async function consoleFixture(options: {objects?: Array<[WatchedKind, KubeObject]>; readOnly?: boolean; writeReport?: ConsoleSession['writeReport']; namespace?: string | null; colour?: boolean; script?: ExecutorScript; library?: Playbook[]} = {}): Promise<Fixture> {
	const store = new ClusterStore({batchMs: 5});
	store.setNamespace(options.namespace === undefined ? 'shop' : options.namespace);
	for (const [kind, object] of options.objects ?? standardObjects()) store.upsert(kind, object);
	for (const kind of watchedKinds) store.setConnection(kind, {status: 'live'});
	const library = options.library ?? await playbooks();
	const findings = new LiveFindings(store, library, {batchMs: 5, matcher: {now: () => now}});
	const outputs = new RecentTexts(findings);
	const logs: TestLog[] = [];
	const executor = testExecutor(options.script);
	const mode = options.readOnly ? 'read-only' : 'read-write';
	const session: ConsoleSession = {
		target: {context: 'kind-dev', server: 'https://127.0.0.1:6443', readOnly: options.readOnly ?? false},
		store,
		findings,
		playbooks: library,
		terminal: {colour: options.colour ?? true, unicode: true},
		openLogs(ref, query) {
			const log = new TestLog(ref, query);
			logs.push(log);
			return log;
		},
		startGuide(finding: Finding, playbook: Playbook) {
			const run = createRun({playbook, finding, mode, context: {context: 'kind-dev', namespace: finding.namespace ?? 'default'}, now});
			return createGuideSession({run, executor, findings, outputs, resolveGraceMs: 0, now: () => now});
		},
		setNamespace: namespace => store.setNamespace(namespace),
		writeReport: options.writeReport,
		now: () => now,
	};
	const dispose = () => {
		findings.stop();
		store.close();
		for (const log of logs) log.stop();
	};
	return {session, store, findings, logs, executor, dispose};
}

/** Polls until the condition holds; no sleeps standing in for synchronisation. */
export async function waitFor(condition: () => boolean, what: string | (() => string) = 'condition', timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}
