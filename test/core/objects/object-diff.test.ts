import test from 'ava';
import {diffObjects, formatChange, formatValue} from '../../../source/core/objects/object-diff.js';

/** A deployment as the API server returns it (GET), trimmed to what the cases need. */
function deployment(): any {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name: 'cifar10-deployment',
			namespace: 'cifar10',
			annotations: {'deployment.kubernetes.io/revision': '2'},
			labels: {app: 'cifar10'},
			creationTimestamp: '2026-11-22T07:21:47Z',
			generation: 2,
			resourceVersion: '1131',
			uid: 'e9d6687f-49d3-478f-b9eb-26fb9c9753b5',
		},
		spec: {
			replicas: 2,
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
			template: {
				metadata: {labels: {app: 'cifar10'}},
				spec: {
					containers: [
						{name: 'cifar-api', image: 'cifar-api:wrong-v1', ports: [{containerPort: 5000, name: 'http', protocol: 'TCP'}], env: [{name: 'MODE', value: 'cpu'}]},
						{name: 'proxy', image: 'envoy:1.30', args: ['--config', '/etc/envoy.yaml']},
					],
					securityContext: {},
				},
			},
		},
		status: {observedGeneration: 2, replicas: 3, readyReplicas: 2},
	};
}

/** The deployment after `change` edits a copy. */
function changed(change: (object: any) => void): any {
	const copy = deployment();
	change(copy);
	return copy;
}

const cases: Array<{name: string; after: any; lines: string[]}> = [
	{name: 'the same object: nothing', after: deployment(), lines: []},
	{
		name: 'set image: one field, the container named in the path',
		after: changed(object => {
			object.spec.template.spec.containers[0].image = 'cifar-api:cpu-v1';
		}),
		lines: ['spec.template.spec.containers[cifar-api].image: "cifar-api:wrong-v1" → "cifar-api:cpu-v1"'],
	},
	{
		name: 'what the server maintains is not a change: status, resourceVersion, generation, revision, managedFields',
		after: changed(object => {
			Object.assign(object.metadata, {resourceVersion: '1200', generation: 3, managedFields: [{manager: 'kubectl'}], creationTimestamp: '2026-11-22T08:00:00Z', uid: 'other'});
			object.metadata.annotations['deployment.kubernetes.io/revision'] = '3';
			object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = '{"kind":"Deployment"}';
			object.status = {observedGeneration: 3, replicas: 2};
		}),
		lines: [],
	},
	{
		name: 'null is the same as absent (the template\'s creationTimestamp: null in a dry run\'s result)',
		after: changed(object => {
			object.spec.template.metadata.creationTimestamp = null;
			object.spec.paused = null;
		}),
		lines: [],
	},
	{
		name: 'an empty map is the same as a missing one',
		after: changed(object => {
			delete object.spec.template.spec.securityContext;
			object.spec.template.spec.nodeSelector = {};
		}),
		lines: [],
	},
	{
		name: 'scale: a number',
		after: changed(object => {
			object.spec.replicas = 0;
		}),
		lines: ['spec.replicas: 2 → 0'],
	},
	{
		name: 'a label added where there were none, a user annotation with dots quoted in the path',
		after: changed(object => {
			object.spec.template.metadata.annotations = {'kubectl.kubernetes.io/restartedAt': '2026-11-22T09:00:00Z'};
			object.metadata.labels.team = 'ml';
		}),
		lines: [
			'metadata.labels.team: (none) → "ml"',
			'spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]: (none) → "2026-11-22T09:00:00Z"',
		],
	},
	{
		name: 'a field removed',
		after: changed(object => {
			delete object.spec.strategy.rollingUpdate.maxSurge;
		}),
		lines: ['spec.strategy.rollingUpdate.maxSurge: "25%" → (none)'],
	},
	{
		name: 'env by name: one var changed, one added, whole; reordering is no change',
		after: changed(object => {
			object.spec.template.spec.containers.reverse();
			object.spec.template.spec.containers[1].env = [{name: 'WORKERS', value: '4'}, {name: 'MODE', value: 'gpu'}];
		}),
		lines: [
			'spec.template.spec.containers[cifar-api].env[WORKERS]: (none) → {"name":"WORKERS","value":"4"}',
			'spec.template.spec.containers[cifar-api].env[MODE].value: "cpu" → "gpu"',
		],
	},
	{
		name: 'a container added and one removed, each one change shown whole',
		after: changed(object => {
			object.spec.template.spec.containers[1] = {name: 'sidecar', image: 'busybox:1.36'};
		}),
		lines: [
			'spec.template.spec.containers[sidecar]: (none) → {"name":"sidecar","image":"busybox:1.36"}',
			'spec.template.spec.containers[proxy]: {"name":"proxy","image":"envoy:1.30","args":["--config","/etc/envoy.yaml"]} → (none)',
		],
	},
	{
		name: 'a port keyed by its name',
		after: changed(object => {
			object.spec.template.spec.containers[0].ports[0].containerPort = 8080;
		}),
		lines: ['spec.template.spec.containers[cifar-api].ports[http].containerPort: 5000 → 8080'],
	},
	{
		name: 'a name that is not a plain word is quoted, so the path stays one readable line',
		after: changed(object => {
			object.spec.template.spec.containers[0].env.push({name: 'MY VAR\u001B[2J', value: 'x'});
		}),
		lines: ['spec.template.spec.containers[cifar-api].env["MY VAR\\u001b[2J"]: (none) → {"name":"MY VAR\\u001b[2J","value":"x"}'],
	},
	{
		name: 'lists without names by index',
		after: changed(object => {
			object.spec.template.spec.containers[1].args = ['--config', '/etc/envoy-v2.yaml', '--log-level=debug'];
		}),
		lines: [
			'spec.template.spec.containers[proxy].args[1]: "/etc/envoy.yaml" → "/etc/envoy-v2.yaml"',
			'spec.template.spec.containers[proxy].args[2]: (none) → "--log-level=debug"',
		],
	},
	{
		name: 'a value that changes type is one change',
		after: changed(object => {
			object.spec.strategy = {type: 'Recreate', rollingUpdate: 'none'};
		}),
		lines: [
			'spec.strategy.type: "RollingUpdate" → "Recreate"',
			'spec.strategy.rollingUpdate: {"maxSurge":"25%","maxUnavailable":"25%"} → "none"',
		],
	},
];

