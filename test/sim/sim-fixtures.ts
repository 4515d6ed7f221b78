// Objects for tests of the simulated API against a bare store (no controllers): pods in the
// states kubectl shows, written through the store as the kubelet would.
import type {KubeObject} from '../../source/core/objects/types.js';
import type {SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';

export const pods = resourceFor('Pod');
export const events = resourceFor('Event');
export const namespaces = resourceFor('Namespace');
export const deployments = resourceFor('Deployment');

export function podObject(name: string, namespace = 'default', containers = ['app']): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, labels: {app: name}},
		spec: {nodeName: 'node-1', containers: containers.map(container => ({name: container, image: `registry.example.com/${container}:1.0`}))},
	};
}

/** A scheduled pod whose containers run and are ready; `restarts` containers have crashed before. */
export function addRunningPod(sim: SimHandle, name: string, options: {namespace?: string; containers?: string[]; restarts?: number} = {}): KubeObject {
	const namespace = options.namespace ?? 'default';
	if (!sim.store.get(namespaces, undefined, namespace)) sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace}});
	const containers = options.containers ?? ['app'];
	sim.store.create(pods, podObject(name, namespace, containers));
	const started = sim.clock.iso(sim.clock.now() - 60_000);
	return sim.store.mutate(pods, namespace, name, draft => {
		draft.status = {
			phase: 'Running',
			podIP: '10.244.1.7',
			hostIP: '10.0.0.11',
			startTime: started,
			conditions: [
				{type: 'Initialized', status: 'True'},
				{type: 'Ready', status: 'True'},
			],
			containerStatuses: containers.map(container => ({
				name: container,
				image: `registry.example.com/${container}:1.0`,
				ready: true,
				started: true,
				restartCount: options.restarts ?? 0,
				state: {running: {startedAt: started}},
				...(options.restarts
					? {lastState: {terminated: {exitCode: 1, reason: 'Error', startedAt: started, finishedAt: sim.clock.iso(sim.clock.now() - 40_000), containerID: 'containerd://old'}}}
					: {}),
				containerID: 'containerd://current',
			})),
		};
	});
}

/** A core/v1 event about an object, as the kubelet records it. */
export function addEvent(sim: SimHandle, about: KubeObject, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): KubeObject {
	const now = sim.clock.iso();
	return sim.store.create(events, {
		apiVersion: 'v1',
		kind: 'Event',
		metadata: {name: `${about.metadata.name}.${Math.random().toString(16).slice(2, 10)}`, namespace: about.metadata.namespace},
		involvedObject: {kind: about.kind, namespace: about.metadata.namespace, name: about.metadata.name, uid: about.metadata.uid, apiVersion: about.apiVersion},
		reason,
		message,
		type,
		count: 1,
		firstTimestamp: now,
		lastTimestamp: now,
		source: {component: 'kubelet', host: 'node-1'},
	});
}

/** Polls until `condition` holds (no sleeps for synchronisation). */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) return;
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	throw new Error(`${what} not met within ${timeoutMs} ms`);
}
