import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {endpoints, healthyPod, service} from '../core/match/fixtures/kube.js';
import {findingOf, findings, outline, planRun} from './library.js';

// Seed 003's storefront: the Service selects app=catalog-api, the pods are labelled app=catalog.
const catalog = service('catalog', {'app': 'catalog-api'}, 'storefront');
const catalogPods = [healthyPod({deployment: 'catalog', namespace: 'storefront', hash: '6f7d9c5b8d', name: 'catalog-6f7d9c5b8d-4m2xq'}), healthyPod({deployment: 'catalog', namespace: 'storefront', hash: '6f7d9c5b8d', name: 'catalog-6f7d9c5b8d-9zk7w'})];

const cases: Array<{name: string; objects: KubeObject[]}> = [
	{name: 'seed 003: the selector matches no pod (Endpoints without subsets)', objects: [catalog, endpoints('catalog', [], [], 'storefront'), ...catalogPods]},
	{name: 'the pods it selects are not ready (only notReadyAddresses)', objects: [service('web', {app: 'web'}), endpoints('web', [], ['10.244.0.17', '10.244.1.9'])]},
];

for (const {name, objects} of cases) {
	test(`service-endpoints recognises ${name}`, t => {
		const found = findingOf('service-endpoints', {objects});
		t.is(found.kind, 'Service');
		t.is(found.variant, null);
		t.is(found.severity, 'warning');
	});
}

const negatives: Array<{name: string; objects: KubeObject[]}> = [
	{name: 'a Service with a ready endpoint', objects: [service('db', {app: 'db'}), endpoints('db', ['10.244.0.9'])]},
	{name: 'a Service without a selector (endpoints managed by hand)', objects: [service('external-db', undefined), endpoints('web', ['10.244.0.17'])]},
	{name: 'an ExternalName Service', objects: [service('alias', {app: 'x'}, 'shop', 'ExternalName'), endpoints('web', ['10.244.0.17'])]},
];

for (const {name, objects} of negatives) {
	test(`service-endpoints stays quiet for ${name}`, t => {
		t.deepEqual(outline(findings({objects})).filter(line => line.startsWith('service-endpoints/')), []);
	});
}

test('service-endpoints recognises a NodePort that times out from outside (seed 003)', t => {
	const curl = '$ curl -H "Host: rrr.example.com" http://49.232.237.136:31611\ncurl: (28) Failed to connect to 49.232.237.136 port 31611 after 129394 ms: Connection timed out';
	const found = findingOf('service-endpoints', {texts: {curl}});
	t.is(found.variant, 'nodeport-blocked');
	t.like(found.captures, {nodeHost: '49.232.237.136', nodePort: '31611'});
	t.is(found.summary, 'port 31611 on 49.232.237.136 does not answer from outside (firewall or cloud security group)');
	t.deepEqual(planRun(found).map(step => step.command.split('\n')[0]), [
		'probe tcp 49.232.237.136:31611',
		'In the cloud console, add an inbound rule to the node\'s security group: protocol TCP, port',
		'probe tcp 49.232.237.136:31611',
	]);
	// A port outside the NodePort range is not this failure.
	t.deepEqual(outline(findings({texts: {curl: 'curl: (28) Failed to connect to 49.232.237.136 port 443 after 129394 ms: Connection timed out'}})), []);
});

test('the selector run offers the current selector as JSON and replaces it', t => {
	const found = findingOf('service-endpoints', {objects: cases[0].objects});
	t.is(found.summary, 'service catalog has no ready pod behind it');
	const outputs = {3: '{"app":"catalog-api"}'};
	const planned = planRun(found, {outputs, presets: {selector: '{"app":"catalog"}'}});
	t.deepEqual(planned.map(step => step.command), [
		'kubectl get service catalog -n storefront -o wide',
		'kubectl get endpoints catalog -n storefront',
		'kubectl get pods -n storefront --show-labels',
		'kubectl get service catalog -n storefront -o jsonpath={.spec.selector}',
		'kubectl patch service catalog -n storefront --type=json -p \'[{"op":"replace","path":"/spec/selector","value":{"app":"catalog"}}]\'',
		'kubectl get endpoints catalog -n storefront',
		'wait resolved',
	]);
	t.true(planRun(found, {outputs})[4].command.includes('"value":{"app":"catalog-api"}'), 'the default is the current selector');
});
