// Watch streaming over HTTP: initial state, replay from a resourceVersion, selector transitions,
// bookmarks, timeouts, ERROR 410, and closing from the control endpoint.
import test from 'ava';
import {startSim, type SimHandle} from '../../../source/sim/start-sim.js';
import {eventually, namespaces, podObject, pods} from '../sim-fixtures.js';

let sim: SimHandle;

test.before(async () => {
	sim = await startSim({bare: true, bookmarkIntervalMs: 100});
});

test.after.always(async () => {
	await sim?.stop();
});

type WatchEvent = {type: string; object: any};

/** Opens a watch and collects its events; `ended` resolves when the server ends the stream. */
async function watch(path: string, accept = 'application/json') {
	const controller = new AbortController();
	const response = await fetch(`${sim.url}${path}`, {signal: controller.signal, headers: {accept}});
	const events: WatchEvent[] = [];
	const ended = (async () => {
		let buffer = '';
		try {
			for await (const chunk of response.body!) {
				buffer += Buffer.from(chunk).toString('utf8');
				let newline: number;
				while ((newline = buffer.indexOf('\n')) >= 0) {
					events.push(JSON.parse(buffer.slice(0, newline)));
					buffer = buffer.slice(newline + 1);
				}
			}
		} catch {}
	})();
	return {status: response.status, events, ended, stop: () => controller.abort()};
}

function namespace(name: string): string {
	sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	return name;
}

const summary = (events: WatchEvent[]) => events.filter(event => event.type !== 'BOOKMARK').map(event => `${event.type} ${event.object.metadata?.name ?? event.object.reason}`);

test('without a resourceVersion a watch starts with the current objects, then streams changes', async t => {
	const ns = namespace('watch-initial');
	sim.store.create(pods, podObject('a', ns));
	const stream = await watch(`/api/v1/namespaces/${ns}/pods?watch=true`);
	t.teardown(stream.stop);
	await eventually(() => stream.events.length === 1);
	sim.store.create(pods, podObject('b', ns));
	sim.store.delete(pods, ns, 'b', {gracePeriodSeconds: 0});
	await eventually(() => stream.events.length === 3);
	t.deepEqual(summary(stream.events), ['ADDED a', 'ADDED b', 'DELETED b']);
});

test('a watch from a resourceVersion replays what happened after it', async t => {
	const ns = namespace('watch-replay');
	const from = sim.store.resourceVersion;
	sim.store.create(pods, podObject('one', ns));
	sim.store.mutate(pods, ns, 'one', draft => {
		draft.metadata.labels = {changed: 'yes'};
	});
	const stream = await watch(`/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${from}`);
	t.teardown(stream.stop);
	await eventually(() => stream.events.length === 2);
	t.deepEqual(summary(stream.events), ['ADDED one', 'MODIFIED one']);
	t.is(stream.events[1].object.metadata.labels.changed, 'yes');
});

test('with a label selector, objects entering and leaving the selection are ADDED and DELETED', async t => {
	const ns = namespace('watch-selector');
	const stream = await watch(`/api/v1/namespaces/${ns}/pods?watch=true&labelSelector=tier%3Dweb&resourceVersion=${sim.store.resourceVersion}`);
	t.teardown(stream.stop);
	sim.store.create(pods, {...podObject('p', ns), metadata: {name: 'p', namespace: ns, labels: {tier: 'db'}}});
	const relabel = (tier: string) =>
		sim.store.mutate(pods, ns, 'p', draft => {
			draft.metadata.labels = {tier};
		});
	relabel('web');
	relabel('web-canary');
	await eventually(() => stream.events.length === 2);
	t.deepEqual(summary(stream.events), ['ADDED p', 'DELETED p']);
	t.is(stream.events[1].object.metadata.labels.tier, 'web', 'DELETED carries the last state that matched');
});

test('bookmarks when allowed, sendInitialEvents ends with the initial-events-end bookmark, timeoutSeconds ends the stream', async t => {
	const ns = namespace('watch-bookmarks');
	sim.store.create(pods, podObject('x', ns));
	const stream = await watch(`/api/v1/namespaces/${ns}/pods?watch=true&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`);
	await stream.ended;
	t.is(stream.events[0].type, 'ADDED');
	t.deepEqual(stream.events[1], {
		type: 'BOOKMARK',
		object: {kind: 'Pod', apiVersion: 'v1', metadata: {resourceVersion: stream.events[1].object.metadata.resourceVersion, creationTimestamp: null, annotations: {'k8s.io/initial-events-end': 'true'}}},
	});
	t.true(stream.events.filter(event => event.type === 'BOOKMARK').length >= 3, 'periodic bookmarks and one before the timeout');
});

