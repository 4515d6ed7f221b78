import type {Container, KubeObject} from '../../core/objects/types.js';
import {qosClass} from '../controllers/container-spec.js';
import {type ImageReference, parseImageReference} from '../registry/image-reference.js';
import type {Registry} from '../registry/registry.js';

// A pod object that is already running, with the status a kubelet would have written: for
// pods that exist before anyone watches (static control-plane pods, bulk pods), so they cost
// no pulls, timers or events.

export function runningPod(pod: KubeObject, options: {node: string; hostIP: string; podIP: string; startedAt: string; registry: Registry; references?: Map<string, ImageReference>}): KubeObject {
	const references = options.references ?? new Map<string, ImageReference>();
	const containers: Container[] = pod.spec.containers;
	const condition = (type: string) => ({type, status: 'True', lastProbeTime: null, lastTransitionTime: options.startedAt});
	return {
		...pod,
		spec: {...pod.spec, nodeName: options.node},
		status: {
			phase: 'Running',
			conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
			hostIP: options.hostIP,
			hostIPs: [{ip: options.hostIP}],
			podIP: options.podIP,
			podIPs: [{ip: options.podIP}],
			startTime: options.startedAt,
			containerStatuses: containers.map(container => {
				let reference = references.get(container.image);
				if (!reference) references.set(container.image, (reference = parseImageReference(container.image)));
				return {
					name: container.name,
					state: {running: {startedAt: options.startedAt}},
					lastState: {},
					ready: true,
					restartCount: 0,
					image: reference.full,
					imageID: options.registry.imageID(reference),
					containerID: `containerd://${containerId()}`,
					started: true,
				};
			}),
			qosClass: qosClass(pod),
		},
	};
}

/** 64 hex digits, like containerd's IDs (cheap: bulk pods need tens of thousands). */
export function containerId(): string {
	let id = '';
	while (id.length < 64) id += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
	return id;
}
