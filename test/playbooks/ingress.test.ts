import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {healthyPod, ingress, ingressClass} from '../core/match/fixtures/kube.js';
import {findingOf, findings, type Input, outline, planRun} from './library.js';

const traefik = ingressClass('traefik', 'traefik.io/ingress-controller');
const forbidden = (resource: string, group: string) =>
	`E0501 12:07:03.123456       1 reflector.go:147] k8s.io/client-go@v0.29.3/tools/cache/reflector.go:229: Failed to watch *v1.Ingress: failed to list *v1.Ingress: ${group ? `${resource}.${group}` : resource} is forbidden: User "system:serviceaccount:kube-system:traefik" cannot list resource "${resource}" in API group "${group}" at the cluster scope`;

function traefikWithLog(lines: string[]): Input {
	const controller = healthyPod({deployment: 'traefik', namespace: 'kube-system', hash: 'f4564c4f4', name: 'traefik-f4564c4f4-8ngbq', containers: [{name: 'traefik', image: 'rancher/mirrored-library-traefik:2.11.10', state: {running: {startedAt: '2024-05-01T12:01:00Z'}}}]});
	return {objects: [controller], logs: [{namespace: 'kube-system', pod: controller.metadata.name, container: 'traefik', lines}]};
}

test('ingress recognises seed 003: ingressClassName nginx on a Traefik cluster', t => {
	const found = findingOf('ingress', {objects: [traefik, ingress('shop', {field: 'nginx'})]});
	t.like(found, {variant: 'class-missing', kind: 'Ingress', name: 'shop', severity: 'error', summary: 'ingress shop asks for an IngressClass that does not exist'});
	t.true(found.evidence.some(line => line.includes('no IngressClass nginx exists (existing: traefik)')));
});

test('ingress recognises the deprecated class annotation', t => {
	t.is(findingOf('ingress', {objects: [traefik, ingress('legacy', {annotation: 'nginx'})]}).variant, 'class-missing');
});

test('ingress recognises seed 003: Traefik may not list ingresses (its log, or pasted)', t => {
	const fromLog = findingOf('ingress', traefikWithLog([forbidden('ingresses', 'networking.k8s.io')]));
	t.like(fromLog, {variant: 'controller-rbac', kind: 'Pod', container: 'traefik'});
	t.like(fromLog.captures, {saNamespace: 'kube-system', serviceAccount: 'traefik', resource: 'ingresses', deployment: 'traefik'});
	t.is(findingOf('ingress', {texts: {'traefik log': forbidden('endpoints', '')}}).variant, 'controller-rbac');
});

test('the ingress finding comes before the generic rbac finding for the controller', t => {
	const reported = outline(findings(traefikWithLog([forbidden('ingresses', 'networking.k8s.io')])));
	t.deepEqual(reported, ['ingress/controller-rbac Pod/traefik-f4564c4f4-8ngbq', 'rbac/service-account-cluster Pod/traefik-f4564c4f4-8ngbq']);
});

const negatives: Array<{name: string; objects: KubeObject[]}> = [
	{name: 'an Ingress of an existing class', objects: [traefik, ingress('ok', {field: 'traefik'})]},
	{name: 'an Ingress without a class (the default class serves it)', objects: [traefik, ingress('default', {})]},
	{name: 'a healthy controller', objects: traefikWithLog(['time="2024-05-01T12:01:02Z" level=info msg="Starting provider *ingress.Provider"']).objects!},
];

for (const {name, objects} of negatives) {
	test(`ingress stays quiet for ${name}`, t => {
		t.deepEqual(outline(findings({objects})).filter(line => line.startsWith('ingress/')), []);
	});
}

test('the class-missing run offers the existing class and patches the Ingress', t => {
	const found = findingOf('ingress', {objects: [traefik, ingress('rrr', {field: 'nginx'})]});
	const listing = 'NAME      CONTROLLER                      PARAMETERS   AGE\ntraefik   traefik.io/ingress-controller   <none>       3d\n';
	t.deepEqual(planRun(found, {outputs: {0: listing}}).map(step => step.command), [
		'kubectl get ingressclass',
		'kubectl describe ingress rrr -n shop',
		'kubectl patch ingress rrr -n shop --type=merge -p \'{"metadata":{"annotations":{"kubernetes.io/ingress.class":null}},"spec":{"ingressClassName":"traefik"}}\'',
		'wait resolved',
	]);
});

test('the controller-rbac run recreates the ClusterRole k3s names traefik-kube-system', t => {
	const found = findingOf('ingress', traefikWithLog([forbidden('ingresses', 'networking.k8s.io')]));
	const planned = planRun(found);
	t.deepEqual(planned.filter(step => step.error), []);
	t.deepEqual(planned.map(step => step.command).slice(1, 5), [
		'kubectl get clusterrolebindings -o wide',
		'kubectl create clusterrole traefik-kube-system --verb=get,list,watch --resource=services,endpoints,secrets,ingresses.networking.k8s.io,ingressclasses.networking.k8s.io',
		'kubectl create clusterrolebinding traefik-kube-system --clusterrole=traefik-kube-system --serviceaccount=kube-system:traefik',
		'kubectl auth can-i list ingresses.networking.k8s.io --as=system:serviceaccount:kube-system:traefik --all-namespaces',
	]);
	t.deepEqual(planned.slice(-3).map(step => step.command), ['kubectl rollout restart deployment/traefik -n kube-system', 'wait rollout deployment/traefik', 'wait resolved']);
});
