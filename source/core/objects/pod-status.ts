// kubectl's READY, STATUS and RESTARTS for a pod (printPod in kubernetes/pkg/printers, 1.32),
// shared by the simulated API's Table output and the console's pod list.
import {age} from './age.js';
import type {Container, ContainerStatus, Pod, PodCondition} from './types.js';

export type PodColumns = {
	/** `ready/total`, e.g. `1/2`. */
	ready: string;
	/** `Running`, `CrashLoopBackOff`, `Init:0/1`, `Terminating`… */
	status: string;
	/** `0`, or `5 (40s ago)` when a container has restarted. */
	restarts: string;
	restartCount: number;
};

type InitContainer = Container & {restartPolicy?: string};

export function podColumns(pod: Pod, now: number): PodColumns {
	const spec = pod.spec ?? {containers: []};
	const status: NonNullable<Pod['status']> = pod.status ?? {};
	const initContainers = (spec.initContainers ?? []) as InitContainer[];
	const byName = new Map(initContainers.map(container => [container.name, container]));
	const sidecar = (name: string) => byName.get(name)?.restartPolicy === 'Always';
	const totalContainers = (spec.containers ?? []).length + initContainers.filter(container => container.restartPolicy === 'Always').length;
	let readyContainers = 0;
	let restarts = 0;
	let sidecarRestarts = 0;
	let lastRestart = 0;
	let lastSidecarRestart = 0;
	let reason: string = status.reason || status.phase || '';
	if (status.conditions?.some((condition: PodCondition) => condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')) reason = 'SchedulingGated';

	let initializing = false;
	const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
	for (let i = 0; i < initStatuses.length; i++) {
		const container = initStatuses[i];
		restarts += container.restartCount ?? 0;
		lastRestart = Math.max(lastRestart, finishedAt(container));
		if (sidecar(container.name)) {
			sidecarRestarts += container.restartCount ?? 0;
			lastSidecarRestart = Math.max(lastSidecarRestart, finishedAt(container));
		}
		const terminated = container.state?.terminated;
		const waiting = container.state?.waiting;
		if (terminated && terminated.exitCode === 0) continue;
		if (sidecar(container.name) && container.started) {
			if (container.ready) readyContainers++;
			continue;
		}
		if (terminated) {
			if (terminated.reason) reason = `Init:${terminated.reason}`;
			else reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
		} else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
			reason = `Init:${waiting.reason}`;
		} else {
			reason = `Init:${i}/${initContainers.length}`;
		}
		initializing = true;
		break;
	}

	const initialized = status.conditions?.some((condition: PodCondition) => condition.type === 'Initialized' && condition.status === 'True') ?? false;
	if (!initializing || initialized) {
		restarts = sidecarRestarts;
		lastRestart = lastSidecarRestart;
		let hasRunning = false;
		const statuses: ContainerStatus[] = status.containerStatuses ?? [];
		for (let i = statuses.length - 1; i >= 0; i--) {
			const container = statuses[i];
			restarts += container.restartCount ?? 0;
			lastRestart = Math.max(lastRestart, finishedAt(container));
			const waiting = container.state?.waiting;
			const terminated = container.state?.terminated;
			if (waiting?.reason) reason = waiting.reason;
			else if (terminated?.reason) reason = terminated.reason;
			else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
			else if (container.ready && container.state?.running) {
				hasRunning = true;
				readyContainers++;
			}
		}
		if (reason === 'Completed' && hasRunning) {
			reason = status.conditions?.some((condition: PodCondition) => condition.type === 'Ready' && condition.status === 'True') ? 'Running' : 'NotReady';
		}
	}

	const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
	if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
	else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

	const restartText = restarts !== 0 && lastRestart > 0 ? `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
	return {ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartText, restartCount: restarts};
}

function finishedAt(container: ContainerStatus): number {
	const finished = container.lastState?.terminated?.finishedAt;
	const time = finished ? Date.parse(finished) : 0;
	return Number.isNaN(time) ? 0 : time;
}
