import test from 'ava';
import {watchedKinds, type KubeObject, type WatchedKind} from '../../../source/core/objects/types.js';
import {runWait, type WaitStore} from '../../../source/exec/wait/run-wait.js';
import {ClusterStore} from '../../../source/kube/cluster-store.js';
import {deployment, pod} from './objects.js';

/** A live store whose notifications arrive synchronously, so a test decides when each change is seen. */
function liveStore(objects: KubeObject[] = []): {store: ClusterStore; view: WaitStore} {
	const store = new ClusterStore();
	for (const kind of watchedKinds) store.setConnection(kind, {status: 'live'});
	for (const object of objects) store.upsert(object.kind as WatchedKind, object);
	const view: WaitStore = {
		get: (...args) => store.get(...args),
		list: kind => store.list(kind),
		connection: kind => store.connection(kind),
		subscribe: listener => store.onChange(() => listener()),
	};
	return {store, view};
}

function collect() {
	const lines: Array<{stream: string; line: string}> = [];
	return {lines, onLine: (stream: string, line: string) => lines.push({stream, line})};
}

const scope = {namespace: 'shop', deployment: 'web'};

test('a condition already met ends at once with exit 0', async t => {
	const {view} = liveStore([pod('web-1', {ready: true})]);
	const {lines, onLine} = collect();
	const outcome = await runWait({argv: ['ready', 'pod/web-1'], timeoutMs: 5000, onLine, store: view, scope, now: () => 0});
	t.is(outcome.exitCode, 0);
	t.deepEqual(lines, [{stream: 'stdout', line: 'pod/web-1 is Ready (0ms)'}]);
});

test('progress is shown with the elapsed time, at most once a second, until the store says done', async t => {
	const {store, view} = liveStore([deployment('web', {updated: 0, available: 0})]);
	const {lines, onLine} = collect();
	let clock = 0;
	const waiting = runWait({argv: ['rollout', 'deployment/web'], timeoutMs: 60_000, onLine, store: view, scope, now: () => clock});
	clock = 300;
	store.upsert('Deployment', deployment('web', {updated: 1, available: 0, total: 3}));
	clock = 700;
	store.upsert('Deployment', deployment('web', {updated: 1, available: 1, total: 3}));
	clock = 12_400;
	store.upsert('Deployment', deployment('web', {updated: 2, available: 1, total: 2}));
	clock = 14_000;
	store.upsert('Deployment', deployment('web'));
	const outcome = await waiting;
	t.is(outcome.exitCode, 0);
	t.is(outcome.durationMs, 14_000);
	t.deepEqual(lines.map(line => line.line), [
		'waiting for deployment/web: 0/2 updated, 0 available, 2 old pods left (0ms)',
		'waiting for deployment/web: 2/2 updated, 1 available (12s)',
		'deployment/web rolled out: 2/2 updated, 2 available (14s)',
	]);
});

test('a watch that is not live is named in the progress line', async t => {
	const {store, view} = liveStore([pod('web-1', {phase: 'Pending', waiting: 'ContainerCreating'})]);
	store.setConnection('Pod', {status: 'retrying'});
	const {lines, onLine} = collect();
	const controller = new AbortController();
	const waiting = runWait({argv: ['ready', 'pod/web-1'], timeoutMs: 60_000, signal: controller.signal, onLine, store: view, scope, now: () => 0});
	controller.abort();
	await waiting;
	t.is(lines[0].line, 'waiting for pod/web-1 to be Ready: ContainerCreating [watch of Pod retrying] (0ms)');
});

test('at its timeout the wait fails with exit 1 and says what it was still waiting for', async t => {
	const {view} = liveStore([pod('web-1', {phase: 'Pending', waiting: 'ImagePullBackOff'})]);
	const {lines, onLine} = collect();
	const outcome = await runWait({argv: ['pulled', 'pod/web-1'], timeoutMs: 50, onLine, store: view, scope});
	t.like(outcome, {exitCode: 1, timedOut: true});
	t.is(lines.at(-1)?.line, 'still not met after 50ms: waiting for pod/web-1 to be pulled: ImagePullBackOff');
});

test('cancelling ends the wait without a verdict', async t => {
	const {view} = liveStore([]);
	const controller = new AbortController();
	const {onLine} = collect();
	const waiting = runWait({argv: ['gone', 'namespace/old'], timeoutMs: 60_000, signal: controller.signal, onLine, store: view, scope});
	controller.abort();
	// namespace/old never existed: gone at once, before the abort could matter.
	t.is((await waiting).exitCode, 0);
	const {view: other} = liveStore([pod('web-1')]);
	const stopped = runWait({argv: ['gone', 'pod/web-1'], timeoutMs: 60_000, signal: controller.signal, onLine, store: other, scope});
	t.like(await stopped, {exitCode: null, error: 'cancelled'});
});

test('wait resolved follows the live findings', async t => {
	const {view} = liveStore([]);
	const finding = {playbook: 'image-pull', variant: null, severity: 'error' as const, namespace: 'shop', kind: 'Pod', name: 'web-1', container: 'web', summary: 'web cannot pull nginx:typo', evidence: [], captures: {}};
	let current = [finding];
	const listeners = new Set<() => void>();
	const findings = {findings: () => current, subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener))};
	const {lines, onLine} = collect();
	const waiting = runWait({argv: ['resolved'], timeoutMs: 60_000, onLine, store: view, findings, scope: {...scope, finding}, now: () => 0});
	current = [];
	for (const listener of listeners) listener();
	t.is((await waiting).exitCode, 0);
	t.deepEqual(lines.map(line => line.line), ['waiting for the finding to go: web cannot pull nginx:typo (0ms)', 'the finding is gone (0ms)']);
	t.is(listeners.size, 0, 'the wait let go of its subscription');
});

test('a rollout wait right after a write does not pass on the watch\'s stale, complete picture', async t => {
	// The store still shows generation 2 rolled out; the API server already has generation 3.
	const {store, view} = liveStore([deployment('web', {generation: 2})]);
	const {lines, onLine} = collect();
	let shown!: () => void;
	const firstLine = new Promise<void>(resolve => {
		shown = resolve;
	});
	const fresh = async () => deployment('web', {generation: 3, observedGeneration: 2});
	const waiting = runWait({argv: ['rollout', 'deployment/web'], timeoutMs: 60_000, onLine: (stream, line) => (onLine(stream, line), shown()), store: view, scope, fresh, now: () => 0});
	await firstLine;
	t.deepEqual(lines.map(line => line.line), ['waiting for deployment/web: the watch has not seen the latest change yet (0ms)']);
	store.upsert('Deployment', deployment('web', {generation: 3}));
	t.is((await waiting).exitCode, 0);
});
