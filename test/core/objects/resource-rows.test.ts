import test from 'ava';
import {deploymentRow} from '../../../source/core/objects/deployment-rows.js';
import type {Health} from '../../../source/core/objects/health.js';
import {nodeRow} from '../../../source/core/objects/node-rows.js';
import {comparePodRows, podHealth, podRow} from '../../../source/core/objects/pod-rows.js';
import type {Deployment} from '../../../source/core/objects/types.js';
import {healthyNodeConditions, healthyPod, node, now, pod, terminated, waiting} from '../match/fixtures/kube.js';

const healthCases: Array<[string, string, string, Health]> = [
	['running and ready', 'Running', '1/1', 'ok'],
	['running, one container not ready', 'Running', '1/2', 'pending'],
	['completed job pod', 'Completed', '0/1', 'ok'],
	['creating its container', 'ContainerCreating', '0/1', 'pending'],
	['init containers still running', 'Init:0/2', '0/1', 'pending'],
	['terminating', 'Terminating', '1/1', 'pending'],
	['image pull back-off', 'ImagePullBackOff', '0/1', 'failing'],
	['crash loop', 'CrashLoopBackOff', '0/1', 'failing'],
	['an init container failed', 'Init:Error', '0/1', 'failing'],
	['exit code without a reason', 'ExitCode:137', '0/1', 'failing'],
	['evicted', 'Evicted', '0/1', 'failing'],
];

for (const [name, status, ready, expected] of healthCases) {
	test(`pod health: ${name}`, t => {
		t.is(podHealth(status, ready), expected);
	});
}

test('a pod row carries kubectl columns, node and health', t => {
	const row = podRow(pod({deployment: 'web', name: 'web-1', containers: [{name: 'web', image: 'nginx:1.27-typo', state: waiting('ImagePullBackOff', 'Back-off pulling image')}]}), now);
	t.like(row, {key: 'shop/web-1', namespace: 'shop', name: 'web-1', node: 'minikube', ready: '0/1', status: 'ImagePullBackOff', restartCount: 0, health: 'failing'});
});

test('an unscheduled pod shows <none> as its node', t => {
	const unscheduled = healthyPod({name: 'web-2'});
	delete unscheduled.spec.nodeName;
	t.is(podRow(unscheduled, now).node, '<none>');
});

test('names with terminal escapes are shown inert', t => {
	const hostile = healthyPod({name: 'web-\u001b]0;owned\u0007x'});
	t.is(podRow(hostile, now).name, 'web-x');
});

test('pod rows sort by namespace then name', t => {
	const rows = [podRow(healthyPod({name: 'b', namespace: 'shop'}), now), podRow(healthyPod({name: 'a', namespace: 'zoo'}), now), podRow(healthyPod({name: 'a', namespace: 'shop'}), now)];
	t.deepEqual(rows.sort(comparePodRows).map(row => row.key), ['shop/a', 'shop/b', 'zoo/a']);
});

test('a crash-looping pod counts its restarts', t => {
	const row = podRow(pod({name: 'api-1', containers: [{name: 'api', image: 'api:2', state: waiting('CrashLoopBackOff'), lastState: terminated('Error', 1), restartCount: 4}]}), now);
	t.like(row, {status: 'CrashLoopBackOff', restartCount: 4, health: 'failing'});
});

const deployment = (replicas: number, status: NonNullable<Deployment['status']>): Deployment => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', namespace: 'shop', creationTimestamp: '2024-05-01T12:00:00Z'},
	spec: {replicas, selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}}},
	status,
});

const deploymentCases: Array<[string, Deployment, {ready: string; health: Health; reason?: string}]> = [
	['all replicas available', deployment(2, {replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2}), {ready: '2/2', health: 'ok'}],
	['a rollout in progress', deployment(2, {replicas: 3, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2}), {ready: '2/2', health: 'pending'}],
	['no status yet', deployment(1, {}), {ready: '0/1', health: 'pending'}],
	[
		'progress deadline exceeded',
		deployment(1, {replicas: 1, updatedReplicas: 1, conditions: [{type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-5d" has timed out progressing.'}]}),
		{ready: '0/1', health: 'failing', reason: 'ReplicaSet "web-5d" has timed out progressing.'},
	],
];

for (const [name, object, expected] of deploymentCases) {
	test(`deployment row: ${name}`, t => {
		t.like(deploymentRow(object), expected);
	});
}

const nodeCases: Array<[string, Parameters<typeof node>[1], {status: string; health: Health; problems: string[]}]> = [
	['ready', healthyNodeConditions, {status: 'Ready', health: 'ok', problems: []}],
	['not ready', {...healthyNodeConditions, Ready: {status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy'}}, {status: 'NotReady', health: 'failing', problems: []}],
	['memory pressure', {...healthyNodeConditions, MemoryPressure: {status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'low'}}, {status: 'Ready', health: 'pending', problems: ['MemoryPressure']}],
];

for (const [name, conditions, expected] of nodeCases) {
	test(`node row: ${name}`, t => {
		const row = nodeRow(node('worker-1', conditions));
		t.deepEqual({status: row.status, health: row.health, problems: row.problems}, expected);
	});
}

test('node roles come from node-role labels, version from the kubelet', t => {
	const control = node('cp', healthyNodeConditions);
	control.metadata.labels = {...control.metadata.labels, 'node-role.kubernetes.io/control-plane': ''};
	t.like(nodeRow(control), {roles: 'control-plane', version: 'v1.30.0'});
	t.like(nodeRow(node('w', healthyNodeConditions)), {roles: '<none>'});
});
