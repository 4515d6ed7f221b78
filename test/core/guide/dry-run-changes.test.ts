import test from 'ava';
import {describeChanges, dryRunChanges, printedObject, type DryRunChanges} from '../../../source/core/guide/dry-run-changes.js';
import type {KubeObject} from '../../../source/core/objects/types.js';

// What `kubectl set image … --dry-run=server -o yaml` printed against the simulated cluster (trimmed).
const printed = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "2"
  creationTimestamp: "2026-11-22T07:21:47Z"
  generation: 3
  labels:
    app: cifar10
  name: cifar10-deployment
  namespace: cifar10
  resourceVersion: "1131"
spec:
  replicas: 2
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: cifar10
    spec:
      containers:
      - image: cifar-api:cpu-v1
        name: cifar-api
        resources:
          requests:
            cpu: 250m
            memory: 512Mi
status:
  observedGeneration: 2
  replicas: 3
`;

/** The same deployment as a GET returns it now. */
function current(): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'cifar10-deployment', namespace: 'cifar10', annotations: {'deployment.kubernetes.io/revision': '2'}, creationTimestamp: '2026-11-22T07:21:47Z', generation: 2, labels: {app: 'cifar10'}, resourceVersion: '1131'},
		spec: {replicas: 2, template: {metadata: {labels: {app: 'cifar10'}}, spec: {containers: [{image: 'cifar-api:wrong-v1', name: 'cifar-api', resources: {requests: {cpu: '250m', memory: '512Mi'}}}]}}},
		status: {observedGeneration: 2, replicas: 3, readyReplicas: 2},
	};
}

test('set image: the one changed field, named by container', t => {
	const after = printedObject(printed)!;
	t.deepEqual(describeChanges(dryRunChanges(after, current())), [
		'would change 1 field of deployment cifar10/cifar10-deployment:',
		'  spec.template.spec.containers[cifar-api].image: "cifar-api:wrong-v1" → "cifar-api:cpu-v1"',
	]);
});

const outputs: Array<[string, string, boolean]> = [
	['YAML of one object', printed, true],
	['JSON of one object (-o json)', JSON.stringify(current()), true],
	['the one-line message of a command without -o', 'deployment.apps/cifar10-deployment image updated (server dry run)', false],
	['a List of several objects', 'apiVersion: v1\nkind: List\nitems: []\nmetadata:\n  name: x\n', false],
	['a map without a name', 'apiVersion: v1\nkind: Pod\nmetadata: {}\n', false],
	['not YAML', 'key: [unclosed', false],
	['two documents', `${printed}---\n${printed}`, false],
	['nothing', '', false],
];

for (const [name, output, isObject] of outputs) {
	test(`printedObject: ${name}`, t => {
		t.is(printedObject(output) !== undefined, isObject);
	});
}

const descriptions: Array<[string, DryRunChanges, string[]]> = [
	['an object that does not exist yet', {object: {apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web'}, creates: true, fields: []}, ['would create service shop/web']],
	['no field differs', {object: {apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web'}, creates: false, fields: []}, ['would change nothing: deployment shop/web is already like that']],
	['a cluster-scoped object, two fields', {object: {apiVersion: 'v1', kind: 'Node', name: 'worker-1'}, creates: false, fields: [
		{path: 'spec.unschedulable', change: 'added', after: true},
		{path: 'metadata.labels.pool', change: 'removed', before: 'gpu'},
	]}, ['would change 2 fields of node worker-1:', '  spec.unschedulable: (none) → true', '  metadata.labels.pool: "gpu" → (none)']],
];

for (const [name, changes, lines] of descriptions) {
	test(`describeChanges: ${name}`, t => {
		t.deepEqual(describeChanges(changes), lines);
	});
}

test('describeChanges: a long list is cut after 20 fields and says how many more', t => {
	const fields = Array.from({length: 23}, (_, index) => ({path: `data.key${index}`, change: 'added' as const, after: String(index)}));
	const lines = describeChanges({object: {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings'}, creates: false, fields});
	t.is(lines.length, 22);
	t.is(lines[0], 'would change 23 fields of configmap shop/settings:');
	t.is(lines.at(-1), '  … and 3 more');
});
