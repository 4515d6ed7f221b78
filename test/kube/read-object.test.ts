import test from 'ava';
import {loadTarget} from '../../source/kube/kube-target.js';
import {KubeApiError} from '../../source/kube/kube-request.js';
import {readObject} from '../../source/kube/read-object.js';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';

let sim: SimHandle;

test.before(async () => {
	sim = await startSim({bare: true});
	sim.store.create(resourceFor('Deployment'), {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'default'},
		spec: {selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}}},
	});
});

test.after.always(async () => {
	await sim?.stop();
});

const target = () => loadTarget({kubeconfig: sim.kubeconfigPath, env: {HOME: '/nonexistent'}});

test.serial('reads an object from the API server itself, the latest write included', async t => {
	t.is((await readObject(target(), 'Deployment', 'default', 'web'))?.metadata.generation, 1);
	sim.store.mutate(resourceFor('Deployment'), 'default', 'web', draft => {
		(draft.spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0].image = 'nginx:1.28';
	});
	t.is((await readObject(target(), 'Deployment', 'default', 'web'))?.metadata.generation, 2);
});

test.serial('an object of a cluster-scoped kind is read without a namespace', async t => {
	t.is((await readObject(target(), 'Namespace', null, 'kube-system'))?.metadata.name, 'kube-system');
});

test.serial('a missing object is undefined', async t => {
	t.is(await readObject(target(), 'Deployment', 'default', 'gone'), undefined);
	t.is(await readObject(target(), 'Namespace', null, 'gone'), undefined);
});

test.serial('any other failure rejects with the server\'s status', async t => {
	sim.server.faults.set({forbid: ['deployments']}, Date.now());
	try {
		const error = await t.throwsAsync(readObject(target(), 'Deployment', 'default', 'web'), {instanceOf: KubeApiError});
		t.is(error?.status, 403);
	} finally {
		sim.server.faults.set({clear: true}, Date.now());
	}
});
