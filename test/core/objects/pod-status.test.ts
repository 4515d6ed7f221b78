import test from 'ava';
import {podColumns} from '../../../source/core/objects/pod-status.js';
import type {Pod} from '../../../source/core/objects/types.js';

const now = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString().replace('.000Z', 'Z');

function pod(status: Partial<NonNullable<Pod['status']>>, spec: Partial<Pod['spec']> = {}, deleting = false): Pod {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'web', namespace: 'shop', ...(deleting ? {deletionTimestamp: ago(0)} : {})},
		spec: {containers: [{name: 'app', image: 'app:1'}], ...spec},
		status,
	};
}

const waiting = (reason: string) => ({name: 'app', image: 'app:1', ready: false, restartCount: 0, state: {waiting: {reason}}});
const running = {name: 'app', image: 'app:1', ready: true, restartCount: 0, state: {running: {startedAt: ago(100)}}};

const cases: Array<[string, Pod, {ready: string; status: string; restarts: string}]> = [
	['running and ready', pod({phase: 'Running', containerStatuses: [running]}), {ready: '1/1', status: 'Running', restarts: '0'}],
	['pending without statuses', pod({phase: 'Pending'}), {ready: '0/1', status: 'Pending', restarts: '0'}],
	['container creating', pod({phase: 'Pending', containerStatuses: [waiting('ContainerCreating')]}), {ready: '0/1', status: 'ContainerCreating', restarts: '0'}],
	['image pull error', pod({phase: 'Pending', containerStatuses: [waiting('ErrImagePull')]}), {ready: '0/1', status: 'ErrImagePull', restarts: '0'}],
	['image pull back-off', pod({phase: 'Pending', containerStatuses: [waiting('ImagePullBackOff')]}), {ready: '0/1', status: 'ImagePullBackOff', restarts: '0'}],
	[
		'crash loop with the last restart time',
		pod({phase: 'Running', containerStatuses: [{...waiting('CrashLoopBackOff'), restartCount: 5, lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: ago(40)}}}]}),
		{ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (40s ago)'},
	],
	['completed', pod({phase: 'Succeeded', containerStatuses: [{...running, ready: false, state: {terminated: {exitCode: 0, reason: 'Completed'}}}]}), {ready: '0/1', status: 'Completed', restarts: '0'}],
	['error', pod({phase: 'Failed', containerStatuses: [{...running, ready: false, state: {terminated: {exitCode: 2, reason: 'Error'}}}]}), {ready: '0/1', status: 'Error', restarts: '0'}],
	['OOM killed', pod({phase: 'Running', containerStatuses: [{...running, ready: false, state: {terminated: {exitCode: 137, reason: 'OOMKilled'}}}]}), {ready: '0/1', status: 'OOMKilled', restarts: '0'}],
	['exit code without a reason', pod({phase: 'Failed', containerStatuses: [{...running, ready: false, state: {terminated: {exitCode: 3}}}]}), {ready: '0/1', status: 'ExitCode:3', restarts: '0'}],
	['terminating', pod({phase: 'Running', containerStatuses: [running]}, {}, true), {ready: '1/1', status: 'Terminating', restarts: '0'}],
	[
		'init container running',
		pod(
			{phase: 'Pending', initContainerStatuses: [{name: 'migrate', image: 'm:1', ready: false, restartCount: 0, state: {running: {}}}], containerStatuses: [waiting('PodInitializing')]},
			{initContainers: [{name: 'migrate', image: 'm:1'}]},
		),
		{ready: '0/1', status: 'Init:0/1', restarts: '0'},
	],
	[
		'init container crash looping',
		pod(
			{phase: 'Pending', initContainerStatuses: [{name: 'migrate', image: 'm:1', ready: false, restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: {terminated: {exitCode: 1, finishedAt: ago(10)}}}]},
			{initContainers: [{name: 'migrate', image: 'm:1'}]},
		),
		{ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '3 (10s ago)'},
	],
	[
		'init container failed',
		pod({phase: 'Pending', initContainerStatuses: [{name: 'migrate', image: 'm:1', ready: false, restartCount: 0, state: {terminated: {exitCode: 1, reason: 'Error'}}}]}, {initContainers: [{name: 'migrate', image: 'm:1'}]}),
		{ready: '0/1', status: 'Init:Error', restarts: '0'},
	],
	[
		'two containers, one ready',
		pod({phase: 'Running', containerStatuses: [running, {...running, name: 'sidecar', ready: false}]}, {containers: [{name: 'app', image: 'a'}, {name: 'sidecar', image: 's'}]}),
		{ready: '1/2', status: 'Running', restarts: '0'},
	],
];

for (const [name, input, expected] of cases) {
	test(`pod columns: ${name}`, t => {
		const {ready, status, restarts} = podColumns(input, now);
		t.deepEqual({ready, status, restarts}, expected);
	});
}
