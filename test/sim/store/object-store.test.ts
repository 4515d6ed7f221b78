import test from 'ava';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {Clock} from '../../../source/sim/clock.js';
import {ObjectStore, type StoreEvent} from '../../../source/sim/store/object-store.js';
import {resourceFor} from '../../../source/sim/store/resources.js';
import type {StatusError} from '../../../source/sim/store/status-error.js';

const namespaces = resourceFor('Namespace');
const pods = resourceFor('Pod');
const configmaps = resourceFor('ConfigMap');

function storeWithNamespace(historyLimit?: number) {
	const store = new ObjectStore(new Clock(), {historyLimit});
	store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
	return store;
}

const configMap = (name: string, data: Record<string, string> = {}): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'shop'}, data});

test('create assigns uid, creation time and a growing resourceVersion', t => {
	const store = storeWithNamespace();
	const first = store.create(configmaps, configMap('a'));
	const second = store.create(configmaps, configMap('b'));
	t.truthy(first.metadata.uid);
	t.regex(first.metadata.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	t.true(Number(second.metadata.resourceVersion) > Number(first.metadata.resourceVersion));
	t.deepEqual(store.list(configmaps, {namespace: 'shop'}).map(object => object.metadata.name), ['a', 'b']);
});

test('create rejects duplicates, bad names and missing or terminating namespaces with Kubernetes status codes', t => {
	const store = storeWithNamespace();
	store.create(configmaps, configMap('a'));
	t.is(t.throws<StatusError>(() => store.create(configmaps, configMap('a')))!.code, 409);
	t.is(t.throws<StatusError>(() => store.create(configmaps, configMap('Bad_Name')))!.code, 422);
	t.is(t.throws<StatusError>(() => store.create(configmaps, {...configMap('x'), metadata: {name: 'x', namespace: 'nope'}}))!.code, 404);
	store.mutate(namespaces, undefined, 'shop', draft => {
		draft.spec = {finalizers: ['kubernetes']};
	});
	store.delete(namespaces, undefined, 'shop');
	const error = t.throws<StatusError>(() => store.create(configmaps, configMap("late")))!;
	t.is(error.code, 403);
	t.regex(error.message, /being terminated/);
});

test('replace checks resourceVersion and a no-op keeps it', t => {
	const store = storeWithNamespace();
	const created = store.create(configmaps, configMap('a', {k: 'v'}));
	const same = store.replace(configmaps, structuredClone(created));
	t.is(same.metadata.resourceVersion, created.metadata.resourceVersion);
	const changed = store.replace(configmaps, {...structuredClone(created), data: {k: 'w'}});
	t.not(changed.metadata.resourceVersion, created.metadata.resourceVersion);
	t.is(t.throws<StatusError>(() => store.replace(configmaps, {...structuredClone(created), data: {k: 'x'}}))!.code, 409);
});

test('finalizers keep an object until they are removed', t => {
	const store = storeWithNamespace();
	store.create(configmaps, {...configMap('held'), metadata: {name: 'held', namespace: 'shop', finalizers: ['example.com/keep']}});
	const marked = store.delete(configmaps, 'shop', 'held');
	t.truthy(marked.metadata.deletionTimestamp);
	t.truthy(store.get(configmaps, 'shop', 'held'));
	store.mutate(configmaps, 'shop', 'held', draft => {
		draft.metadata.finalizers = [];
	});
	t.is(store.get(configmaps, 'shop', 'held'), undefined);
});

test('a scheduled pod is deleted gracefully; grace period 0 removes it', t => {
	const store = storeWithNamespace();
	const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'shop'}, spec: {nodeName: 'node-1', containers: [{name: 'app', image: 'nginx'}]}};
	store.create(pods, pod);
	const terminating = store.delete(pods, 'shop', 'web');
	t.is(terminating.metadata.deletionGracePeriodSeconds, 30);
	t.truthy(store.get(pods, 'shop', 'web'));
	store.delete(pods, 'shop', 'web', {gracePeriodSeconds: 0});
	t.is(store.get(pods, 'shop', 'web'), undefined);
});

test('history replays events after a resourceVersion and expires after compaction', t => {
	const store = storeWithNamespace();
	const start = store.resourceVersion;
	store.create(configmaps, configMap('a'));
	store.create(configmaps, configMap('b'));
	const events = store.eventsSince(start);
	t.deepEqual(events !== 'expired' && events.map(event => `${event.type} ${event.object.metadata.name}`), ['ADDED a', 'ADDED b']);
	store.compact();
	t.is(store.eventsSince(start), 'expired');
	t.deepEqual(store.eventsSince(store.resourceVersion), []);
});

test('the history limit expires the oldest resourceVersions', t => {
	const store = storeWithNamespace(10);
	const start = store.resourceVersion;
	for (let i = 0; i < 20; i++) store.create(configmaps, configMap(`m${i}`));
	t.is(store.eventsSince(start), 'expired');
});

test('a write made by a listener is delivered after the event that caused it, to every listener in order', t => {
	const store = storeWithNamespace();
	const seen: string[][] = [[], []];
	store.subscribe(event => {
		seen[0].push(event.object.metadata.name);
		if (event.object.metadata.name === 'a') store.create(configmaps, configMap('b'));
	});
	store.subscribe((event: StoreEvent) => seen[1].push(event.object.metadata.name));
	store.create(configmaps, configMap('a'));
	t.deepEqual(seen, [
		['a', 'b'],
		['a', 'b'],
	]);
});

test('label and field selectors filter lists', t => {
	const store = storeWithNamespace();
	store.create(configmaps, {...configMap('a'), metadata: {name: 'a', namespace: 'shop', labels: {app: 'web', tier: 'front'}}});
	store.create(configmaps, {...configMap('b'), metadata: {name: 'b', namespace: 'shop', labels: {app: 'db'}}});
	const names = (options: object) => store.list(configmaps, options).map(object => object.metadata.name);
	t.deepEqual(names({labelSelector: 'app=web'}), ['a']);
	t.deepEqual(names({labelSelector: 'app in (web,db),!tier'}), ['b']);
	t.deepEqual(names({labelSelector: 'app!=web'}), ['b']);
	t.deepEqual(names({fieldSelector: 'metadata.name=b'}), ['b']);
	t.deepEqual(names({fieldSelector: 'metadata.namespace!=shop'}), []);
});