for (const {name, after, lines} of cases) {
	test(`diffObjects: ${name}`, t => {
		t.deepEqual(diffObjects(deployment(), after).map(change => formatChange(change)), lines);
	});
}

test('diffObjects returns the values themselves, and what kind of change', t => {
	const after = changed(object => {
		object.spec.replicas = 3;
		object.spec.paused = true;
		delete object.spec.strategy;
	});
	t.deepEqual(diffObjects(deployment(), after), [
		{path: 'spec.replicas', change: 'changed', before: 2, after: 3},
		{path: 'spec.paused', change: 'added', after: true},
		{path: 'spec.strategy.type', change: 'removed', before: 'RollingUpdate'},
		{path: 'spec.strategy.rollingUpdate.maxSurge', change: 'removed', before: '25%'},
		{path: 'spec.strategy.rollingUpdate.maxUnavailable', change: 'removed', before: '25%'},
	]);
});

const values: Array<[string, unknown, string]> = [
	['a string is quoted', 'nginx:1.27', '"nginx:1.27"'],
	['a number, a boolean', 3, '3'],
	['a map on one line', {cpu: '250m', memory: '512Mi'}, '{"cpu":"250m","memory":"512Mi"}'],
	['newlines escaped, so one value is one line', 'line one\nline two', '"line one\\nline two"'],
	['a long value cut, ending in …', 'x'.repeat(200), `"${'x'.repeat(78)}…`],
];

for (const [name, value, shown] of values) {
	test(`formatValue: ${name}`, t => {
		t.is(formatValue(value), shown);
		t.true(formatValue(value).length <= 80);
	});
}
