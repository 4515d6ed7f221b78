// One row of the console's deployment list: kubectl's READY UP-TO-DATE AVAILABLE columns.
import {oneLine} from '../text/one-line.js';
import type {Health} from './health.js';
import type {Deployment} from './types.js';

export type DeploymentRow = {
	key: string;
	namespace: string;
	name: string;
	ready: string;
	upToDate: number;
	available: number;
	created?: string;
	health: Health;
	/** Why it is not fine: the failing condition's message, one line. */
	reason?: string;
};

export function deploymentRow(deployment: Deployment): DeploymentRow {
	const namespace = oneLine(deployment.metadata.namespace);
	const name = oneLine(deployment.metadata.name);
	const desired = deployment.spec?.replicas ?? 1;
	const status: NonNullable<Deployment['status']> = deployment.status ?? {};
	const readyReplicas = status.readyReplicas ?? 0;
	const available = status.availableReplicas ?? 0;
	const upToDate = status.updatedReplicas ?? 0;
	const conditions: Array<{type: string; status: string; reason?: string; message?: string}> = status.conditions ?? [];
	const stalled = conditions.find(condition =>
		(condition.type === 'Progressing' && condition.status === 'False') || (condition.type === 'ReplicaFailure' && condition.status === 'True'));
	let health: Health = 'ok';
	if (stalled) health = 'failing';
	else if (readyReplicas < desired || upToDate < desired || available < desired) health = 'pending';
	return {
		key: `${namespace}/${name}`,
		namespace,
		name,
		ready: `${readyReplicas}/${desired}`,
		upToDate,
		available,
		created: deployment.metadata.creationTimestamp,
		health,
		...(stalled ? {reason: oneLine(stalled.message ?? stalled.reason)} : {}),
	};
}
