import test from 'ava';
import {watchedKinds, type KubeObject, type WatchedKind} from '../../source/core/objects/types.js';
import {ClusterStore, type ConnectionStatus} from '../../source/kube/cluster-store.js';
import {watchCluster} from '../../source/kube/watch-cluster.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import type {SimHandle} from '../../source/sim/start-sim.js';
import {eventually, injectFault, startSimTarget} from './sim-target.js';

const fastBackoff = {initialMs: 100, maxMs: 800, factor: 2, jitter: 0};

function versions(objects: readonly KubeObject[]): string {
	return objects
		.map(object => `${object.metadata.namespace ?? ''}/${object.metadata.name}@${object.metadata.resourceVersion}`)
		.sort()
		.join(' ');
}

/** True when the store holds exactly the server's objects (same names, same resourceVersions); else what differs. */
function sameAsServer(sim: SimHandle, store: ClusterStore, kinds: readonly WatchedKind[] = watchedKinds, namespace?: string): true | string {
	for (const kind of kinds) {
		const resource = resourceFor(kind);
		const server = versions(sim.store.list(resource, resource.namespaced && namespace ? {namespace} : {}));
		const ours = versions(store.list(kind));
		if (server !== ours) return `${kind}: server [${server}] store [${ours}]`;
	}
	return true;
}

function pod(namespace: string, name: string): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace}, spec: {containers: [{name: 'app', image: 'registry.k8s.io/pause:3.9'}]}};
}

function statuses(store: ClusterStore): Set<ConnectionStatus> {
	return new Set([...store.connections().values()].map(state => state.status));
}

test('the store lists every kind and follows changes', async t => {
	const {sim, target} = await startSimTarget();
	const store = new ClusterStore();
	const watch = watchCluster(target, store, {backoff: fastBackoff});
	try {
		await eventually(() => store.settled() && [...store.connections().values()].every(state => state.status === 'live'), 10_000, 'all kinds live');
		await eventually(() => sameAsServer(sim, store), 5000, 'store equals server');
		sim.store.create(resourceFor('Pod'), pod('default', 'added-later'));
		await eventually(() => store.get('Pod', 'default', 'added-later') !== undefined, 5000, 'new pod seen');
		await eventually(() => sameAsServer(sim, store), 5000, 'store equals server after a change');
		t.pass();
	} finally {
		await watch.stop();
		store.close();
		await sim.stop();
	}
});

test('closed watches, an expired resourceVersion and server errors: retrying, then live and equal to the server', async t => {
	const {sim, target} = await startSimTarget();
	const store = new ClusterStore();
	const watch = watchCluster(target, store, {backoff: fastBackoff});
	const seen = new Set<ConnectionStatus>();
	store.subscribe(() => {
		for (const status of statuses(store)) seen.add(status);
	});
	try {
		await eventually(() => sameAsServer(sim, store), 10_000, 'initial sync');

		// The server ends every watch: the informers watch again from where they were.
		await injectFault(sim, {closeWatches: true});
		sim.store.create(resourceFor('Pod'), pod('default', 'after-close'));
		await eventually(() => sameAsServer(sim, store), 5000, 'after closed watches');

		// History compacted while watches are down: the next watch gets 410 and the informer relists.
		await injectFault(sim, {compact: true, closeWatches: true});
		sim.store.create(resourceFor('Pod'), pod('default', 'after-compact'));
		await eventually(() => sameAsServer(sim, store), 5000, 'after compaction');

		// Every request fails for a while: client-node's informers stop; ours come back.
		await injectFault(sim, {errors: {status: 500, seconds: 1}, closeWatches: true});
		sim.store.create(resourceFor('Pod'), pod('default', 'during-errors'));
		await eventually(() => store.connection('Pod').status === 'retrying', 5000, 'retrying');
		const retrying = store.connection('Pod');
		t.true(retrying.retryAt! > Date.now() - 1000);
		t.regex(retrying.message!, /500/);
		await eventually(() => [...store.connections().values()].every(state => state.status === 'live'), 10_000, 'live again');
		await eventually(() => sameAsServer(sim, store), 5000, 'after errors');
		t.true(store.get('Pod', 'default', 'during-errors') !== undefined);
		t.true(seen.has('retrying'));
	} finally {
		await watch.stop();
		store.close();
		await sim.stop();
	}
});

