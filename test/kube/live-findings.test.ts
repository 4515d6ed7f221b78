import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {ClusterStore} from '../../source/kube/cluster-store.js';
import {LiveFindings, watchErrorName} from '../../source/kube/live-findings.js';
import {LogEvidence} from '../../source/kube/log-evidence.js';
import {watchCluster} from '../../source/kube/watch-cluster.js';
import {loadPlaybooks} from '../../source/library/load-playbooks.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import type {SimHandle} from '../../source/sim/start-sim.js';
import {createPod, crashLooping, podIn, writeLog} from './sim-pods.js';
import {eventually, injectFault, startSimTarget} from './sim-target.js';

function pullFailed(sim: SimHandle, pod: string, index: number): void {
	sim.store.create(resourceFor('Event'), {
		apiVersion: 'v1',
		kind: 'Event',
		metadata: {name: `${pod}.${index}`, namespace: 'default'},
		involvedObject: {kind: 'Pod', namespace: 'default', name: pod, fieldPath: 'spec.containers{app}'},
		reason: 'Failed',
		type: 'Warning',
		message: `Failed to pull image "registry.example/app:9": rpc error: registry.example/app:9: not found (attempt ${index})`,
		lastTimestamp: new Date().toISOString(),
	} as KubeObject);
}

async function live(options: {evidence: boolean; shipped?: string[]}) {
	const {sim, target} = await startSimTarget({bare: true});
	const {playbooks: all} = await loadPlaybooks({dirs: options.shipped ? [] : ['test/fixtures/playbooks'], shipped: options.shipped !== undefined});
	const playbooks = options.shipped ? all.filter(playbook => options.shipped!.includes(playbook.id)) : all;
	const store = new ClusterStore();
	const watch = watchCluster(target, store, {backoff: {initialMs: 100, maxMs: 800, factor: 2, jitter: 0}});
	const evidence = options.evidence ? new LogEvidence(target) : null;
	const findings = new LiveFindings(store, playbooks, {evidence});
	const stop = async () => {
		findings.stop();
		evidence?.stop();
		await watch.stop();
		store.close();
		await sim.stop();
	};
	return {sim, store, findings, stop};
}

// The fixture library also has a namespace playbook that every namespace with finalizers meets.
const keys = (findings: LiveFindings) => findings.findings().filter(finding => finding.playbook !== 'namespace-terminating').map(finding => `${finding.playbook}${finding.variant ? `/${finding.variant}` : ''} ${finding.namespace}/${finding.name}`);

test('findings follow the cluster: log evidence arrives for a crash loop, a deleted pod takes its finding along', async t => {
	const {sim, findings, stop} = await live({evidence: true});
	try {
		let notified = 0;
		findings.subscribe(() => notified++);
		const coredns = createPod(sim, podIn('kube-system', 'coredns-1', {name: 'coredns', ...crashLooping(4)}));
		writeLog(sim, coredns, ['.:53', '[ERROR] plugin/errors: listen tcp :53: bind: permission denied']);
		writeLog(sim, coredns, [], {restart: true});
		await eventually(() => findings.findings().some(finding => finding.playbook === 'coredns-bind' && finding.evidence.some(line => line.includes('bind: permission denied'))), 10_000, 'coredns finding with its log line');
		t.is(findings.findings().find(finding => finding.playbook === 'coredns-bind')!.captures.port, '53');

		createPod(sim, podIn('default', 'web', {state: {waiting: {reason: 'ImagePullBackOff'}}}, 'Pending'));
		pullFailed(sim, 'web', 1);
		await eventually(() => keys(findings).includes('image-pull/tag-not-found default/web'), 10_000, `image pull finding (${keys(findings)})`);
		await eventually(() => notified > 0, 2000, 'subscribers told');

		sim.store.delete(resourceFor('Pod'), 'kube-system', 'coredns-1', {gracePeriodSeconds: 0});
		await eventually(() => !keys(findings).some(key => key.startsWith('coredns-bind')), 10_000, 'coredns finding gone');
		t.deepEqual(keys(findings), ['image-pull/tag-not-found default/web']);
	} finally {
		await stop();
	}
});

test('a flood of watch events notifies listeners at most about 20 times a second', async t => {
	const {sim, store, findings, stop} = await live({evidence: false});
	try {
		createPod(sim, podIn('default', 'web', {state: {waiting: {reason: 'ImagePullBackOff'}}}, 'Pending'));
		await eventually(() => keys(findings).length > 0, 10_000, 'first finding');
		let notified = 0;
		findings.subscribe(() => notified++);
		const started = Date.now();
		let index = 0;
		while (Date.now() - started < 600) {
			for (let burst = 0; burst < 20; burst++) pullFailed(sim, 'web', ++index);
			await new Promise(resolve => setImmediate(resolve));
		}
		await eventually(() => store.list('Event').length === sim.store.count(resourceFor('Event')), 10_000, 'every event seen');
		const elapsed = Date.now() - started;
		t.true(index > 200, `only ${index} events`);
		t.deepEqual(keys(findings), ['image-pull/tag-not-found default/web']);
		t.true(notified <= Math.ceil(elapsed / 50) + 2, `${notified} notifications for ${index} events in ${elapsed} ms`);
	} finally {
		await stop();
	}
});

