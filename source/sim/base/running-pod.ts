import {randomBytes} from 'node:crypto';
import type {Container, KubeObject} from '../../core/objects/types.js';
import {qosClass} from '../controllers/container-spec.js';
import {parseImageReference} from '../registry/image-reference.js';
import type {Registry} from '../registry/registry.js';

// A pod object that is already running, with the status a kubelet would have written: for
// pods that exist before anyone watches (static control-plane pods, bulk pods), so they cost
// no pulls, timers or events.

export function runningPod(pod: KubeObject, options: {node: string; hostIP: string; podIP: string; startedAt: string; registry: Registry}): KubeObject {
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
				const reference = parseImageReference(container.image);
				return {
					name: container.name,
					state: {running: {startedAt: options.startedAt}},
					lastState: {},
					ready: true,
					restartCount: 0,
					image: reference.full,
					imageID: options.registry.imageID(reference),
					containerID: `containerd://${randomBytes(32).toString('hex')}`,
					started: true,
				};
			}),
			qosClass: qosClass(pod),
		},
	};
}