test('a forbidden kind is reported and the others stay live', async t => {
	const {sim, target} = await startSimTarget();
	const store = new ClusterStore();
	const watch = watchCluster(target, store, {backoff: fastBackoff});
	try {
		await eventually(() => sameAsServer(sim, store), 10_000, 'initial sync');
		await injectFault(sim, {forbid: ['nodes'], closeWatches: true});
		await eventually(() => store.connection('Node').status === 'forbidden', 5000, 'nodes forbidden');
		t.regex(store.connection('Node').message!, /forbidden/);
		t.deepEqual(store.list('Node'), []);
		for (const kind of watchedKinds.filter(kind => kind !== 'Node')) t.is(store.connection(kind).status, 'live', kind);
		sim.store.create(resourceFor('Pod'), pod('default', 'while-nodes-forbidden'));
		await eventually(() => store.get('Pod', 'default', 'while-nodes-forbidden') !== undefined, 5000, 'pods still followed');
		// RBAC fixed: the kind comes back by itself.
		await injectFault(sim, {forbid: []});
		await eventually(() => store.connection('Node').status === 'live', 10_000, 'nodes live again');
		await eventually(() => sameAsServer(sim, store), 5000, 'equal again');
	} finally {
		await watch.stop();
		store.close();
		await sim.stop();
	}
});

test('-n watches namespaced kinds in one namespace, and the namespace can be switched', async t => {
	const {sim, target} = await startSimTarget({}, {namespace: 'kube-system'});
	sim.store.create(resourceFor('Node'), {apiVersion: 'v1', kind: 'Node', metadata: {name: 'node-1'}});
	sim.store.create(resourceFor('Pod'), pod('kube-system', 'system-pod'));
	const store = new ClusterStore();
	const watch = watchCluster(target, store, {backoff: fastBackoff});
	try {
		t.is(watch.namespace, 'kube-system');
		await eventually(() => sameAsServer(sim, store, watchedKinds, 'kube-system'), 10_000, 'kube-system only');
		t.true(store.list('Pod').every(object => object.metadata.namespace === 'kube-system'));
		t.true(store.list('Node').length > 0);
		sim.store.create(resourceFor('Pod'), pod('default', 'elsewhere'));
		watch.setNamespace('default');
		t.is(store.namespace, 'default');
		await eventually(() => sameAsServer(sim, store, watchedKinds, 'default'), 10_000, 'default only');
		t.truthy(store.get('Pod', 'default', 'elsewhere'));
		watch.setNamespace(null);
		await eventually(() => sameAsServer(sim, store), 10_000, 'all namespaces');
	} finally {
		await watch.stop();
		store.close();
		await sim.stop();
	}
});

test('stop ends every watch: the server sees no more requests', async t => {
	const {sim, target} = await startSimTarget();
	const store = new ClusterStore();
	const watch = watchCluster(target, store, {backoff: fastBackoff});
	await eventually(() => [...store.connections().values()].every(state => state.status === 'live'), 10_000, 'all kinds live');
	await watch.stop();
	// Requests already on the wire when stop() ran may still reach the server: let them land first.
	let count = -1;
	let quietPolls = 0;
	await eventually(() => {
		const now = sim.requests().length;
		quietPolls = now === count ? quietPolls + 1 : 0;
		count = now;
		return quietPolls >= 5;
	}, 5000, 'no more requests arriving');
	sim.clearRequests();
	await injectFault(sim, {closeWatches: true});
	// Proving an absence needs a wait: a live informer would watch again at once, a failed one within 100 ms.
	await new Promise(resolve => setTimeout(resolve, 300));
	t.deepEqual(sim.requests().map(request => `${request.path}?${request.query}`), []);
	store.close();
	await sim.stop();
});
