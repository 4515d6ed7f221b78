import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {event, pod, waiting} from '../core/match/fixtures/kube.js';
import {findingOf, findings, type Input, outline, planRun} from './library.js';

const traefikLine =
	'E0501 12:07:03.123456       1 reflector.go:147] k8s.io/client-go@v0.29.3/tools/cache/reflector.go:229: Failed to watch *v1.Endpoints: failed to list *v1.Endpoints: endpoints is forbidden: User "system:serviceaccount:kube-system:traefik" cannot list resource "endpoints" in API group "" at the cluster scope';

const cases: Array<{name: string; input: Input; variant: string; captures?: Record<string, string>}> = [
	{
		name: 'kubectl run by a user without rights in a namespace',
		input: {texts: {'kubectl get pods -n shop': 'Error from server (Forbidden): pods is forbidden: User "jane@example.com" cannot list resource "pods" in API group "" in the namespace "shop"'}},
		variant: 'user',
		captures: {user: 'jane@example.com', verb: 'list', resourceRef: 'pods', apiGroup: '', targetNamespace: 'shop'},
	},
	{
		name: 'kubectl exec without the pods/exec subresource',
		input: {texts: {'kubectl exec': 'Error from server (Forbidden): pods "web-7d4b9c8f6d-x2x9q" is forbidden: User "jane@example.com" cannot create resource "pods/exec" in API group "" in the namespace "shop"'}},
		variant: 'user',
		captures: {verb: 'create', resourceRef: 'pods/exec', resource: 'pods'},
	},
	{
		name: 'a user may not list nodes',
		input: {texts: {'kubectl get nodes': 'Error from server (Forbidden): nodes is forbidden: User "ci-bot" cannot list resource "nodes" in API group "" at the cluster scope'}},
		variant: 'user-cluster',
	},
	{
		name: 'a CI job whose service account may not patch deployments',
		input: {
			texts: {
				'deploy job': 'Error from server (Forbidden): deployments.apps "calculator" is forbidden: User "system:serviceaccount:gitlab-runner:default" cannot patch resource "deployments" in API group "apps" in the namespace "default"',
			},
		},
		variant: 'service-account',
		captures: {saNamespace: 'gitlab-runner', serviceAccount: 'default', verb: 'patch', resourceRef: 'deployments', apiGroup: 'apps', targetNamespace: 'default'},
	},
	(() => {
		const crashing = pod({deployment: 'operator', namespace: 'ops', phase: 'Running', containers: [{name: 'manager', image: 'ghcr.io/acme/operator:0.3', state: waiting('CrashLoopBackOff', 'back-off 40s restarting failed container=manager'), restartCount: 3}]});
		const line = 'panic: configmaps is forbidden: User "system:serviceaccount:ops:operator" cannot watch resource "configmaps" in API group "" at the cluster scope';
		return {
			name: 'an operator crashing on a cluster-wide watch (its log)',
			input: {objects: [crashing], logs: [{namespace: 'ops', pod: crashing.metadata.name, container: 'manager', lines: [], previous: [line]}]},
			variant: 'service-account-cluster',
			captures: {saNamespace: 'ops', serviceAccount: 'operator', verb: 'watch', resourceRef: 'configmaps'},
		};
	})(),
	(() => {
		const job: KubeObject = {apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'backup-28571040', namespace: 'db', uid: '6f1c2b7e-0099-4d2a-9c1e-0a7b3c5d9e99', resourceVersion: '48001'}, spec: {}};
		const message = 'Error creating: pods "backup-28571040-" is forbidden: User "system:serviceaccount:db:backup" cannot create resource "pods" in API group "" in the namespace "db"';
		return {
			name: 'a controller event: the job may not create its pods',
			input: {objects: [job, event({about: job, reason: 'FailedCreate', message, component: 'job-controller'})]},
			variant: 'service-account',
			captures: {serviceAccount: 'backup', targetNamespace: 'db', verb: 'create', resourceRef: 'pods'},
		};
	})(),
	{name: 'Traefik may not list endpoints (seed 003)', input: {texts: {'traefik log': traefikLine}}, variant: 'service-account-cluster', captures: {saNamespace: 'kube-system', serviceAccount: 'traefik', resourceRef: 'endpoints'}},
];

for (const {name, input, variant, captures} of cases) {
	test(`rbac recognises ${name}`, t => {
		const found = findingOf('rbac', input);
		t.is(found.variant, variant);
		if (captures) t.like(found.captures, captures);
	});
}

