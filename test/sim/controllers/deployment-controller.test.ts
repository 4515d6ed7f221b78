import test from 'ava';
import {container, deployment, namespace} from '../../../source/sim/scenarios/manifests.js';
import {resourceFor} from '../../../source/sim/store/resources.js';
import {type Harness, isReady, rolledOut, startWorld} from '../world-harness.js';

async function web(sim: Harness, options: {replicas?: number; strategy?: Record<string, unknown>; extra?: Record<string, unknown>} = {}) {
	sim.create(namespace('apps'));
	const object = deployment({namespace: 'apps', name: 'web', replicas: options.replicas ?? 1, strategy: options.strategy, containers: [container('nginx', 'nginx:1.27', {ports: [{containerPort: 80}]})]});
	Object.assign(object.spec, options.extra);
	sim.create(object);
	await sim.waitFor('web rolled out', () => rolledOut(sim, 'apps', 'web'));
}

const messages = (sim: Harness, kind: string) => sim.events('apps', event => (event.involvedObject as {kind: string}).kind === kind).map(event => String(event.message));

test('scaling up and down: replica set scaled with the real messages, extra pods stopped gracefully', async t => {
	const sim = await startWorld(t, []);
	await web(sim);
	const replicaSet = sim.list('ReplicaSet', 'apps')[0].metadata.name;
	sim.patch('Deployment', 'apps', 'web', 'merge', {spec: {replicas: 3}});
	await sim.waitFor('three ready pods', () => rolledOut(sim, 'apps', 'web') && sim.pods('apps', 'web').length === 3);
	t.true(messages(sim, 'Deployment').includes(`Scaled up replica set ${replicaSet} to 3 from 1`));

	sim.patch('Deployment', 'apps', 'web', 'merge', {spec: {replicas: 1}});
	await sim.waitFor('one pod left', () => sim.list('Pod', 'apps').length === 1 && rolledOut(sim, 'apps', 'web'));
	t.true(messages(sim, 'Deployment').includes(`Scaled down replica set ${replicaSet} to 1 from 3`));
	const deleted = messages(sim, 'ReplicaSet').filter(message => message.startsWith('Deleted pod: '));
	t.is(deleted.length, 2);
	const killing = sim.events('apps', event => event.reason === 'Killing');
	t.is(killing.length, 2);
	t.true(killing.every(event => event.message === 'Stopping container nginx' && event.type === 'Normal'));
});

test('rollout restart: a new revision replaces every pod, old replica set kept at 0 for history', async t => {
	const sim = await startWorld(t, []);
	await web(sim, {replicas: 2});
	const before = sim.pods('apps', 'web').map(pod => pod.metadata.name);
	sim.restart('apps', 'web');
	await sim.waitFor('the restart to roll out', () => rolledOut(sim, 'apps', 'web') && sim.list('Pod', 'apps').length === 2 && sim.pods('apps', 'web').every(pod => !before.includes(pod.metadata.name)));
	const sets = sim.list('ReplicaSet', 'apps').map(replicaSet => [replicaSet.metadata.annotations?.['deployment.kubernetes.io/revision'], replicaSet.spec.replicas]);
	t.deepEqual(sets.sort(), [['1', 0], ['2', 2]]);
	const deployment = sim.get('Deployment', 'apps', 'web')!;
	t.is(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
	t.like(deployment.status, {observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2});
	t.deepEqual(
		deployment.status.conditions.map(({type, status, reason}: Record<string, string>) => [type, status, reason]),
		[['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable']],
	);
	t.true(sim.pods('apps', 'web').every(isReady));
});

test('a rollout that never becomes available times out at its progress deadline', async t => {
	const sim = await startWorld(t, []);
	await web(sim, {extra: {progressDeadlineSeconds: 30}});
	sim.patch('Deployment', 'apps', 'web', 'strategic', {spec: {template: {spec: {containers: [{name: 'nginx', image: 'nginx:9.99'}]}}}});
	const deployment = await sim.waitFor('ProgressDeadlineExceeded', () => {
		const current = sim.get('Deployment', 'apps', 'web')!;
		return current.status?.conditions?.some((condition: {reason: string}) => condition.reason === 'ProgressDeadlineExceeded') && current;
	});
	const newSet = sim.list('ReplicaSet', 'apps').find(replicaSet => replicaSet.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!;
	t.like(deployment.status.conditions.find((condition: {type: string}) => condition.type === 'Progressing'), {status: 'False', message: `ReplicaSet "${newSet.metadata.name}" has timed out progressing.`});
	t.like(deployment.status.conditions.find((condition: {type: string}) => condition.type === 'Available'), {status: 'True'});
});

test('Recreate stops the old pods before starting new ones', async t => {
	const sim = await startWorld(t, []);
	await web(sim, {replicas: 2, strategy: {type: 'Recreate'}});
	sim.patch('Deployment', 'apps', 'web', 'strategic', {spec: {template: {spec: {containers: [{name: 'nginx', image: 'nginx:1.25'}]}}}});
	let mixed = false;
	await sim.waitFor('the new revision', () => {
		const images = new Set(sim.list('Pod', 'apps').map(pod => pod.spec.containers[0].image));
		if (images.size > 1) mixed = true;
		return rolledOut(sim, 'apps', 'web') && sim.list('Pod', 'apps').every(pod => pod.spec.containers[0].image === 'nginx:1.25');
	});
	t.false(mixed);
});

test('revisionHistoryLimit keeps that many old replica sets', async t => {
	const sim = await startWorld(t, []);
	await web(sim, {extra: {revisionHistoryLimit: 1}});
	for (let revision = 2; revision <= 4; revision++) {
		sim.restart('apps', 'web');
		await sim.waitFor(`revision ${revision}`, () => rolledOut(sim, 'apps', 'web') && sim.get('Deployment', 'apps', 'web')!.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(revision));
	}
	await sim.waitFor('old replica sets pruned', () => sim.list('ReplicaSet', 'apps').length === 2);
	t.deepEqual(sim.list('ReplicaSet', 'apps').map(replicaSet => replicaSet.metadata.annotations?.['deployment.kubernetes.io/revision']).sort(), ['3', '4']);
});

test('deleting a deployment removes its replica sets and pods (garbage collector)', async t => {
	const sim = await startWorld(t, []);
	await web(sim, {replicas: 2});
	sim.store.delete(resourceFor('Deployment'), 'apps', 'web');
	await sim.waitFor('everything gone', () => sim.list('ReplicaSet', 'apps').length === 0 && sim.list('Pod', 'apps').length === 0);
	t.pass();
});

test('deleting with --cascade=orphan leaves the replica set and its pods without an owner', async t => {
	const sim = await startWorld(t, []);
	await web(sim);
	// The API server adds the orphan finalizer for propagationPolicy=Orphan.
	sim.store.mutate(resourceFor('Deployment'), 'apps', 'web', draft => {
		draft.metadata.finalizers = ['orphan'];
	});
	sim.store.delete(resourceFor('Deployment'), 'apps', 'web');
	await sim.waitFor('the deployment gone', () => !sim.get('Deployment', 'apps', 'web'));
	const [replicaSet] = sim.list('ReplicaSet', 'apps');
	t.is(replicaSet.metadata.ownerReferences, undefined);
	t.is(sim.list('Pod', 'apps').length, 1);
});