test.serial('an expired resourceVersion gets an ERROR 410 event and the stream ends', async t => {
	namespace('watch-expired');
	const old = sim.store.resourceVersion;
	sim.store.create(pods, podObject('y', 'watch-expired'));
	sim.store.compact();
	const stream = await watch(`/api/v1/namespaces/watch-expired/pods?watch=true&resourceVersion=${old}`);
	await stream.ended;
	t.is(stream.status, 200);
	t.like(stream.events, [{type: 'ERROR', object: {kind: 'Status', code: 410, reason: 'Expired'}}]);
});

test.serial('the control endpoint closes or expires open watches', async t => {
	const ns = namespace('watch-faults');
	const closed = await watch(`/api/v1/namespaces/${ns}/pods?watch=true`);
	const expired = await watch(`/apis/apps/v1/namespaces/${ns}/deployments?watch=true`);
	await eventually(() => sim.server.watches.size >= 2);
	await fetch(`${sim.url}/kconsole-sim/v1/faults`, {method: 'POST', body: JSON.stringify({closeWatches: true})});
	await closed.ended;
	await expired.ended;
	t.deepEqual(closed.events, []);
	const again = await watch(`/api/v1/namespaces/${ns}/pods?watch=true`);
	await eventually(() => sim.server.watches.size >= 1);
	await fetch(`${sim.url}/kconsole-sim/v1/faults`, {method: 'POST', body: JSON.stringify({expireWatches: true})});
	await again.ended;
	t.like(again.events, [{type: 'ERROR', object: {code: 410}}]);
});

test('watch events as Table rows for kubectl get -w', async t => {
	const ns = namespace('watch-table');
	const response = await fetch(`${sim.url}/api/v1/namespaces/${ns}/pods?watch=true&resourceVersion=${sim.store.resourceVersion}`, {
		headers: {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'},
	});
	const reader = response.body!.getReader();
	sim.store.create(pods, podObject('row', ns));
	const {value} = await reader.read();
	await reader.cancel();
	const event = JSON.parse(Buffer.from(value!).toString('utf8').split('\n')[0]);
	t.is(event.type, 'ADDED');
	t.is(event.object.kind, 'Table');
	t.deepEqual(event.object.rows[0].cells.slice(0, 3), ['row', '0/1', 'Pending']);
});

test('watches opened together each get exactly their own frames from one burst of changes', async t => {
	const ns = namespace('watch-burst');
	const base = `/api/v1/namespaces/${ns}/pods?watch=true&resourceVersion=${sim.store.resourceVersion}`;
	const all = await watch(base);
	const again = await watch(base);
	const web = await watch(`${base}&labelSelector=tier%3Dweb`);
	const db = await watch(`${base}&labelSelector=tier%3Ddb`);
	const named = await watch(`${base}&fieldSelector=metadata.name%3Dp`);
	const rows = await watch(base, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
	for (const stream of [all, again, web, db, named, rows]) t.teardown(stream.stop);
	// Written in one turn of the event loop, so every watch is sent them in one flush.
	const labelled = (name: string, tier: string) => ({...podObject(name, ns), metadata: {name, namespace: ns, labels: {tier}}});
	sim.store.create(pods, labelled('p', 'web'));
	sim.store.create(pods, labelled('q', 'db'));
	sim.store.mutate(pods, ns, 'p', draft => {
		draft.metadata.labels = {tier: 'db'};
	});
	sim.store.delete(pods, ns, 'q', {gracePeriodSeconds: 0});
	await eventually(() => all.events.length === 4 && again.events.length === 4 && web.events.length === 2 && db.events.length === 3 && named.events.length === 2 && rows.events.length === 4);
	t.deepEqual(summary(all.events), ['ADDED p', 'ADDED q', 'MODIFIED p', 'DELETED q']);
	t.deepEqual(again.events, all.events);
	t.deepEqual(summary(web.events), ['ADDED p', 'DELETED p']);
	t.is(web.events[1].object.metadata.labels.tier, 'web', 'DELETED carries the last state that matched');
	t.deepEqual(summary(db.events), ['ADDED q', 'ADDED p', 'DELETED q']);
	t.deepEqual(summary(named.events), ['ADDED p', 'MODIFIED p'], 'starts like the web watch, with as many frames, and differs');
	t.is(all.events[2].object.metadata.labels.tier, 'db');
	t.deepEqual(
		rows.events.map(event => `${event.type} ${event.object.kind} ${event.object.rows[0].cells[0]}`),
		['ADDED Table p', 'ADDED Table q', 'MODIFIED Table p', 'DELETED Table q'],
	);
});
