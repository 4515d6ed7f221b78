import test from 'ava';
import {describeObject} from '../../../source/core/objects/describe-object.js';
import {EventFold} from '../../../source/core/objects/event-fold.js';
import type {Deployment} from '../../../source/core/objects/types.js';
import {at, event, healthyNodeConditions, node, now, pod, waiting} from '../match/fixtures/kube.js';

const broken = pod({
	deployment: 'web',
	name: 'web-7d4b9c8f6d-x2x9q',
	containers: [{name: 'web', image: 'nginx:1.27-typo', state: waiting('ImagePullBackOff', 'Back-off pulling image "nginx:1.27-typo"')}],
});
broken.spec.containers[0].env = [
	{name: 'MODE', value: 'production'},
	{name: 'DB_PASSWORD', value: 'hunter2'},
	{name: 'API_TOKEN', valueFrom: {secretKeyRef: {name: 'api', key: 'token'}}},
];

function eventsAbout(kind: string, name: string, fold: EventFold) {
	return fold.rows().filter(row => row.objectKind === kind && row.objectName === name);
}

test('describe pod: fields, container state, conditions and events like kubectl', t => {
	const fold = new EventFold();
	fold.upsert(event({about: broken, reason: 'Failed', message: 'Failed to pull image "nginx:1.27-typo": not found', count: 4, last: at(9), name: 'a'}));
	fold.upsert(event({about: broken, reason: 'Scheduled', type: 'Normal', component: 'default-scheduler', message: 'Successfully assigned shop/web-7d4b9c8f6d-x2x9q to minikube', last: at(0), name: 'b'}));
	const text = describeObject(broken, eventsAbout('Pod', broken.metadata.name, fold), now).join('\n');
	for (const expected of [
		'Name:             web-7d4b9c8f6d-x2x9q',
		'Namespace:        shop',
		'Node:             minikube/192.168.49.2',
		'Start Time:       Wed, 01 May 2024 12:00:00 +0000',
		'Labels:           app=web\n                  pod-template-hash=7d4b9c8f6d',
		'Controlled By:    ReplicaSet/web-7d4b9c8f6d',
		'  web:\n    Image:          nginx:1.27-typo',
		'    State:          Waiting\n      Reason:       ImagePullBackOff\n      Message:      Back-off pulling image "nginx:1.27-typo"',
		'    Ready:          False\n    Restart Count:  0',
		'      MODE:  production',
		"      API_TOKEN:  <set to the key 'token' in secret 'api'>",
		'Events:\n  Type     Reason     Age               From               Message',
		'  Normal   Scheduled  10m               default-scheduler  Successfully assigned shop/web-7d4b9c8f6d-x2x9q to minikube',
		'  Warning  Failed     60s (x4 over 9m)  kubelet            Failed to pull image "nginx:1.27-typo": not found',
	]) {
		t.true(text.includes(expected), `missing:\n${expected}\n--- in ---\n${text}`);
	}
	t.false(text.includes('hunter2'), 'a literal password in the env is redacted');
});

test('describe with no events says so', t => {
	t.true(describeObject(broken, [], now).includes('Events:  <none>'));
});

test('describe deployment: replicas line and failing conditions', t => {
	const deployment: Deployment = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'shop', creationTimestamp: '2024-05-01T12:00:00Z'},
		spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}}},
		status: {replicas: 2, updatedReplicas: 1, availableReplicas: 1, unavailableReplicas: 1, conditions: [{type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.'}]},
	};
	const text = describeObject(deployment, [], now).join('\n');
	t.true(text.includes('Replicas:         2 desired | 1 updated | 2 total | 1 available | 1 unavailable'), text);
	t.true(text.includes('Selector:         app=web'));
	t.regex(text, /Available\s+False\s+MinimumReplicasUnavailable\s+Deployment does not have minimum availability\./);
});

test('describe node: addresses, kubelet version and conditions', t => {
	const text = describeObject(node('worker-1', healthyNodeConditions), [], now).join('\n');
	t.true(text.includes('  InternalIP: 192.168.49.3'));
	t.true(text.includes('Kubelet Version:  v1.30.0'));
	t.regex(text, /Ready\s+True\s+KubeletReady\s+kubelet is posting ready status/);
});
