import type {ExecutionContext} from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {Clock} from '../../source/sim/clock.js';
import {type PatchType, applyPatch} from '../../source/sim/patch/apply-patch.js';
import {installDefaults} from '../../source/sim/store/defaults.js';
import {LogStore} from '../../source/sim/store/log-store.js';
import {ObjectStore} from '../../source/sim/store/object-store.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {type World, createWorld, installScenarios} from '../../source/sim/world.js';

// Drives the simulated world in-process, as the API server would: a fast clock, the API
// defaulting, the user's writes as patches, and polling with a deadline (no sleeps).

export type Harness = {
	world: World;
	store: ObjectStore;
	get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
	list(kind: string, namespace?: string): KubeObject[];
	/** Pods whose name starts with `prefix` (the deployment's name), not being deleted. */
	pods(namespace: string, prefix: string): KubeObject[];
	events(namespace: string, filter?: (event: KubeObject) => boolean): KubeObject[];
	logLines(namespace: string, pod: string, container: string, previous?: boolean): string[];
	/** A user's `kubectl patch` (json, merge or strategic) or `kubectl apply`-like write. */
	patch(kind: string, namespace: string | undefined, name: string, type: 'json' | 'merge' | 'strategic', patch: unknown): KubeObject;
	create(object: KubeObject): KubeObject;
	/** What `kubectl rollout restart` sends. */
	restart(namespace: string, deployment: string): void;
	waitFor<T>(description: string, probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
};

const patchTypes: Record<string, PatchType> = {
	json: 'application/json-patch+json',
	merge: 'application/merge-patch+json',
	strategic: 'application/strategic-merge-patch+json',
};

export async function startWorld(t: ExecutionContext, scenarios: string[], speed = 100): Promise<Harness> {
	const clock = new Clock({speed});
	const store = new ObjectStore(clock);
	installDefaults(store);
	const logs = new LogStore();
	const world = await createWorld({clock, store, logs});
	t.teardown(async () => {
		await world.stop();
		clock.stop();
	});
	await installScenarios(world, scenarios);
	const get = (kind: string, namespace: string | undefined, name: string) => store.get(resourceFor(kind), namespace, name);
	const list = (kind: string, namespace?: string) => store.list(resourceFor(kind), {namespace});
	const patch: Harness['patch'] = (kind, namespace, name, type, body) => {
		const resource = resourceFor(kind);
		const current = store.get(resource, namespace, name);
		if (!current) throw new Error(`${kind} ${namespace}/${name} not found`);
		return store.replace(resource, applyPatch(patchTypes[type], current, body) as KubeObject);
	};
	return {
		world,
		store,
		get,
		list,
		pods: (namespace, prefix) => list('Pod', namespace).filter(pod => pod.metadata.name.startsWith(`${prefix}-`) && !pod.metadata.deletionTimestamp),
		events: (namespace, filter = () => true) => list('Event', namespace).filter(filter),
		logLines: (namespace, pod, container, previous) => (logs.read(namespace, pod, container, {previous}) ?? []).map(line => line.text),
		patch,
		create: object => store.create(resourceFor(object.kind), object),
		restart(namespace, deployment) {
			patch('Deployment', namespace, deployment, 'strategic', {spec: {template: {metadata: {annotations: {'kubectl.kubernetes.io/restartedAt': new Date().toISOString()}}}}});
		},
		async waitFor(description, probe, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const value = probe();
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
	};
}

export function waitingReason(pod: KubeObject, container = 0): string | undefined {
	return pod.status?.containerStatuses?.[container]?.state?.waiting?.reason;
}

export function isReady(pod: KubeObject): boolean {
	return pod.status?.conditions?.some((condition: {type: string; status: string}) => condition.type === 'Ready' && condition.status === 'True') ?? false;
}

/** Every pod of the deployment runs the current template and is Ready, and the deployment says so. */
export function rolledOut(harness: Harness, namespace: string, name: string): boolean {
	const deployment = harness.get('Deployment', namespace, name);
	const replicas = deployment?.spec?.replicas ?? 1;
	const status = deployment?.status ?? {};
	return (
		status.observedGeneration === deployment?.metadata.generation &&
		status.updatedReplicas === replicas &&
		status.replicas === replicas &&
		status.availableReplicas === replicas &&
		status.conditions?.some((condition: {type: string; reason: string}) => condition.type === 'Progressing' && condition.reason === 'NewReplicaSetAvailable')
	);
}