function clusterRole(name: string): KubeObject {
	return {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name, uid: `cr-${name}`, resourceVersion: '310'}, rules: [{apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['get', 'list', 'watch']}]};
}

function clusterRoleBinding(name: string, role: string, subject: Record<string, string>): KubeObject {
	return {
		apiVersion: 'rbac.authorization.k8s.io/v1',
		kind: 'ClusterRoleBinding',
		metadata: {name, uid: `crb-${name}`, resourceVersion: '311', labels: {'app.kubernetes.io/managed-by': 'Helm'}},
		roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role},
		subjects: [subject],
	};
}

// Seed 003: k3s' Traefik lost its ClusterRole; the binding (and every other role) remains.
const traefikBinding = clusterRoleBinding('traefik-kube-system', 'traefik-kube-system', {kind: 'ServiceAccount', name: 'traefik', namespace: 'kube-system'});
const others = [clusterRole('system:coredns'), clusterRoleBinding('system:coredns', 'system:coredns', {kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system'})];

test('rbac recognises seed 003: the ingress controller\'s binding outlived its ClusterRole', t => {
	const found = findingOf('rbac', {objects: [traefikBinding, ...others]});
	t.like(found, {variant: 'ingress-controller-role', kind: 'ClusterRoleBinding', name: 'traefik-kube-system', namespace: null});
	t.is(found.summary, 'ClusterRole traefik-kube-system is gone: the ingress controller kube-system/traefik may read nothing and serves no Ingress');
	t.deepEqual(planRun(found).map(step => step.command), [
		'kubectl get clusterrolebinding traefik-kube-system -o wide',
		'kubectl create clusterrole traefik-kube-system --verb=get,list,watch --resource=services,endpoints,secrets,ingresses.networking.k8s.io,ingressclasses.networking.k8s.io',
		'kubectl auth can-i list ingresses.networking.k8s.io --as=system:serviceaccount:kube-system:traefik --all-namespaces',
		'wait resolved',
	]);
});

test('rbac recognises any other binding whose ClusterRole is gone, and stays quiet once it exists', t => {
	const binding = clusterRoleBinding('metrics-reader', 'metrics-reader', {kind: 'User', name: 'grafana', apiGroup: 'rbac.authorization.k8s.io'});
	const found = findingOf('rbac', {objects: [binding, ...others]});
	t.like(found, {variant: 'cluster-role-missing', summary: 'clusterrolebinding metrics-reader grants ClusterRole metrics-reader, which does not exist'});
	t.like(found.captures, {role: 'metrics-reader', user: 'grafana'});
	t.deepEqual(planRun(found, {presets: {resources: 'pods,nodes'}}).map(step => step.command), ['kubectl get clusterrolebinding metrics-reader -o yaml', 'kubectl create clusterrole metrics-reader --verb=get,list,watch --resource=pods,nodes', 'wait resolved']);
	t.deepEqual(outline(findings({objects: [binding, clusterRole('metrics-reader'), ...others]})), []);
});

test('rbac stays quiet for other forbidden errors (quota, pod security) and ordinary output', t => {
	const texts = {
		quota: 'Error from server (Forbidden): pods "web-1" is forbidden: exceeded quota: compute-resources, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi',
		psa: 'Error from server (Forbidden): pods "debug" is forbidden: violates PodSecurity "restricted:latest": privileged (container "debug" must not set securityContext.privileged=true)',
		ok: 'deployment.apps/web image updated',
	};
	t.deepEqual(outline(findings({texts})).filter(line => line.startsWith('rbac/')), []);
});

test('the service-account run checks, creates a Role and a RoleBinding for exactly that permission, and checks again', t => {
	const found = findingOf('rbac', cases[3].input);
	t.is(found.summary, 'service account gitlab-runner/default may not patch deployments in namespace default');
	t.deepEqual(planRun(found).map(step => step.command), [
		'kubectl auth can-i patch deployments --as=system:serviceaccount:gitlab-runner:default -n default',
		'kubectl get rolebindings -n default -o wide',
		'kubectl create role default-deployments --verb=patch --resource=deployments -n default',
		'kubectl create rolebinding default-deployments --role=default-deployments --serviceaccount=gitlab-runner:default -n default',
		'kubectl auth can-i patch deployments --as=system:serviceaccount:gitlab-runner:default -n default',
	]);
});

test('every rbac variant builds its steps', t => {
	for (const {input, variant} of cases) {
		const planned = planRun(findingOf('rbac', input));
		t.deepEqual(planned.filter(step => step.error), [], variant);
	}
});
