import test from 'ava';
import {Backoff} from '../../../source/sim/controllers/backoff.js';
import {kubeadmCorednsSecurity} from '../../../source/sim/base/kube-system.js';
import {effectiveSecurity, goDuration, goDurationMs, parseMemory, qosClass} from '../../../source/sim/controllers/container-spec.js';
import {type PodModel, podPhase} from '../../../source/sim/controllers/kubelet-status.js';
import {planRun} from '../../../source/sim/controllers/run-plan.js';
import {canBindPrivilegedPort, coredns} from '../../../source/sim/registry/programs/cluster-addons.js';
import {nonRootCorednsSecurity} from '../../../source/sim/scenarios/coredns-bind-denied.js';

test('crash back-off windows: 10s doubling to 5m, reset after ten quiet minutes', t => {
	const backoff = new Backoff();
	const windows: string[] = [];
	let time = 0;
	for (let crash = 0; crash < 7; crash++) {
		backoff.next(time);
		windows.push(goDuration(backoff.current));
		time += backoff.current + 1000;
	}
	t.deepEqual(windows, ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s']);
	backoff.next(time + 11 * 60_000);
	t.is(backoff.current, 10_000);
	t.true(backoff.inBackoffSince(time + 11 * 60_000, time + 11 * 60_000 + 5000));
	t.false(backoff.inBackoffSince(time + 11 * 60_000, time + 11 * 60_000 + 10_000));
});

test('durations print like Go', t => {
	t.deepEqual([812, 1000, 1393.7, 4000, 61_500].map(goDurationMs), ['812ms', '1s', '1.393s', '4s', '1m1.5s']);
});

test('memory quantities', t => {
	t.deepEqual(['256Mi', '1Gi', '500M', '128974848', undefined].map(parseMemory), [268_435_456, 1_073_741_824, 500_000_000, 128_974_848, undefined]);
});

const model = (states: PodModel['containers'][number]['state'][], restartPolicy = 'Always', lastTerminated = false): PodModel => ({
	hostIP: '172.18.0.3',
	startTime: '',
	sandboxReady: true,
	restartPolicy,
	transitions: new Map(),
	qosClass: 'BestEffort',
	containers: states.map((state, index) => ({name: `c${index}`, specImage: 'x', state, ready: false, started: false, restartCount: 0, ...(lastTerminated ? {lastTerminated: {exitCode: 1, reason: 'Error', startedAt: '', finishedAt: '', containerID: ''}} : {})})),
});
const terminated = (exitCode: number) => ({terminated: {exitCode, reason: exitCode ? 'Error' : 'Completed', startedAt: '', finishedAt: '', containerID: ''}});

const phases: Array<[string, PodModel, string]> = [
	['pulling', model([{waiting: {reason: 'ContainerCreating'}}]), 'Pending'],
	['image pull back-off', model([{waiting: {reason: 'ImagePullBackOff'}}]), 'Pending'],
	['crash loop (waiting with a last state)', model([{waiting: {reason: 'CrashLoopBackOff'}}], 'Always', true), 'Running'],
	['running', model([{running: {startedAt: ''}}]), 'Running'],
	['one of two still creating', model([{running: {startedAt: ''}}, {waiting: {reason: 'ContainerCreating'}}]), 'Pending'],
	['job done', model([terminated(0)], 'Never'), 'Succeeded'],
	['job failed', model([terminated(1)], 'Never'), 'Failed'],
	['exited, will restart', model([terminated(1)]), 'Running'],
];

for (const [name, pod, phase] of phases) {
	test(`pod phase: ${name}`, t => {
		t.is(podPhase(pod), phase);
	});
}

test('QoS class from requests and limits', t => {
	const pod = (resources?: object) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'a', image: 'x', resources}]}});
	t.is(qosClass(pod()), 'BestEffort');
	t.is(qosClass(pod({requests: {memory: '128Mi'}, limits: {memory: '256Mi'}})), 'Burstable');
	t.is(qosClass(pod({requests: {cpu: '1', memory: '1Gi'}, limits: {cpu: '1', memory: '1Gi'}})), 'Guaranteed');
});

const security: Array<[string, Record<string, unknown>, boolean]> = [
	["kubeadm's CoreDNS (root, drop ALL, add NET_BIND_SERVICE)", kubeadmCorednsSecurity, true],
	["the seed's broken CoreDNS (user 65532)", nonRootCorednsSecurity, false],
	['non-root with allowPrivilegeEscalation: true still cannot', {...nonRootCorednsSecurity, allowPrivilegeEscalation: true}, false],
	['root with every capability dropped', {runAsUser: 0, capabilities: {drop: ['ALL']}}, false],
	["the seed's patch applied", {...nonRootCorednsSecurity, allowPrivilegeEscalation: true, capabilities: {add: ['NET_BIND_SERVICE'], drop: []}, runAsUser: 0, runAsNonRoot: false}, true],
];

for (const [name, securityContext, binds] of security) {
	test(`binding :53: ${name}`, t => {
		const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'coredns'}, spec: {containers: []}};
		t.is(canBindPrivilegedPort(effectiveSecurity(pod, {name: 'coredns', image: 'coredns', securityContext}, coredns)), binds);
	});
}

test('a run plan: the kernel kills above the memory limit, later lines are never written, readiness needs a probe', t => {
	const run = {lines: [{at: 10, text: 'loading'}, {at: 3000, text: 'ready'}], peakMemory: {bytes: 700 * 1024 ** 2, at: 2600}, readyAfter: 3600};
	const killed = planRun(run, {memoryLimit: 256 * 1024 ** 2, probe: {}});
	t.deepEqual(killed.exit, {at: 2600, code: 137, reason: 'OOMKilled'});
	t.deepEqual([...killed.linesByTime.values()].flat(), ['loading']);
	t.is(killed.readyAt, undefined);
	const enough = planRun(run, {memoryLimit: 1024 ** 3, probe: {initialDelaySeconds: 5}});
	t.is(enough.exit, undefined);
	t.is(enough.readyAt, 5000);
	t.is(planRun(run, {}).readyAt, undefined);
	t.deepEqual(planRun({lines: [], exit: {at: 60, code: 2}}, {}).exit, {at: 60, code: 2, reason: 'Error'});
});
