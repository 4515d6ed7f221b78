import test from 'ava';
import type {KubeObject, Namespace} from '../../source/core/objects/types.js';
import {at, namespace} from '../core/match/fixtures/kube.js';
import {findingOf, findings, outline, planRun} from './library.js';

const conditionTypes = ['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'];
const settled: Record<string, [string, string]> = {
	NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
	NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
	NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
	NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
	NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

/** A namespace being deleted, with the five conditions the namespace controller writes, in its order. */
function terminating(name: string, failing: Partial<Record<string, [string, string]>> = {}): Namespace {
	const object = namespace(name, 'Terminating');
	object.status = {
		phase: 'Terminating',
		conditions: conditionTypes.map(type => {
			const [reason, message] = failing[type] ?? settled[type];
			return {type, status: failing[type] ? 'True' : 'False', lastTransitionTime: at(4), reason, message};
		}),
	} as Namespace['status'];
	return object;
}

const cases: Array<{name: string; objects: KubeObject[]; variant: string | null; captures?: Record<string, string>}> = [
	{
		name: 'seed 001: a ConfigMap keeps a finalizer whose controller is gone',
		objects: [
			terminating('shortener-staging', {
				NamespaceContentRemaining: ['SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances'],
				NamespaceFinalizersRemaining: ['SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: shortener.example.com/migration-lock in 1 resource instances'],
			}),
		],
		variant: 'finalizers-remaining',
		captures: {namespace: 'shortener-staging', finalizer: 'shortener.example.com/migration-lock', remainingResource: 'configmaps'},
	},
	{
		name: 'cert-manager objects keep their finalizer after cert-manager was uninstalled',
		objects: [
			terminating('certs', {
				NamespaceContentRemaining: ['SomeResourcesRemain', 'Some resources are remaining: certificates.cert-manager.io has 2 resource instances'],
				NamespaceFinalizersRemaining: ['SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: finalizer.acme.cert-manager.io in 2 resource instances'],
			}),
		],
		variant: 'finalizers-remaining',
		captures: {remainingResource: 'certificates.cert-manager.io', finalizer: 'finalizer.acme.cert-manager.io'},
	},
	{
		name: 'pods still shutting down',
		objects: [terminating('saas-shortener', {NamespaceContentRemaining: ['SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances']})],
		variant: 'content-remaining',
		captures: {remainingResource: 'pods'},
	},
	{
		name: 'metrics.k8s.io does not answer (metrics-server gone)',
		objects: [
			terminating('monitoring', {
				NamespaceDeletionDiscoveryFailure: ['DiscoveryFailed', 'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request'],
			}),
		],
		variant: 'discovery-failure',
		captures: {apiGroup: 'metrics.k8s.io/v1beta1'},
	},
	{name: 'just deleted, no conditions yet', objects: [namespace('old-team', 'Terminating')], variant: null, captures: {namespace: 'old-team'}},
];

for (const {name, objects, variant, captures} of cases) {
	test(`namespace-terminating recognises ${name}`, t => {
		const found = findingOf('namespace-terminating', {objects});
		t.is(found.variant, variant);
		t.is(found.kind, 'Namespace');
		t.is(found.severity, 'warning');
		if (captures) t.like(found.captures, captures);
	});
}

test('namespace-terminating stays quiet for active namespaces', t => {
	t.deepEqual(outline(findings({objects: [namespace('shop', 'Active'), namespace('kube-system', 'Active')]})), []);
});

test('namespace-terminating recognises kubectl get namespaces output', t => {
	const text = 'NAME                STATUS        AGE\ndefault             Active        3d\nshortener-staging   Terminating   14m\n';
	const found = findingOf('namespace-terminating', {texts: {'kubectl get ns': text}});
	t.is(found.captures.namespace, 'shortener-staging');
	t.is(found.summary, 'namespace shortener-staging is stuck in Terminating');
	t.deepEqual(outline(findings({texts: {'kubectl get pods': 'NAME  READY  STATUS  RESTARTS  AGE\nweb-5d8f7c9b6-abcde   1/1   Terminating   0   5m'}})), []);
});

test('the finalizers-remaining run finds the object, removes its finalizer and waits for the namespace to go', t => {
	const found = findingOf('namespace-terminating', {objects: cases[0].objects});
	t.is(found.summary, 'namespace shortener-staging cannot finish deleting: configmaps keep the finalizer shortener.example.com/migration-lock');
	const listing = 'NAME                FINALIZERS\ndb-migration-lock   [shortener.example.com/migration-lock]\n';
	t.deepEqual(planRun(found, {outputs: {1: listing}}).map(step => step.command.split('\n')[0]), [
		'kubectl get namespace shortener-staging -o yaml',
		'kubectl get configmaps -n shortener-staging -o custom-columns=NAME:.metadata.name,FINALIZERS:.metadata.finalizers',
		'kubectl patch configmaps db-migration-lock -n shortener-staging --type=merge -p \'{"metadata":{"finalizers":null}}\'',
		'wait gone namespace/shortener-staging',
		'wait resolved',
	]);
});

test('the default run deletes the remaining pods, then finalizes through the /finalize subresource', t => {
	const found = findingOf('namespace-terminating', {objects: cases[2].objects});
	const planned = planRun(found, {outputs: {4: '/tmp/kconsole-finalize.Xa81Qz\n'}});
	t.deepEqual(planned.filter(step => step.error), []);
	t.deepEqual(planned.map(step => step.command.split('\n')[0]), [
		'kubectl get namespace saas-shortener -o yaml',
		'kubectl get pods -n saas-shortener -o wide',
		'kubectl delete pods --all -n saas-shortener --force --grace-period=0',
		'wait gone namespace/saas-shortener',
		'/bin/sh -c \'file=$(mktemp "${TMPDIR:-/tmp}/kconsole-finalize.XXXXXX")',
		'kubectl replace --raw /api/v1/namespaces/saas-shortener/finalize -f /tmp/kconsole-finalize.Xa81Qz',
		'wait gone namespace/saas-shortener',
		'wait resolved',
	]);
});

test('every namespace-terminating variant builds its steps', t => {
	for (const {objects, variant} of cases) {
		const planned = planRun(findingOf('namespace-terminating', {objects}), {outputs: {1: 'NAME   FINALIZERS\nleft   [x/y]\n', 4: '/tmp/kconsole-finalize.abc\n'}});
		t.deepEqual(planned.filter(step => step.error), [], `variant ${variant ?? '-'}`);
		t.is(planned.at(-1)?.command, 'wait resolved', `variant ${variant ?? '-'}`);
	}
});
