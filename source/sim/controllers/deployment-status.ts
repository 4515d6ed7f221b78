import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import {fenceposts, replicasOf, statusCount} from './deployment-math.js';

// A deployment's status as the controller reports it, and its Available and Progressing
// conditions with the real reasons (what `kubectl rollout status` and describe read).

const deployments = resourceFor('Deployment');

type Condition = {type: string; status: string; lastUpdateTime: string; lastTransitionTime: string; reason: string; message: string};

/**
 * Write the status (syncRolloutStatus); returns the sim ms after which the progress deadline
 * needs checking again while the rollout is incomplete. `created` names a replica set made in this sync.
 */
export function syncDeploymentStatus(store: ObjectStore, clock: Clock, deployment: KubeObject, current: KubeObject | undefined, owned: KubeObject[], created?: string): number | undefined {
	const replicas = replicasOf(deployment);
	const {maxUnavailable} = fenceposts(deployment);
	const next = {
		updated: current?.status?.replicas ?? 0,
		total: statusCount(owned, 'replicas'),
		ready: statusCount(owned, 'readyReplicas'),
		available: statusCount(owned, 'availableReplicas'),
	};
	const now = clock.iso();
	const previous = deployment.status ?? {};
	const conditions: Condition[] = structuredClone(previous.conditions ?? []);
	const find = (type: string) => conditions.find(condition => condition.type === type);
	const set = (type: string, status: string, reason: string, message: string, keepTransition = false) => {
		const existing = find(type);
		if (existing && existing.status === status && existing.reason === reason && !keepTransition) return;
		const transition = keepTransition && existing?.status === status ? existing.lastTransitionTime : now;
		const condition = {type, status, lastUpdateTime: now, lastTransitionTime: transition, reason, message};
		if (existing) conditions[conditions.indexOf(existing)] = condition;
		else conditions.push(condition);
	};

	if (next.available >= replicas - maxUnavailable) set('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
	else set('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');

	const name = current?.metadata.name ?? '';
	const deadlineMs = (deployment.spec?.progressDeadlineSeconds ?? 600) * 1000;
	let recheck: number | undefined;
	if (created) set('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created}"`);
	else if (current && !find('Progressing')) set('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${name}"`);
	const progressing = find('Progressing');
	const complete = next.updated === replicas && next.total === replicas && next.available === replicas;
	if (!(next.total === next.updated && progressing?.reason === 'NewReplicaSetAvailable')) {
		if (complete && current) {
			set('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`);
		} else if (madeProgress(previous, next)) {
			set('Progressing', 'True', 'ReplicaSetUpdated', current ? `ReplicaSet "${name}" is progressing.` : 'Deployment is progressing.', true);
			recheck = deadlineMs;
		} else if (progressing && progressing.reason !== 'ProgressDeadlineExceeded') {
			const waited = (clock.now() - Date.parse(progressing.lastUpdateTime)) * clock.speed;
			if (waited >= deadlineMs) set('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`);
			else recheck = deadlineMs - waited;
		}
	}
	conditions.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));

	const counts: Record<string, unknown> = {
		replicas: next.total,
		updatedReplicas: next.updated,
		readyReplicas: next.ready,
		availableReplicas: next.available,
		unavailableReplicas: Math.max(0, replicas - next.available),
		conditions,
		...(previous.collisionCount ? {collisionCount: previous.collisionCount} : {}),
	};
	for (const field of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (counts[field] === 0) delete counts[field];
	store.mutate(deployments, deployment.metadata.namespace, deployment.metadata.name, draft => {
		draft.status = {observedGeneration: draft.metadata.generation, ...counts};
	});
	return recheck;
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
function madeProgress(previous: Record<string, any>, next: {updated: number; ready: number; available: number; total: number}): boolean {
	const oldBefore = (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0);
	return (
		next.updated > (previous.updatedReplicas ?? 0) ||
		next.total - next.updated < oldBefore ||
		next.ready > (previous.readyReplicas ?? 0) ||
		next.available > (previous.availableReplicas ?? 0)
	);
}
