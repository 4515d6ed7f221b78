// Pods written straight into the simulated cluster's store in a given state, with their logs,
// for tests that need a container in a particular condition without waiting for controllers.
import type {ContainerStatus, KubeObject, Pod} from '../../source/core/objects/types.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import type {SimHandle} from '../../source/sim/start-sim.js';

export function podIn(namespace: string, name: string, status: Partial<ContainerStatus> & {name?: string}, phase: NonNullable<Pod['status']>['phase'] = 'Running'): Pod {
	const container = status.name ?? 'app';
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace},
		spec: {nodeName: 'node-1', containers: [{name: container, image: 'registry.example/app:1'}]},
		status: {phase, containerStatuses: [{name: container, image: 'registry.example/app:1', ready: false, restartCount: 0, ...status}]},
	};
}

export function createPod(sim: SimHandle, pod: Pod): Pod {
	return sim.store.create(resourceFor('Pod'), pod as KubeObject) as Pod;
}

export function updatePodStatus(sim: SimHandle, namespace: string, name: string, change: (status: ContainerStatus) => void): Pod {
	return sim.store.mutate(resourceFor('Pod'), namespace, name, draft => change((draft as Pod).status!.containerStatuses![0])) as Pod;
}

export const crashLooping = (restartCount: number): Partial<ContainerStatus> => ({
	restartCount,
	state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container'}},
	lastState: {terminated: {exitCode: 1, reason: 'Error'}},
});

export const running: Partial<ContainerStatus> = {ready: true, state: {running: {startedAt: '2026-01-01T00:00:00Z'}}};

/** Writes lines as the current instance's log; `restart` first moves the current log to previous. */
export function writeLog(sim: SimHandle, pod: Pod, lines: string[], options: {restart?: boolean} = {}): void {
	const {namespace = '', name} = pod.metadata;
	const container = pod.spec.containers[0].name;
	if (options.restart) sim.logs.restart(namespace, name, container);
	for (const line of lines) sim.logs.append(namespace, name, container, line, Date.now());
}
