// `kubectl describe` for any object the console lists: pods in full (describe-pod.ts),
// deployments and nodes with their own fields, anything else with its metadata and conditions.
import {oneLine} from '../text/one-line.js';
import {describeTime, eventsSection, field, mapField} from './describe-format.js';
import type {EventRow} from './event-fold.js';
import {describePod} from './describe-pod.js';
import type {Deployment, KubeObject, Node, Pod} from './types.js';

export function describeObject(object: KubeObject, events: readonly EventRow[], now: number): string[] {
	switch (object.kind) {
		case 'Pod':
			return describePod(object as Pod, events, now);
		case 'Deployment':
			return [...header(object), ...deploymentLines(object as Deployment), ...conditionLines(object), ...eventsSection(events, now)];
		case 'Node':
			return [...header(object), ...nodeLines(object as Node), ...conditionLines(object), ...eventsSection(events, now)];
		default:
			return [...header(object), ...conditionLines(object), ...eventsSection(events, now)];
	}
}

function header(object: KubeObject): string[] {
	const {metadata} = object;
	return [
		field('Name', oneLine(metadata.name)),
		...(metadata.namespace ? [field('Namespace', oneLine(metadata.namespace))] : []),
		field('Kind', oneLine(object.kind)),
		field('CreationTimestamp', describeTime(metadata.creationTimestamp)),
		...(metadata.deletionTimestamp ? [field('Deleting Since', describeTime(metadata.deletionTimestamp))] : []),
		...mapField('Labels', metadata.labels),
		...mapField('Annotations', metadata.annotations),
	];
}

function deploymentLines(deployment: Deployment): string[] {
	const spec: Deployment['spec'] | undefined = deployment.spec;
	const status: NonNullable<Deployment['status']> = deployment.status ?? {};
	const desired = spec?.replicas ?? 1;
	const selector = Object.entries<string>(spec?.selector?.matchLabels ?? {}).map(([key, value]) => `${oneLine(key)}=${oneLine(value)}`).join(',');
	const lines = [
		field('Selector', selector),
		field('Replicas', `${desired} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable`),
		...(spec?.paused ? [field('Paused', 'true')] : []),
		'Pod Template:',
	];
	for (const container of spec?.template?.spec?.containers ?? []) {
		lines.push(`  ${oneLine(container.name)}:`, field('Image', oneLine(container.image), 16, '    '));
	}
	return lines;
}

function nodeLines(node: Node): string[] {
	const status: NonNullable<Node['status']> = node.status ?? {};
	const addresses = (status.addresses ?? []).map((address: {type: string; address: string}) => `${oneLine(address.type)}: ${oneLine(address.address)}`);
	const info: Record<string, string> = status.nodeInfo ?? {};
	return [
		...(node.spec && (node.spec as {unschedulable?: boolean}).unschedulable ? [field('Unschedulable', 'true')] : []),
		'Addresses:',
		...addresses.map((address: string) => `  ${address}`),
		...(info.kubeletVersion ? [field('Kubelet Version', oneLine(info.kubeletVersion))] : []),
		...(info.containerRuntimeVersion ? [field('Container Runtime', oneLine(info.containerRuntimeVersion))] : []),
		...mapField('Capacity', status.capacity),
		...mapField('Allocatable', status.allocatable),
	];
}

function conditionLines(object: KubeObject): string[] {
	const conditions = (object.status as {conditions?: Array<{type: string; status: string; reason?: string; message?: string}>} | undefined)?.conditions ?? [];
	if (conditions.length === 0) return [];
	const typeWidth = Math.max(4, ...conditions.map(condition => oneLine(condition.type).length)) + 2;
	const reasonWidth = Math.max(6, ...conditions.map(condition => oneLine(condition.reason).length)) + 2;
	return [
		'Conditions:',
		`  ${'Type'.padEnd(typeWidth)}${'Status'.padEnd(8)}${'Reason'.padEnd(reasonWidth)}Message`,
		...conditions.map(condition => `  ${oneLine(condition.type).padEnd(typeWidth)}${oneLine(condition.status).padEnd(8)}${oneLine(condition.reason).padEnd(reasonWidth)}${oneLine(condition.message)}`.trimEnd()),
	];
}
