import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {ClusterStore, type StoreChange} from '../../source/kube/cluster-store.js';

const pod = (namespace: string, name: string, resourceVersion = '1'): KubeObject => ({apiVersion: 'v1', kind: 'Pod', metadata: {namespace, name, resourceVersion}});
const node = (name: string): KubeObject => ({apiVersion: 'v1', kind: 'Node', metadata: {name, resourceVersion: '1'}});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

test('upsert, get and remove, with every change reported synchronously', t => {
	const store = new ClusterStore();
	const changes: StoreChange[] = [];
	store.onChange(change => changes.push(change));
	store.upsert('Pod', pod('shop', 'web'));
	t.is(store.get('Pod', 'shop', 'web')?.metadata.name, 'web');
	store.remove('Pod', pod('shop', 'web'));
	t.is(store.get('Pod', 'shop', 'web'), undefined);
	t.deepEqual(changes.map(change => `${change.type} ${change.object.metadata.name}`), ['upsert web', 'remove web']);
	store.close();
});

test('list items without kind get the kind of their collection', t => {
	const store = new ClusterStore();
	store.upsert('Deployment', {metadata: {namespace: 'shop', name: 'web'}} as KubeObject);
	const stored = store.get('Deployment', 'shop', 'web')!;
	t.is(stored.kind, 'Deployment');
	t.is(stored.apiVersion, 'apps/v1');
	store.close();
});

test('an object at the same resourceVersion is no change', t => {
	const store = new ClusterStore();
	store.upsert('Pod', pod('shop', 'web', '5'));
	const version = store.version;
	store.upsert('Pod', pod('shop', 'web', '5'));
	t.is(store.version, version);
	store.upsert('Pod', pod('shop', 'web', '6'));
	t.true(store.version > version);
	store.close();
});

test('list returns the same array until that kind changes', t => {
	const store = new ClusterStore();
	store.upsert('Pod', pod('shop', 'a'));
	const pods = store.list('Pod');
	store.upsert('Node', node('n1'));
	t.is(store.list('Pod'), pods);
	store.upsert('Pod', pod('shop', 'b'));
	t.not(store.list('Pod'), pods);
	t.deepEqual(store.list('Pod').map(object => object.metadata.name).sort(), ['a', 'b']);
	store.close();
});

test('replaceKind leaves exactly the listed objects and reports the removals', t => {
	const store = new ClusterStore();
	store.upsert('Pod', pod('shop', 'old'));
	store.upsert('Pod', pod('shop', 'kept'));
	const removed: string[] = [];
	store.onChange(change => change.type === 'remove' && removed.push(change.object.metadata.name));
	store.replaceKind('Pod', [pod('shop', 'kept'), pod('shop', 'new')]);
	t.deepEqual(store.list('Pod').map(object => object.metadata.name).sort(), ['kept', 'new']);
	t.deepEqual(removed, ['old']);
	store.close();
});

test('switching namespace empties namespaced kinds and keeps cluster-scoped ones', t => {
	const store = new ClusterStore();
	store.upsert('Pod', pod('shop', 'web'));
	store.upsert('Node', node('n1'));
	store.setNamespace('other');
	t.is(store.namespace, 'other');
	t.deepEqual(store.list('Pod'), []);
	t.is(store.list('Node').length, 1);
	store.close();
});

test('connection states are kept per kind and the map is stable between changes', t => {
	const store = new ClusterStore();
	t.is(store.connection('Pod').status, 'connecting');
	t.false(store.settled());
	const before = store.connections();
	store.setConnection('Pod', {status: 'live'});
	t.not(store.connections(), before);
	const after = store.connections();
	store.setConnection('Pod', {status: 'live'});
	t.is(store.connections(), after);
	store.setConnection('Node', {status: 'forbidden', message: 'nodes is forbidden'});
	t.is(store.connections().get('Node')?.status, 'forbidden');
	store.close();
});

test('a flood of changes notifies subscribers in batches', async t => {
	const store = new ClusterStore({batchMs: 50});
	let notified = 0;
	store.subscribe(() => notified++);
	const started = Date.now();
	for (let index = 0; index < 5000; index++) store.upsert('Pod', pod('shop', `p${index}`));
	await waitFor(() => notified > 0);
	t.is(notified, 1);
	// Keep changing for a while: at most one notification per interval (20 a second).
	const until = Date.now() + 300;
	let counter = 0;
	while (Date.now() < until) {
		store.upsert('Pod', pod('shop', 'busy', String(counter++)));
		await new Promise(resolve => setImmediate(resolve));
	}
	await waitFor(() => Date.now() > until + 60);
	const elapsed = Date.now() - started;
	t.true(notified <= Math.ceil(elapsed / 50) + 1, `${notified} notifications in ${elapsed} ms`);
	t.true(notified >= 2);
	store.close();
});
