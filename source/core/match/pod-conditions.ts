import type {ContainerStateTerminated, ContainerStatus, Pod} from '../objects/types.js';
import type {PodRule} from '../playbook/types.js';
import {addLogHit, findLogLine, type LogCondition} from './log-conditions.js';
import {addGroups, type RuleMatch} from './rule-match.js';
import type {SubjectContext} from './subject.js';

export type ContainerView = {name: string; image: string; status: ContainerStatus | undefined};

/** The subject pod's containers, worked out once per evaluation. */
export function containersOf(context: SubjectContext): ContainerView[] {
	context.containers ??= context.kind === 'Pod' && context.object ? podContainers(context.object as Pod) : [];
	return context.containers;
}

/** Init containers then regular ones; a container without a status yet still has its name and image. */
function podContainers(pod: Pod): ContainerView[] {
	const statuses = new Map<string, ContainerStatus>();
	for (const status of pod.status?.initContainerStatuses ?? []) statuses.set(status.name, status);
	for (const status of pod.status?.containerStatuses ?? []) statuses.set(status.name, status);
	const views: ContainerView[] = [];
	const seen = new Set<string>();
	for (const container of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
		const status = statuses.get(container.name);
		views.push({name: container.name, image: container.image || status?.image || '', status});
		seen.add(container.name);
	}
	for (const [name, status] of statuses) if (!seen.has(name)) views.push({name, image: status.image, status});
	return views;
}

/** A container's last termination is history once the container runs and is ready again. */
export function lastStateCounts(status: ContainerStatus | undefined): boolean {
	return status !== undefined && !status.ready;
}

/** The container image, from the pod spec (what the user wrote), else from its status. */
export function containerImage(context: SubjectContext, container: string): string | undefined {
	return containersOf(context).find(view => view.name === container)?.image || undefined;
}

/**
 * The pod conditions of one rule. Container conditions must hold for one container, and the rule's
 * log condition, if any, needs a line from that same container.
 */
export function matchPod(rule: PodRule, log: LogCondition | null, context: SubjectContext, out: RuleMatch): boolean {
	if (context.kind !== 'Pod' || !context.object) return false;
	const phase: string | undefined = context.object.status?.phase;
	if (rule.phase && !(phase && rule.phase.includes(phase))) return false;
	const rollout = rule.firstRevision === undefined ? null : deploymentRollout(context);
	if (rollout !== null && (rollout === undefined || (rollout.revision === 1) !== rule.firstRevision)) return false;
	if (rollout) out.evidence.push(`replicaset ${rollout.replicaSet} is revision ${rollout.revision} of deployment ${rollout.deployment}`);
	const anyContainerCondition = rule.waiting ?? rule.terminated ?? rule.exitCode ?? rule.minRestarts ?? rule.message ?? rule.image ?? rule.container;
	if (anyContainerCondition === undefined) {
		const line = log ? findLogLine(log, context, null) : null;
		if (log && !line) return false;
		if (phase) out.evidence.push(`status.phase=${phase}`);
		if (log && line) addLogHit(line, log.pattern, out);
		return true;
	}
	for (const view of containersOf(context)) {
		const hit = containerHit(rule, view);
		if (!hit) continue;
		const line = log ? findLogLine(log, context, view.name) : null;
		if (log && !line) continue;
		out.container = view.name;
		if (rule.container) addGroups(rule.container, view.name, out.captures);
		if (rule.image) addGroups(rule.image, view.image, out.captures);
		if (rule.message && hit.message !== undefined) addGroups(rule.message, hit.message, out.captures);
		out.evidence.push(...containerEvidence(rule, view, hit));
		if (rule.phase && phase) out.evidence.push(`status.phase=${phase}`);
		if (log && line) addLogHit(line, log.pattern, out);
		return true;
	}
	return false;
}

/** The Deployment rollout that created the pod: its ReplicaSet and that ReplicaSet's revision; undefined when unknown. */
function deploymentRollout(context: SubjectContext): {replicaSet: string; deployment: string; revision: number} | undefined {
	const pod = context.object as Pod;
	const replicaSet = pod.metadata.ownerReferences?.find(owner => owner.kind === 'ReplicaSet')?.name;
	if (!replicaSet) return undefined;
	const owner = context.store.lookup('ReplicaSet', context.namespace, replicaSet);
	const deployment = owner?.metadata.ownerReferences?.find(reference => reference.kind === 'Deployment')?.name;
	const revision = Number(owner?.metadata.annotations?.['deployment.kubernetes.io/revision']);
	return deployment && Number.isInteger(revision) && revision > 0 ? {replicaSet, deployment, revision} : undefined;
}

type ContainerHit = {termination: ContainerStateTerminated | undefined; message: string | undefined; messageFrom: 'waiting' | ContainerStateTerminated | undefined};

function containerHit(rule: PodRule, view: ContainerView): ContainerHit | null {
	if (rule.container && !rule.container.test(view.name)) return null;
	if (rule.image && !rule.image.test(view.image)) return null;
	const {status} = view;
	if (rule.minRestarts !== undefined && (status?.restartCount ?? 0) < rule.minRestarts) return null;
	const waiting = status?.state?.waiting;
	if (rule.waiting && !(waiting?.reason && rule.waiting.includes(waiting.reason))) return null;
	const current = status?.state?.terminated;
	const last = lastStateCounts(status) ? status?.lastState?.terminated : undefined;
	let termination: ContainerStateTerminated | undefined;
	if (rule.terminated || rule.exitCode) {
		termination = terminationHolds(rule, current) ? current : terminationHolds(rule, last) ? last : undefined;
		if (!termination) return null;
	}
	const {message} = rule;
	if (!message) return {termination, message: undefined, messageFrom: undefined};
	if (waiting?.message && message.test(waiting.message)) return {termination, message: waiting.message, messageFrom: 'waiting'};
	const source = current?.message && message.test(current.message) ? current : last?.message && message.test(last.message) ? last : undefined;
	return source ? {termination, message: source.message, messageFrom: source} : null;
}

function terminationHolds(rule: PodRule, termination: ContainerStateTerminated | undefined): termination is ContainerStateTerminated {
	return (
		termination !== undefined &&
		(!rule.terminated || (termination.reason !== undefined && rule.terminated.includes(termination.reason))) &&
		(!rule.exitCode || rule.exitCode.includes(termination.exitCode))
	);
}

function containerEvidence(rule: PodRule, view: ContainerView, hit: ContainerHit): string[] {
	const lines: string[] = [];
	const waiting = view.status?.state?.waiting;
	if (waiting && (rule.waiting || hit.messageFrom === 'waiting')) {
		lines.push(`container ${view.name} waiting: ${waiting.reason ?? 'Waiting'}${waiting.message ? `: ${waiting.message}` : ''}`);
	}
	if (hit.termination) lines.push(terminationLine(view.name, hit.termination, hit.messageFrom === hit.termination));
	if (hit.messageFrom && hit.messageFrom !== 'waiting' && hit.messageFrom !== hit.termination) lines.push(terminationLine(view.name, hit.messageFrom, true));
	if (rule.minRestarts !== undefined) lines.push(`container ${view.name} restarted ${view.status?.restartCount ?? 0} times`);
	if (lines.length === 0) lines.push(`container ${view.name} image ${view.image}`);
	return lines;
}

function terminationLine(container: string, termination: ContainerStateTerminated, withMessage: boolean): string {
	const what = termination.reason ? `: ${termination.reason} (exit ${termination.exitCode})` : ` (exit ${termination.exitCode})`;
	return `container ${container} terminated${what}${withMessage && termination.message ? `: ${termination.message}` : ''}`;
}
