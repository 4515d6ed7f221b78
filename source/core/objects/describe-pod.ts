// `kubectl describe pod`, written by kconsole from what the store holds: the pod and the
// events about it. Secret values never appear; env values pass through secret redaction.
import {oneLine} from '../text/one-line.js';
import {redactSecrets} from '../text/redact.js';
import {describeTime, eventsSection, field, mapField} from './describe-format.js';
import type {EventRow} from './event-fold.js';
import {podColumns} from './pod-status.js';
import type {Container, ContainerState, ContainerStatus, Pod, PodCondition} from './types.js';

export function describePod(pod: Pod, events: readonly EventRow[], now: number): string[] {
	const {metadata} = pod;
	const spec: Pod['spec'] = pod.spec ?? {containers: []};
	const status: NonNullable<Pod['status']> = pod.status ?? {};
	const owner = metadata.ownerReferences?.find(reference => reference.controller) ?? metadata.ownerReferences?.[0];
	const node = spec.nodeName ? `${oneLine(spec.nodeName)}${status.hostIP ? `/${oneLine(status.hostIP)}` : ''}` : undefined;
	const lines = [
		field('Name', oneLine(metadata.name)),
		field('Namespace', oneLine(metadata.namespace)),
		field('Service Account', oneLine(spec.serviceAccountName)),
		field('Node', node),
		field('Start Time', describeTime(status.startTime)),
		...mapField('Labels', metadata.labels),
		...mapField('Annotations', metadata.annotations),
		field('Status', metadata.deletionTimestamp ? 'Terminating' : oneLine(status.phase) || 'Unknown'),
		...(status.reason ? [field('Reason', oneLine(status.reason))] : []),
		...(status.message ? [field('Message', oneLine(status.message))] : []),
		field('IP', oneLine(status.podIP)),
		...(owner ? [field('Controlled By', `${oneLine(owner.kind)}/${oneLine(owner.name)}`)] : []),
	];
	const initContainers = spec.initContainers ?? [];
	if (initContainers.length > 0) {
		lines.push('Init Containers:');
		for (const container of initContainers) lines.push(...containerLines(container, status.initContainerStatuses));
	}
	lines.push('Containers:');
	for (const container of spec.containers ?? []) lines.push(...containerLines(container, status.containerStatuses));
	const conditions: PodCondition[] = status.conditions ?? [];
	if (conditions.length > 0) {
		const width = Math.max(...conditions.map(condition => condition.type.length), 4) + 2;
		lines.push('Conditions:', `  ${'Type'.padEnd(width)}Status`);
		for (const condition of conditions) lines.push(`  ${oneLine(condition.type).padEnd(width)}${condition.status}`);
	}
	const summary = podColumns(pod, now);
	lines.push(field('Ready', summary.ready), field('Restarts', summary.restarts));
	if (spec.imagePullSecrets?.length) lines.push(field('Image Pull Secrets', spec.imagePullSecrets.map((secret: {name: string}) => oneLine(secret.name)).join(', ')));
	lines.push(...eventsSection(events, now));
	return lines;
}

function containerLines(container: Container, statuses: ContainerStatus[] | undefined): string[] {
	const status = statuses?.find(candidate => candidate.name === container.name);
	const indent = '    ';
	const width = 16;
	const line = (label: string, value: string | number | undefined) => field(label, value, width, indent);
	const ports = (container.ports ?? []).map(port => `${port.containerPort}/${port.protocol ?? 'TCP'}`).join(', ');
	const lines = [
		`  ${oneLine(container.name)}:`,
		...(status?.containerID ? [line('Container ID', oneLine(status.containerID))] : []),
		line('Image', oneLine(container.image)),
		...(status?.imageID ? [line('Image ID', oneLine(status.imageID))] : []),
		line('Port', ports),
		...(container.command?.length ? [line('Command', container.command.map(part => oneLine(part)).join(' '))] : []),
		...(container.args?.length ? [line('Args', container.args.map(part => oneLine(part)).join(' '))] : []),
		...stateLines('State', status?.state, indent, width),
		...(status?.lastState && Object.keys(status.lastState).length > 0 ? stateLines('Last State', status.lastState, indent, width) : []),
		line('Ready', status ? (status.ready ? 'True' : 'False') : 'False'),
		line('Restart Count', status?.restartCount ?? 0),
		...resourceLines('Limits', container.resources?.limits, indent),
		...resourceLines('Requests', container.resources?.requests, indent),
		...envLines(container, indent, width),
	];
	return lines;
}

function stateLines(label: string, state: ContainerState | undefined, indent: string, width: number): string[] {
	const nested = `${indent}  `;
	const detail = (name: string, value: string | number | undefined) => field(name, value, width - 2, nested);
	if (state?.running) return [field(label, 'Running', width, indent), detail('Started', describeTime(state.running.startedAt))];
	if (state?.waiting) {
		return [
			field(label, 'Waiting', width, indent),
			...(state.waiting.reason ? [detail('Reason', oneLine(state.waiting.reason))] : []),
			...(state.waiting.message ? [detail('Message', oneLine(state.waiting.message))] : []),
		];
	}
	if (state?.terminated) {
		const terminated = state.terminated;
		return [
			field(label, 'Terminated', width, indent),
			...(terminated.reason ? [detail('Reason', oneLine(terminated.reason))] : []),
			...(terminated.message ? [detail('Message', oneLine(terminated.message))] : []),
			detail('Exit Code', terminated.exitCode),
			...(terminated.startedAt ? [detail('Started', describeTime(terminated.startedAt))] : []),
			...(terminated.finishedAt ? [detail('Finished', describeTime(terminated.finishedAt))] : []),
		];
	}
	return [field(label, 'Waiting', width, indent)];
}

function resourceLines(label: string, values: Record<string, string> | undefined, indent: string): string[] {
	const entries = Object.entries(values ?? {});
	if (entries.length === 0) return [];
	return [`${indent}${label}:`, ...entries.map(([name, value]) => `${indent}  ${`${oneLine(name)}:`.padEnd(10)}${oneLine(value)}`)];
}

function envLines(container: Container, indent: string, width: number): string[] {
	const env = container.env ?? [];
	if (env.length === 0) return [field('Environment', '<none>', width, indent)];
	return [
		`${indent}Environment:`,
		...env.map(variable => `${indent}  ${oneLine(variable.name)}:  ${envValue(variable)}`),
	];
}

function envValue(variable: NonNullable<Container['env']>[number]): string {
	if (variable.value !== undefined) return oneLine(redactSecrets(`${variable.name}=${variable.value}`).slice(variable.name.length + 1));
	const from = variable.valueFrom as {secretKeyRef?: {name?: string; key?: string}; configMapKeyRef?: {name?: string; key?: string}; fieldRef?: {fieldPath?: string}} | undefined;
	if (from?.secretKeyRef) return `<set to the key '${oneLine(from.secretKeyRef.key)}' in secret '${oneLine(from.secretKeyRef.name)}'>`;
	if (from?.configMapKeyRef) return `<set to the key '${oneLine(from.configMapKeyRef.key)}' of config map '${oneLine(from.configMapKeyRef.name)}'>`;
	if (from?.fieldRef) return `(${oneLine(from.fieldRef.fieldPath)})`;
	return '';
}
