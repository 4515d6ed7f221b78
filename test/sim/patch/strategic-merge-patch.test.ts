import test from 'ava';
import {applyPatch, patchTypeOf} from '../../../source/sim/patch/apply-patch.js';
import {applyStrategicMergePatch} from '../../../source/sim/patch/strategic-merge-patch.js';

const deployment = {
	metadata: {name: 'web', finalizers: ['a', 'b'], labels: {app: 'web', tier: 'front'}},
	spec: {
		replicas: 2,
		template: {
			spec: {
				containers: [
					{name: 'app', image: 'app:1', env: [{name: 'A', value: '1'}, {name: 'B', value: '2'}], ports: [{containerPort: 80}], volumeMounts: [{name: 'data', mountPath: '/data'}]},
					{name: 'proxy', image: 'envoy:1'},
				],
				volumes: [{name: 'data', emptyDir: {}}],
				imagePullSecrets: [{name: 'old'}],
				tolerations: [{key: 'x', operator: 'Exists'}],
			},
		},
	},
};

const cases: Array<[string, object, (result: any) => unknown, unknown]> = [
	[
		'kubectl set image: containers merge by name, $setElementOrder keeps the order',
		{spec: {template: {spec: {'$setElementOrder/containers': [{name: 'app'}, {name: 'proxy'}], containers: [{name: 'app', image: 'app:2'}]}}}},
		result => result.spec.template.spec.containers.map((container: any) => `${container.name}=${container.image}:${container.env?.length ?? 0}`),
		['app=app:2:2', 'proxy=envoy:1:0'],
	],
	['a new container is appended', {spec: {template: {spec: {containers: [{name: 'debug', image: 'busybox'}]}}}}, result => result.spec.template.spec.containers.map((container: any) => container.name), ['app', 'proxy', 'debug']],
	[
		'$setElementOrder reorders',
		{spec: {template: {spec: {'$setElementOrder/containers': [{name: 'proxy'}, {name: 'app'}]}}}},
		result => result.spec.template.spec.containers.map((container: any) => container.name),
		['proxy', 'app'],
	],
	[
		'env merges by name, null and $patch: delete remove',
		{spec: {template: {spec: {containers: [{name: 'app', env: [{name: 'B', value: '3'}, {name: 'A', $patch: 'delete'}, {name: 'C', value: '4'}]}]}}}},
		result => result.spec.template.spec.containers[0].env,
		[{name: 'B', value: '3'}, {name: 'C', value: '4'}],
	],
	[
		'ports merge by containerPort, volumeMounts by mountPath',
		{spec: {template: {spec: {containers: [{name: 'app', ports: [{containerPort: 80, name: 'http'}, {containerPort: 9090}], volumeMounts: [{mountPath: '/data', readOnly: true}]}]}}}},
		result => [result.spec.template.spec.containers[0].ports, result.spec.template.spec.containers[0].volumeMounts],
		[[{containerPort: 80, name: 'http'}, {containerPort: 9090}], [{name: 'data', mountPath: '/data', readOnly: true}]],
	],
	[
		'imagePullSecrets and volumes merge by name',
		{spec: {template: {spec: {imagePullSecrets: [{name: 'regcred'}], volumes: [{name: 'cache', emptyDir: {}}]}}}},
		result => [result.spec.template.spec.imagePullSecrets, result.spec.template.spec.volumes.map((volume: any) => volume.name)],
		[[{name: 'old'}, {name: 'regcred'}], ['data', 'cache']],
	],
	['lists without a merge key are replaced', {spec: {template: {spec: {tolerations: [{key: 'y', operator: 'Exists'}]}}}}, result => result.spec.template.spec.tolerations, [{key: 'y', operator: 'Exists'}]],
	[
		'$patch: replace on a list item replaces the whole list',
		{spec: {template: {spec: {containers: [{$patch: 'replace'}, {name: 'only', image: 'x'}]}}}},
		result => result.spec.template.spec.containers,
		[{name: 'only', image: 'x'}],
	],
	['$patch: replace on a map', {metadata: {labels: {$patch: 'replace', app: 'api'}}}, result => result.metadata.labels, {app: 'api'}],
	['$patch: delete on a map', {spec: {template: {$patch: 'delete'}}}, result => result.spec.template, undefined],
	['finalizers merge as a set', {metadata: {finalizers: ['b', 'c']}}, result => result.metadata.finalizers, ['a', 'b', 'c']],
	['$deleteFromPrimitiveList removes finalizers', {metadata: {'$deleteFromPrimitiveList/finalizers': ['a']}}, result => result.metadata.finalizers, ['b']],
	['null deletes a field', {metadata: {finalizers: null}}, result => result.metadata.finalizers, undefined],
	['$retainKeys keeps only the listed keys', {spec: {template: {spec: {volumes: [{name: 'data', $retainKeys: ['name', 'configMap'], configMap: {name: 'c'}}]}}}}, result => result.spec.template.spec.volumes[0], {name: 'data', configMap: {name: 'c'}}],
];

for (const [name, patch, pick, expected] of cases) {
	test(`strategic merge: ${name}`, t => {
		const original = structuredClone(deployment);
		t.deepEqual(pick(applyStrategicMergePatch(original, patch)), expected);
		t.deepEqual(original, deployment, 'the original is not changed');
	});
}

test('service ports merge by port', t => {
	const service = {spec: {ports: [{port: 80, targetPort: 8080}, {port: 443}]}};
	const result = applyStrategicMergePatch(service, {spec: {ports: [{port: 80, targetPort: 9090}]}}) as any;
	t.deepEqual(result.spec.ports, [{port: 80, targetPort: 9090}, {port: 443}]);
});

test('json and merge patches, and the error for an unknown patch type', t => {
	const object = {metadata: {labels: {a: '1'}}, spec: {replicas: 1, list: [1, 2]}};
	t.deepEqual(applyPatch('application/json-patch+json', object, [{op: 'replace', path: '/spec/replicas', value: 3}, {op: 'add', path: '/spec/list/-', value: 3}, {op: 'remove', path: '/metadata/labels/a'}]), {
		metadata: {labels: {}},
		spec: {replicas: 3, list: [1, 2, 3]},
	});
	t.deepEqual(applyPatch('application/merge-patch+json', object, {metadata: {labels: {a: null, b: '2'}}, spec: {list: [9]}}), {metadata: {labels: {b: '2'}}, spec: {replicas: 1, list: [9]}});
	t.is(t.throws(() => applyPatch('application/json-patch+json', object, [{op: 'test', path: '/spec/replicas', value: 2}]))?.message, 'testing value /spec/replicas failed: test failed');
	t.is((t.throws(() => applyPatch('application/json-patch+json', object, [{op: 'remove', path: '/spec/missing'}])) as any).code, 422);
	t.is((t.throws(() => patchTypeOf('application/xml')) as any).code, 415);
	t.is(patchTypeOf('application/merge-patch+json; charset=utf-8'), 'application/merge-patch+json');
});
