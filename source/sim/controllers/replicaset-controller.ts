import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import {StatusError} from '../store/status-error.js';
import type {ClusterIndex} from './cluster-index.js';
import type {EventRecorder} from './event-recorder.js';
import {podIsReady, readySince} from './pod-conditions.js';
import {WorkQueue, keyOf, splitKey} from './work-queue.js';

// replicaset-controller: keeps spec.replicas active pods from the template (SuccessfulCreate /
// SuccessfulDelete events) and reports replicas, ready and available counts.

const pods = resourceFor('Pod');
const replicaSets = resourceFor('ReplicaSet');
const burst = 500;

export class ReplicaSetController {
	private readonly queue: WorkQueue;
	private readonly unsubscribe: () => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: Clock,
		private readonly recorder: EventRecorder,
		private readonly index: ClusterIndex,
	) {
		this.queue = new WorkQueue(clock, key => this.sync(key));
		this.unsubscribe = store.subscribe(event => {
			const {object} = event;
			if (event.resource === replicaSets) this.queue.add(keyOf(object.metadata.namespace, object.metadata.name));
			if (event.resource !== pods) return;
			const owner = object.metadata.ownerReferences?.find(reference => reference.controller && reference.kind === 'ReplicaSet');
			if (owner) this.queue.add(keyOf(object.metadata.namespace, owner.name));
		});
	}

	stop(): void {
		this.unsubscribe();
		this.queue.stop();
	}

	private sync(key: string): void {
		const [namespace, name] = splitKey(key);
		const replicaSet = this.store.get(replicaSets, namespace, name);
		if (!replicaSet || replicaSet.metadata.deletionTimestamp) return;
		const uid = replicaSet.metadata.uid!;
		let active = this.index.podsOwnedBy(uid).filter(isActive);
		const desired = replicaSet.spec?.replicas ?? 1;
		if (active.length < desired) {
			const count = Math.min(burst, desired - active.length);
			for (let i = 0; i < count; i++) this.createPod(replicaSet);
			if (desired - active.length > burst) this.queue.add(key);
		} else if (active.length > desired) {
			for (const pod of [...active].sort(deletionOrder).slice(0, active.length - desired)) {
				this.store.delete(pods, namespace, pod.metadata.name);
				this.recorder.record(replicaSet, {type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: 'replicaset-controller'});
			}
		}
		active = this.index.podsOwnedBy(uid).filter(isActive);
		this.updateStatus(replicaSet, active);
	}

	private createPod(replicaSet: KubeObject): void {
		const template = replicaSet.spec?.template ?? {};
		let pod: KubeObject;
		try {
			pod = this.create(replicaSet, template);
		} catch (error) {
			if (error instanceof StatusError) this.recorder.record(replicaSet, {type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${error.message}`, component: 'replicaset-controller'});
			throw error;
		}
		this.recorder.record(replicaSet, {type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'replicaset-controller'});
	}

	private create(replicaSet: KubeObject, template: any): KubeObject {
		return this.store.create(pods, {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name: '',
				generateName: `${replicaSet.metadata.name}-`,
				namespace: replicaSet.metadata.namespace,
				labels: {...template.metadata?.labels},
				...(template.metadata?.annotations ? {annotations: {...template.metadata.annotations}} : {}),
				ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet.metadata.name, uid: replicaSet.metadata.uid!, controller: true, blockOwnerDeletion: true}],
			},
			spec: structuredClone(template.spec ?? {containers: []}),
		});
	}

	private updateStatus(replicaSet: KubeObject, active: KubeObject[]): void {
		const minReady = (replicaSet.spec?.minReadySeconds ?? 0) * 1000;
		const now = this.clock.now();
		let ready = 0;
		let available = 0;
		let waitMs = Number.POSITIVE_INFINITY;
		for (const pod of active) {
			if (!podIsReady(pod)) continue;
			ready++;
			const readyFor = (now - (readySince(pod) ?? now)) * this.clock.speed;
			if (readyFor >= minReady) available++;
			else waitMs = Math.min(waitMs, minReady - readyFor);
		}
		if (waitMs !== Number.POSITIVE_INFINITY) this.queue.addAfter(keyOf(replicaSet.metadata.namespace, replicaSet.metadata.name), waitMs);
		const selector = replicaSet.spec?.selector?.matchLabels ?? {};
		const labelled = active.filter(pod => Object.entries(replicaSet.spec?.template?.metadata?.labels ?? selector).every(([label, value]) => pod.metadata.labels?.[label] === value)).length;
		this.store.mutate(replicaSets, replicaSet.metadata.namespace, replicaSet.metadata.name, draft => {
			draft.status = {
				replicas: active.length,
				fullyLabeledReplicas: labelled,
				readyReplicas: ready,
				availableReplicas: available,
				observedGeneration: draft.metadata.generation,
			};
			if (ready === 0) delete draft.status.readyReplicas;
			if (available === 0) delete draft.status.availableReplicas;
			if (labelled === 0) delete draft.status.fullyLabeledReplicas;
		});
	}
}

function isActive(pod: KubeObject): boolean {
	return !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

const phaseRank: Record<string, number> = {Pending: 0, Unknown: 1, Running: 2};

/** The pods a scale-down removes first: unscheduled, then pending, not ready, restarting, newest. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
	const scheduled = Number(Boolean(a.spec?.nodeName)) - Number(Boolean(b.spec?.nodeName));
	if (scheduled) return scheduled;
	const phase = (phaseRank[a.status?.phase ?? 'Pending'] ?? 0) - (phaseRank[b.status?.phase ?? 'Pending'] ?? 0);
	if (phase) return phase;
	const ready = Number(podIsReady(a)) - Number(podIsReady(b));
	if (ready) return ready;
	const restarts = restartsOf(b) - restartsOf(a);
	if (restarts) return restarts;
	return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
}

function restartsOf(pod: KubeObject): number {
	return (pod.status?.containerStatuses ?? []).reduce((total: number, status: {restartCount?: number}) => total + (status.restartCount ?? 0), 0);
}
