import test from 'ava';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {type Harness, isReady, rolledOut, startWorld, waitingReason} from '../world-harness.js';

function crashLooping(sim: Harness, namespace: string, deployment: string): Promise<KubeObject> {
	return sim.waitFor(`${deployment} in CrashLoopBackOff`, () => sim.pods(namespace, deployment).find(pod => waitingReason(pod) === 'CrashLoopBackOff' && pod.status?.containerStatuses?.[0]?.restartCount >= 2));
}

function backOffMessage(pod: KubeObject, container: string): RegExp {
	const description = `${pod.metadata.name}_${pod.metadata.namespace}\\(${pod.metadata.uid}\\)`;
	return new RegExp(`^back-off (10s|20s|40s|1m20s|2m40s|5m0s) restarting failed container=${container} pod=${description}$`);
}

test("crash-bad-command: python cannot open the wrong entry script; the corrected command runs", async t => {
	const sim = await startWorld(t, ['crash-bad-command']);
	const pod = await crashLooping(sim, 'cifar10-dev', 'cifar10-api');
	const status = pod.status!.containerStatuses[0];
	t.regex(status.state.waiting.message, backOffMessage(pod, 'cifar-api'));
	t.is(status.lastState.terminated.exitCode, 2);
	t.is(status.lastState.terminated.reason, 'Error');
	t.regex(status.lastState.terminated.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
	t.is(pod.status!.phase, 'Running');
	t.false(status.ready);
	const error = "python: can't open file '/app/wrong_entry.py': [Errno 2] No such file or directory";
	t.true([...sim.logLines('cifar10-dev', pod.metadata.name, 'cifar-api'), ...sim.logLines('cifar10-dev', pod.metadata.name, 'cifar-api', true)].includes(error));
	const backOff = sim.events('cifar10-dev', event => event.reason === 'BackOff' && (event.involvedObject as {uid: string}).uid === pod.metadata.uid)[0];
	t.is(backOff.type, 'Warning');
	t.is(backOff.message, `Back-off restarting failed container cifar-api in pod ${pod.metadata.name}_cifar10-dev(${pod.metadata.uid})`);
	t.is((backOff.involvedObject as {fieldPath: string}).fieldPath, 'spec.containers{cifar-api}');
	t.deepEqual(backOff.source, {component: 'kubelet', host: pod.spec.nodeName});

	sim.patch('Deployment', 'cifar10-dev', 'cifar10-api', 'json', [{op: 'replace', path: '/spec/template/spec/containers/0/command', value: ['python', 'app.py']}]);
	await sim.waitFor('the fixed deployment to roll out', () => rolledOut(sim, 'cifar10-dev', 'cifar10-api'));
	const fixed = sim.pods('cifar10-dev', 'cifar10-api')[0];
	await sim.waitFor('Flask to serve', () => sim.logLines('cifar10-dev', fixed.metadata.name, 'cifar-api').includes(` * Running on http://${fixed.status.podIP}:5000`));
	t.pass();
});

test('crash-bad-command: a command missing from the image is a StartError with exit code 128', async t => {
	const sim = await startWorld(t, ['crash-bad-command']);
	const pod = await crashLooping(sim, 'cifar10-dev', 'cifar10-worker');
	const message = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "pyhton": executable file not found in $PATH: unknown';
	const {terminated} = pod.status!.containerStatuses[0].lastState;
	t.like(terminated, {exitCode: 128, reason: 'StartError', message, startedAt: '1970-01-01T00:00:00Z'});
	t.true(sim.events('cifar10-dev', event => (event.involvedObject as {uid: string}).uid === pod.metadata.uid).some(event => event.type === 'Warning' && event.reason === 'Failed' && event.message === `Error: ${message}`));
	sim.patch('Deployment', 'cifar10-dev', 'cifar10-worker', 'json', [{op: 'replace', path: '/spec/template/spec/containers/0/command', value: ['python', 'app.py']}]);
	await sim.waitFor('the fixed deployment to roll out', () => rolledOut(sim, 'cifar10-dev', 'cifar10-worker'));
	t.true(sim.pods('cifar10-dev', 'cifar10-worker').every(isReady));
});

test('crash-oom: the kernel kills the model server at its memory limit; a larger limit fixes it', async t => {
	const sim = await startWorld(t, ['crash-oom']);
	const pod = await crashLooping(sim, 'ml-serving', 'model-server');
	t.like(pod.status!.containerStatuses[0].lastState.terminated, {exitCode: 137, reason: 'OOMKilled'});
	t.regex(pod.status!.containerStatuses[0].state.waiting.message, backOffMessage(pod, 'model-server'));
	t.true(sim.logLines('ml-serving', pod.metadata.name, 'model-server', true).includes('[INFO] allocating inference buffers (batch_size=64)'));
	const oom = sim.events('default', event => event.reason === 'SystemOOM')[0];
	t.is((oom.involvedObject as {kind: string}).kind, 'Node');
	t.regex(String(oom.message), /^System OOM encountered, victim process: python, pid: \d+$/);

	sim.patch('Deployment', 'ml-serving', 'model-server', 'strategic', {spec: {template: {spec: {containers: [{name: 'model-server', resources: {limits: {memory: '1Gi'}}}]}}}});
	await sim.waitFor('the fixed deployment to roll out', () => rolledOut(sim, 'ml-serving', 'model-server'));
	const fixed = sim.pods('ml-serving', 'model-server')[0];
	await sim.waitFor('the model to load', () => sim.logLines('ml-serving', fixed.metadata.name, 'model-server').includes('[INFO] model ready, serving on :8080'));
	t.is(fixed.status!.containerStatuses[0].restartCount, 0);
});