test('a Ready controller whose ClusterRole is gone: its log is read, and the finding goes once the role exists', async t => {
	const {sim, findings, stop} = await live({evidence: true, shipped: ['rbac']});
	try {
		const rbac = {group: 'rbac.authorization.k8s.io', version: 'v1'};
		sim.store.create(resourceFor('ClusterRoleBinding'), {
			apiVersion: `${rbac.group}/${rbac.version}`,
			kind: 'ClusterRoleBinding',
			metadata: {name: 'traefik-kube-system'},
			roleRef: {apiGroup: rbac.group, kind: 'ClusterRole', name: 'traefik-kube-system'},
			subjects: [{kind: 'ServiceAccount', name: 'traefik', namespace: 'kube-system'}],
		} as KubeObject);
		const pod = podIn('kube-system', 'traefik-1', {name: 'traefik', ready: true, state: {running: {startedAt: '2026-01-01T00:00:00Z'}}});
		pod.spec.serviceAccountName = 'traefik';
		createPod(sim, pod);
		writeLog(sim, pod, ['E1122 reflector.go:147: Failed to watch *v1.Service: failed to list *v1.Service: services is forbidden: User "system:serviceaccount:kube-system:traefik" cannot list resource "services" in API group "" at the cluster scope']);
		await eventually(() => keys(findings).includes('rbac/service-account-cluster kube-system/traefik-1'), 10_000, `rbac finding (${keys(findings)})`);
		sim.store.create(resourceFor('ClusterRole'), {apiVersion: `${rbac.group}/${rbac.version}`, kind: 'ClusterRole', metadata: {name: 'traefik-kube-system'}, rules: []} as KubeObject);
		await eventually(() => keys(findings).length === 0, 10_000, `finding gone (${keys(findings)})`);
		t.pass();
	} finally {
		await stop();
	}
});

const texts = (findings: LiveFindings) => findings.findings().filter(finding => finding.kind === 'Text').map(finding => `${finding.playbook}/${finding.variant} ${finding.name}: ${finding.summary}`);

test('a watch the API server forbids is a text with its message, until the watch is live again', async t => {
	const {playbooks} = await loadPlaybooks();
	const store = new ClusterStore({batchMs: 1});
	const findings = new LiveFindings(store, playbooks.filter(playbook => playbook.id === 'rbac'), {batchMs: 1});
	t.teardown(() => {
		findings.stop();
		store.close();
	});
	const message = 'pods is forbidden: User "dev@example.com" cannot list resource "pods" in API group "" in the namespace "shop"';
	store.setConnection('Pod', {status: 'forbidden', retryAt: Date.now() + 1000, message});
	await eventually(() => texts(findings).length > 0, 2000, 'the watch\'s text');
	t.deepEqual(texts(findings), ["rbac/user kconsole's watch of pods: dev@example.com may not list pods in namespace shop"]);
	t.deepEqual(findings.findings()[0].evidence, [message]);
	// Retrying for another reason says nothing new about the permission.
	const notified = new Promise<void>(resolve => {
		const unsubscribe = store.subscribe(() => {
			unsubscribe();
			resolve();
		});
	});
	store.setConnection('Pod', {status: 'retrying', retryAt: Date.now() + 1000, message: 'connect ECONNREFUSED 127.0.0.1:6443'});
	store.setConnection('Pod', {status: 'connecting'});
	// LiveFindings listens first: once this listener hears of the change, it has seen it.
	await notified;
	t.is(texts(findings).length, 1);
	store.setConnection('Pod', {status: 'live'});
	await eventually(() => texts(findings).length === 0, 2000, 'the text gone');
	t.is(watchErrorName('ClusterRoleBinding'), "kconsole's watch of clusterrolebindings");
});

test('against the simulated cluster: a forbidden kind gives an rbac finding that goes when the watch is allowed again', async t => {
	const {sim, findings, stop} = await live({evidence: false, shipped: ['rbac']});
	try {
		await injectFault(sim, {forbid: ['clusterroles']});
		await eventually(() => texts(findings).length > 0, 10_000, 'the forbidden watch\'s finding');
		t.deepEqual(texts(findings), ["rbac/user-cluster kconsole's watch of clusterroles: kconsole-sim may not list clusterroles across the cluster"]);
		await injectFault(sim, {forbid: []});
		await eventually(() => texts(findings).length === 0, 10_000, `finding gone (${texts(findings)})`);
		t.pass();
	} finally {
		await stop();
	}
});
