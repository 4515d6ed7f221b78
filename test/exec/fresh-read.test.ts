import test from 'ava';
import {freshRead} from '../../source/exec/fresh-read.js';
import {loadTarget} from '../../source/kube/kube-target.js';
import {startSim} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';

test('reads an object from the API server itself; a missing one is undefined', async t => {
	const sim = await startSim({bare: true});
	try {
		sim.store.create(resourceFor('Deployment'), {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'web', namespace: 'default'},
			spec: {selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}}},
		});
		const read = freshRead(loadTarget({kubeconfig: sim.kubeconfigPath, env: {HOME: '/nonexistent'}}));
		t.is((await read('Deployment', 'default', 'web'))?.metadata.generation, 1);
		t.is(await read('Deployment', 'default', 'gone'), undefined);
	} finally {
		await sim.stop();
	}
});
