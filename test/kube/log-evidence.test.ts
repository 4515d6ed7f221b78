import test from 'ava';
import type {ContainerStatus, Pod} from '../../source/core/objects/types.js';
import {evidenceNeeds, type EvidenceNeed} from '../../source/kube/log-evidence.js';

const now = Date.parse('2026-01-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

function podWith(statuses: Array<Partial<ContainerStatus>>, phase: NonNullable<Pod['status']>['phase'] = 'Running'): Pod {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {namespace: 'shop', name: 'web', uid: 'u1'},
		spec: {containers: statuses.map(status => ({name: status.name ?? 'app', image: 'web:1'}))},
		status: {phase, containerStatuses: statuses.map(status => ({name: 'app', image: 'web:1', ready: false, restartCount: 0, ...status}))},
	};
}

const crashed = {terminated: {exitCode: 1, reason: 'Error'}};

const cases: Array<{name: string; pod: Pod; needs: EvidenceNeed[]}> = [
	{name: 'a ready container needs nothing', pod: podWith([{ready: true, restartCount: 4, state: {running: {startedAt: minutesAgo(10)}}, lastState: crashed}]), needs: []},
	{
		name: 'a crash-looping container needs its previous instance',
		pod: podWith([{restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: crashed}]),
		needs: [{container: 'app', restartCount: 3, previous: true, current: false}],
	},
	{name: 'an image that cannot be pulled has no log', pod: podWith([{state: {waiting: {reason: 'ImagePullBackOff'}}}], 'Pending'), needs: []},
	{
		name: 'a restarted container running unready needs both instances',
		pod: podWith([{restartCount: 1, state: {running: {startedAt: minutesAgo(1)}}, lastState: crashed}]),
		needs: [{container: 'app', restartCount: 1, previous: true, current: true}],
	},
	{
		name: 'a container unready past the grace period needs its running log',
		pod: podWith([{state: {running: {startedAt: minutesAgo(5)}}}]),
		needs: [{container: 'app', restartCount: 0, previous: false, current: true}],
	},
	{name: 'a container just started gets its grace period', pod: podWith([{state: {running: {startedAt: minutesAgo(0.1)}}}]), needs: []},
	{
		name: 'a container that ended in failure without restarting needs its log',
		pod: podWith([{state: {terminated: {exitCode: 137, reason: 'OOMKilled'}}}], 'Failed'),
		needs: [{container: 'app', restartCount: 0, previous: false, current: true}],
	},
	{name: 'a completed container needs nothing', pod: podWith([{state: {terminated: {exitCode: 0, reason: 'Completed'}}}]), needs: []},
	{name: 'a succeeded pod needs nothing', pod: podWith([{restartCount: 2, state: {terminated: {exitCode: 0}}, lastState: crashed}], 'Succeeded'), needs: []},
	{name: 'a pod without status needs nothing', pod: {...podWith([]), status: undefined}, needs: []},
];

for (const {name, pod, needs} of cases) {
	test(name, t => {
		t.deepEqual(evidenceNeeds(pod, now), needs);
	});
}

test('a failing init container is looked at too', t => {
	const pod = podWith([{state: {waiting: {reason: 'PodInitializing'}}}], 'Pending');
	pod.status!.initContainerStatuses = [{name: 'migrate', image: 'web:1', ready: false, restartCount: 2, state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: crashed}];
	t.deepEqual(evidenceNeeds(pod, now), [{container: 'migrate', restartCount: 2, previous: true, current: false}]);
});
