// @kubernetes/client-node's informer against the simulated API: list+watch survives a
// server-closed watch and an expired resourceVersion (410) without losing or duplicating objects.
import * as k8s from '@kubernetes/client-node';
import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {startSim} from '../../source/sim/start-sim.js';
import {addRunningPod, eventually, pods, podObject} from '../sim/sim-fixtures.js';

async function control(url: string, body: object): Promise<unknown> {
	const response = await fetch(`${url}/kconsole-sim/v1/faults`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
	return response.json();
}

test('an informer keeps an exact copy of the pods across closed watches and a 410', async t => {
	const sim = await startSim({bare: true});
	t.teardown(() => sim.stop());
	for (let i = 0; i < 20; i++) addRunningPod(sim, `pod-${String(i).padStart(2, '0')}`, {namespace: i % 2 ? 'odd' : 'even'});
	const kc = new k8s.KubeConfig();
	kc.loadFromFile(sim.kubeconfigPath);
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const informer = k8s.makeInformer(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
	const errors: unknown[] = [];
	informer.on('error', error => errors.push(error));
	await informer.start();
	t.teardown(() => informer.stop());

	const serverState = () => new Map(sim.store.list(pods).map(pod => [`${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata.resourceVersion]));
	const cacheState = () => new Map(informer.list().map(pod => [`${pod.metadata!.namespace}/${pod.metadata!.name}`, pod.metadata!.resourceVersion]));
	const inSync = () => JSON.stringify([...cacheState()].sort()) === JSON.stringify([...serverState()].sort());
	await eventually(inSync, 10_000, 'initial sync');

	// The server closes every watch (as an API server restart does); changes made meanwhile arrive by replay.
	const watching = () => eventually(() => sim.server.watches.size === 1, 10_000, 'the informer watching');
	await watching();
	t.like(await control(sim.url, {closeWatches: true}), {closedWatches: 1});
	sim.store.delete(pods, 'even', 'pod-00', {gracePeriodSeconds: 0});
	sim.store.create(pods, podObject('late-1', 'odd'));
	await eventually(inSync, 10_000, 'sync after a closed watch');
	const listsBefore = sim.requests().filter(record => record.path === '/api/v1/pods' && !record.query.includes('watch')).length;

	// History is compacted while the watch is down: the re-watch gets ERROR 410 and the informer lists again.
	const deleted: string[] = [];
	informer.on('delete', pod => deleted.push(pod.metadata!.name!));
	await watching();
	sim.server.watches.closeAll();
	sim.store.delete(pods, 'odd', 'pod-01', {gracePeriodSeconds: 0});
	sim.store.mutate(pods, 'even', 'pod-02', (draft: KubeObject) => {
		draft.metadata.labels = {...draft.metadata.labels, changed: 'during-outage'};
	});
	sim.store.compact();
	sim.store.create(pods, podObject('late-2', 'even'));
	await eventually(inSync, 10_000, 'sync after a 410');
	const listsAfter = sim.requests().filter(record => record.path === '/api/v1/pods' && !record.query.includes('watch')).length;
	t.is(listsAfter, listsBefore + 1, 'the informer listed again after the 410');
	t.deepEqual(deleted, ['pod-01']);
	t.is(informer.get('pod-02', 'even')?.metadata?.labels?.changed, 'during-outage');

	// The same through the control endpoint: expire the open watch with an ERROR event.
	await watching();
	t.like(await control(sim.url, {expireWatches: true}), {expiredWatches: 1});
	sim.store.create(pods, podObject('late-3', 'odd'));
	await eventually(inSync, 10_000, 'sync after an expired watch');
	t.is(informer.list().length, sim.store.count(pods));
	t.deepEqual(errors, []);
});
