import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import type {ClusterIndex} from './cluster-index.js';
import {
	copiedAnnotations,
	desiredReplicasAnnotation,
	equalIgnoringHash,
	fenceposts,
	hashLabel,
	maxReplicasAnnotation,
	newReplicaSetTarget,
	replicasOf,
	revisionAnnotation,
	revisionHistoryAnnotation,
	revisionOf,
	specReplicas,
	statusCount,
	templateHash,
} from './deployment-math.js';
import {syncDeploymentStatus} from './deployment-status.js';
import type {EventRecorder} from './event-recorder.js';
import {WorkQueue, keyOf, splitKey} from './work-queue.js';

// deployment-controller: finds or creates the replica set for the current template (with
// its revision), rolls pods over with maxSurge/maxUnavailable (or Recreate), prunes old
// replica sets beyond revisionHistoryLimit and reports status and conditions.

const deployments = resourceFor('Deployment');
const replicaSets = resourceFor('ReplicaSet');

export class DeploymentController {
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
			if (event.resource === deployments) this.queue.add(keyOf(object.metadata.namespace, object.metadata.name));
			if (event.resource !== replicaSets && !(event.resource.kind === 'Pod' && event.type === 'DELETED')) return;
			const owner = object.metadata.ownerReferences?.find(reference => reference.controller);
			if (owner?.kind === 'Deployment') this.queue.add(keyOf(object.metadata.namespace, owner.name));
			if (owner?.kind === 'ReplicaSet') {
				const replicaSet = this.store.get(replicaSets, object.metadata.namespace, owner.name);
				const deployment = replicaSet?.metadata.ownerReferences?.find(reference => reference.controller && reference.kind === 'Deployment');
				if (deployment) this.queue.add(keyOf(object.metadata.namespace, deployment.name));
			}
		});
	}

	stop(): void {
		this.unsubscribe();
		this.queue.stop();
	}

	private sync(key: string): void {
		const [namespace, name] = splitKey(key);
		const deployment = this.store.get(deployments, namespace, name);
		if (!deployment || deployment.metadata.deletionTimestamp) return;
		const owned = this.ownedReplicaSets(deployment);
		const {newReplicaSet, old} = this.newAndOld(deployment, owned);
		let current = newReplicaSet;
		if (deployment.spec?.paused) {
			if (current) current = this.scale(deployment, current, replicasOf(deployment));
		} else if (deployment.spec?.strategy?.type === 'Recreate') {
			current = this.recreate(deployment, current, old);
		} else {
			current = this.rollingUpdate(deployment, current, old);
		}
		const all = this.ownedReplicaSets(deployment);
		if (!deployment.spec?.paused) this.cleanup(deployment, all.filter(replicaSet => replicaSet.metadata.uid !== current?.metadata.uid));
		const created = current && !owned.includes(current) && !owned.some(replicaSet => replicaSet.metadata.uid === current.metadata.uid) ? current.metadata.name : undefined;
		const deadline = syncDeploymentStatus(this.store, this.clock, deployment, current, this.ownedReplicaSets(deployment), created);
		if (deadline !== undefined) this.queue.addAfter(key, deadline);
	}

	private ownedReplicaSets(deployment: KubeObject): KubeObject[] {
		const found: KubeObject[] = [];
		for (const reference of this.index.dependentsOf(deployment.metadata.uid!)) {
			if (reference.resource !== replicaSets) continue;
			const replicaSet = this.store.get(replicaSets, reference.namespace, reference.name);
			if (replicaSet && !replicaSet.metadata.deletionTimestamp) found.push(replicaSet);
		}
		return found.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
	}

	/** The replica set running the current template (with its revision brought up to date), and the others. */
	private newAndOld(deployment: KubeObject, owned: KubeObject[]): {newReplicaSet?: KubeObject; old: KubeObject[]} {
		let newReplicaSet = owned.find(replicaSet => equalIgnoringHash(replicaSet.spec?.template, deployment.spec?.template));
		const old = owned.filter(replicaSet => replicaSet !== newReplicaSet);
		const revision = Math.max(0, ...old.map(revisionOf)) + 1;
		if (newReplicaSet && revisionOf(newReplicaSet) < revision && !deployment.spec?.paused) {
			const previous = revisionOf(newReplicaSet);
			newReplicaSet = this.store.mutate(replicaSets, newReplicaSet.metadata.namespace, newReplicaSet.metadata.name, draft => {
				draft.metadata.annotations = {...draft.metadata.annotations, [revisionAnnotation]: String(revision)};
				if (previous) {
					const history = draft.metadata.annotations[revisionHistoryAnnotation];
					draft.metadata.annotations[revisionHistoryAnnotation] = history ? `${history},${previous}` : String(previous);
				}
			});
		}
		if (newReplicaSet) this.setDeploymentRevision(deployment, revisionOf(newReplicaSet));
		return {newReplicaSet, old};
	}

	private createReplicaSet(deployment: KubeObject, old: KubeObject[], replicas: number): KubeObject {
		const revision = Math.max(0, ...old.map(revisionOf)) + 1;
		const template = structuredClone(deployment.spec.template);
		const hash = templateHash(template, deployment.status?.collisionCount);
		template.metadata = {...template.metadata, labels: {...template.metadata?.labels, [hashLabel]: hash}};
		const {maxSurge} = fenceposts(deployment);
		const created = this.store.create(replicaSets, {
			apiVersion: 'apps/v1',
			kind: 'ReplicaSet',
			metadata: {
				name: `${deployment.metadata.name}-${hash}`,
				namespace: deployment.metadata.namespace,
				labels: {...template.metadata.labels},
				annotations: {
					...copiedAnnotations(deployment),
					[desiredReplicasAnnotation]: String(replicasOf(deployment)),
					[maxReplicasAnnotation]: String(replicasOf(deployment) + maxSurge),
					[revisionAnnotation]: String(revision),
				},
				ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name, uid: deployment.metadata.uid!, controller: true, blockOwnerDeletion: true}],
			},
			spec: {
				replicas,
				...(deployment.spec.minReadySeconds ? {minReadySeconds: deployment.spec.minReadySeconds} : {}),
				selector: {...deployment.spec.selector, matchLabels: {...deployment.spec.selector?.matchLabels, [hashLabel]: hash}},
				template,
			},
		});
		if (replicas > 0) this.recorder.record(deployment, {type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${created.metadata.name} to ${replicas}`, component: 'deployment-controller'});
		this.setDeploymentRevision(deployment, revision);
		return created;
	}

	private rollingUpdate(deployment: KubeObject, current: KubeObject | undefined, old: KubeObject[]): KubeObject {
		const replicas = replicasOf(deployment);
		if (!current) {
			current = this.createReplicaSet(deployment, old, newReplicaSetTarget(deployment, old, 0));
			return current;
		}
		const all = [...old, current];
		const currentReplicas = current.spec?.replicas ?? 0;
		if (currentReplicas > replicas) return this.scale(deployment, current, replicas);
		const target = newReplicaSetTarget(deployment, all, currentReplicas);
		if (target !== currentReplicas) return this.scale(deployment, current, target);
		this.scaleDownOld(deployment, current, old.filter(replicaSet => (replicaSet.spec?.replicas ?? 0) > 0));
		return current;
	}

	/** reconcileOldReplicaSets: first drop old unhealthy pods, then scale old sets down while enough stay available. */
	private scaleDownOld(deployment: KubeObject, current: KubeObject, old: KubeObject[]): void {
		if (old.length === 0) return;
		const replicas = replicasOf(deployment);
		const {maxUnavailable} = fenceposts(deployment);
		const minAvailable = replicas - maxUnavailable;
		const all = [...old, current];
		const newUnavailable = (current.spec?.replicas ?? 0) - (current.status?.availableReplicas ?? 0);
		let budget = specReplicas(all) - minAvailable - newUnavailable;
		if (budget <= 0) return;
		const oldestFirst = [...old].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
		const remaining = new Map(oldestFirst.map(replicaSet => [replicaSet.metadata.uid, replicaSet.spec?.replicas ?? 0]));
		for (const replicaSet of oldestFirst) {
			if (budget <= 0) break;
			const unhealthy = (replicaSet.spec?.replicas ?? 0) - (replicaSet.status?.availableReplicas ?? 0);
			const drop = Math.min(budget, unhealthy);
			if (drop <= 0) continue;
			remaining.set(replicaSet.metadata.uid, (replicaSet.spec?.replicas ?? 0) - drop);
			budget -= drop;
		}
		const total = statusCount(all, 'availableReplicas') - minAvailable;
		let scaledDown = 0;
		for (const replicaSet of oldestFirst) {
			const left = remaining.get(replicaSet.metadata.uid)!;
			if (scaledDown >= total) break;
			if (left === 0) continue;
			const drop = Math.min(left, total - scaledDown);
			remaining.set(replicaSet.metadata.uid, left - drop);
			scaledDown += drop;
		}
		for (const replicaSet of oldestFirst) this.scale(deployment, replicaSet, remaining.get(replicaSet.metadata.uid)!);
	}

	private recreate(deployment: KubeObject, current: KubeObject | undefined, old: KubeObject[]): KubeObject | undefined {
		const running = old.filter(replicaSet => (replicaSet.spec?.replicas ?? 0) > 0);
		for (const replicaSet of running) this.scale(deployment, replicaSet, 0);
		const oldPods = old.some(replicaSet => this.index.podsOwnedBy(replicaSet.metadata.uid!).length > 0);
		if (running.length > 0 || oldPods) return current;
		if (!current) return this.createReplicaSet(deployment, old, replicasOf(deployment));
		return this.scale(deployment, current, replicasOf(deployment));
	}

	private scale(deployment: KubeObject, replicaSet: KubeObject, replicas: number): KubeObject {
		const from = replicaSet.spec?.replicas ?? 0;
		const {maxSurge} = fenceposts(deployment);
		const updated = this.store.mutate(replicaSets, replicaSet.metadata.namespace, replicaSet.metadata.name, draft => {
			draft.spec.replicas = replicas;
			draft.metadata.annotations = {
				...draft.metadata.annotations,
				[desiredReplicasAnnotation]: String(replicasOf(deployment)),
				[maxReplicasAnnotation]: String(replicasOf(deployment) + maxSurge),
			};
		});
		if (from !== replicas) {
			const direction = replicas > from ? 'up' : 'down';
			this.recorder.record(deployment, {type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${direction} replica set ${replicaSet.metadata.name} to ${replicas} from ${from}`, component: 'deployment-controller'});
		}
		return updated;
	}

	/** Keep revisionHistoryLimit old replica sets that run nothing; delete the oldest others. */
	private cleanup(deployment: KubeObject, old: KubeObject[]): void {
		const limit = deployment.spec?.revisionHistoryLimit ?? 10;
		const idle = old.filter(replicaSet => (replicaSet.spec?.replicas ?? 0) === 0 && (replicaSet.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
		for (const replicaSet of idle.slice(0, Math.max(0, idle.length - limit))) this.store.delete(replicaSets, replicaSet.metadata.namespace, replicaSet.metadata.name);
	}

	private setDeploymentRevision(deployment: KubeObject, revision: number): void {
		const latest = this.store.get(deployments, deployment.metadata.namespace, deployment.metadata.name);
		if (!latest || latest.metadata.annotations?.[revisionAnnotation] === String(revision)) return;
		this.store.mutate(deployments, deployment.metadata.namespace, deployment.metadata.name, draft => {
			draft.metadata.annotations = {...draft.metadata.annotations, [revisionAnnotation]: String(revision)};
		});
	}
}
