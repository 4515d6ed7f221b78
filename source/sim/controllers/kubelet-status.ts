// The kubelet's view of one pod and how it reports it: containerStatuses shaped exactly like
// a real kubelet's (field order included), the phase (getPhase) and the five conditions.

export type Terminated = {exitCode: number; reason: string; message?: string; startedAt: string; finishedAt: string; containerID: string};

export type ContainerModel = {
	name: string;
	/** The image as the spec names it (`nginx:1.27`), reported until the container runs. */
	specImage: string;
	state: {waiting: {reason: string; message?: string}} | {running: {startedAt: string}} | {terminated: Terminated};
	lastTerminated?: Terminated;
	ready: boolean;
	started: boolean;
	restartCount: number;
	containerID?: string;
	/** `docker.io/library/nginx@sha256:…` once the image is on the node and the container was created. */
	imageID?: string;
	/** `docker.io/library/nginx:1.27`: containerd's name for the image it runs. */
	runningImage?: string;
};

export type PodModel = {
	hostIP: string;
	podIP?: string;
	startTime: string;
	sandboxReady: boolean;
	restartPolicy: string;
	containers: ContainerModel[];
	/** Condition type → its status and when it last changed. */
	transitions: Map<string, {status: string; time: string}>;
	qosClass: string;
};

export function podPhase(model: PodModel): string {
	let waiting = 0;
	let running = 0;
	let stopped = 0;
	let succeeded = 0;
	for (const container of model.containers) {
		if ('running' in container.state) running++;
		else if ('terminated' in container.state) {
			stopped++;
			if (container.state.terminated.exitCode === 0) succeeded++;
		} else if (container.lastTerminated) stopped++;
		else waiting++;
	}
	if (waiting > 0) return 'Pending';
	if (running > 0) return 'Running';
	if (stopped > 0) {
		if (model.restartPolicy === 'Always') return 'Running';
		if (stopped === succeeded) return 'Succeeded';
		return model.restartPolicy === 'Never' ? 'Failed' : 'Running';
	}
	return 'Pending';
}

/** The status object the kubelet writes, keeping PodScheduled from the scheduler. */
export function buildStatus(model: PodModel, previous: Record<string, any> | undefined, now: string): Record<string, unknown> {
	const unready = model.containers.filter(container => !container.ready).map(container => container.name);
	const condition = (type: string, status: boolean, reason?: string, message?: string) => {
		const text = status ? 'True' : 'False';
		const last = model.transitions.get(type);
		if (!last || last.status !== text) model.transitions.set(type, {status: text, time: now});
		return {type, status: text, lastProbeTime: null, lastTransitionTime: model.transitions.get(type)!.time, ...(reason ? {reason, message} : {})};
	};
	const notReady = unready.length > 0 ? `containers with unready status: [${unready.join(' ')}]` : undefined;
	const scheduled = (previous?.conditions ?? []).find((existing: {type: string}) => existing.type === 'PodScheduled') ?? {type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: model.startTime};
	return {
		phase: podPhase(model),
		conditions: [
			condition('PodReadyToStartContainers', model.sandboxReady),
			condition('Initialized', true),
			condition('Ready', !notReady, notReady ? 'ContainersNotReady' : undefined, notReady),
			condition('ContainersReady', !notReady, notReady ? 'ContainersNotReady' : undefined, notReady),
			scheduled,
		],
		hostIP: model.hostIP,
		hostIPs: [{ip: model.hostIP}],
		...(model.podIP ? {podIP: model.podIP, podIPs: [{ip: model.podIP}]} : {}),
		startTime: model.startTime,
		containerStatuses: model.containers.map(containerStatus),
		qosClass: model.qosClass,
	};
}

function containerStatus(container: ContainerModel): Record<string, unknown> {
	return {
		name: container.name,
		state: container.state,
		lastState: container.lastTerminated ? {terminated: container.lastTerminated} : {},
		ready: container.ready,
		restartCount: container.restartCount,
		image: container.runningImage ?? container.specImage,
		imageID: container.imageID ?? '',
		...(container.containerID ? {containerID: container.containerID} : {}),
		started: container.started,
	};
}
