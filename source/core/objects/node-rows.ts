// One row of the console's node list: kubectl's STATUS ROLES AGE VERSION.
import {oneLine} from '../text/one-line.js';
import type {Health} from './health.js';
import type {Node, NodeCondition} from './types.js';

export type NodeRow = {
	key: string;
	name: string;
	status: string;
	roles: string;
	version: string;
	created?: string;
	health: Health;
	/** Conditions that are not as they should be, e.g. `MemoryPressure`. */
	problems: string[];
};

const rolePrefix = 'node-role.kubernetes.io/';

export function nodeRow(node: Node): NodeRow {
	const name = oneLine(node.metadata.name);
	const conditions: NodeCondition[] = node.status?.conditions ?? [];
	const ready = conditions.find(condition => condition.type === 'Ready');
	let status = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
	if ((node.spec as {unschedulable?: boolean} | undefined)?.unschedulable) status += ',SchedulingDisabled';
	const problems = conditions.filter(condition => condition.type !== 'Ready' && condition.status === 'True').map(condition => oneLine(condition.type));
	const roles = Object.keys(node.metadata.labels ?? {})
		.filter(label => label.startsWith(rolePrefix))
		.map(label => oneLine(label.slice(rolePrefix.length)))
		.sort();
	let health: Health = 'ok';
	if (!status.startsWith('Ready')) health = 'failing';
	else if (problems.length > 0 || status.includes('SchedulingDisabled')) health = 'pending';
	return {
		key: name,
		name,
		status,
		roles: roles.join(',') || '<none>',
		version: oneLine(node.status?.nodeInfo?.kubeletVersion) || '<unknown>',
		created: node.metadata.creationTimestamp,
		health,
		problems,
	};
}
