import type {ContainerStatus, Pod} from '../objects/types.js';
import type {EventRule, LogRule} from '../playbook/types.js';
import type {LogPatterns} from './log-patterns.js';
import {matchNode, matchObject} from './object-conditions.js';
import {addGroups, matchPod, type RuleMatch} from './pod-conditions.js';
import type {CompiledRule} from './rule-index.js';
import type {EventEntry, SubjectContext} from './subject.js';

/**
 * One rule against one subject: every condition the rule holds must be met by that subject.
 * A condition about data the subject does not have (a node condition on a pod) does not hold.
 */
export function evaluateRule(compiled: CompiledRule, context: SubjectContext, patterns: LogPatterns): RuleMatch | null {
	const {rule} = compiled;
	if (!rule.text && !rule.node && !rule.object && !rule.event && !rule.pod && !rule.log) return null;
	const out: RuleMatch = {evidence: [], captures: {}, container: null};
	if (rule.text && !matchText(rule.text.pattern, context, out)) return null;
	if (rule.node && !matchNode(rule.node, context, out)) return null;
	if (rule.object && !matchObject(rule.object, context, out)) return null;
	if (rule.event && !matchEvent(rule.event, context, out)) return null;
	const log = rule.log;
	const pattern = patterns.patterns[compiled.logPattern];
	if (rule.pod) {
		if (context.kind !== 'Pod' || !context.object) return null;
		// The log line must come from the container that meets the pod conditions.
		const found: {hit: LogHit | null} = {hit: null};
		const also = (container: string | null) => !log || (found.hit = findLogLine(log, compiled.logPattern, pattern, context, container)) !== null;
		if (!matchPod(rule.pod, context.object as Pod, also, out)) return null;
		if (found.hit) addLogHit(found.hit, pattern, out);
		return out;
	}
	if (log) {
		const hit = findLogLine(log, compiled.logPattern, pattern, context, null);
		if (!hit) return null;
		addLogHit(hit, pattern, out);
	}
	return out;
}

function matchText(pattern: RegExp, context: SubjectContext, out: RuleMatch): boolean {
	const line = context.text?.find(candidate => pattern.test(candidate));
	if (line === undefined) return false;
	out.evidence.push(line);
	addGroups(pattern, line, out.captures);
	return true;
}

/** The most recent event about the subject that meets the rule. */
function matchEvent(rule: EventRule, context: SubjectContext, out: RuleMatch): boolean {
	let best: EventEntry | undefined;
	for (const entry of context.events) {
		const {event} = entry;
		if (rule.reason && !(event.reason && rule.reason.includes(event.reason))) continue;
		if (rule.type && event.type !== rule.type) continue;
		if (rule.kind && !rule.kind.includes(event.involvedObject?.kind ?? '')) continue;
		if (rule.message && !rule.message.test(event.message ?? '')) continue;
		const leaves = entry.time + context.windowMs;
		if (leaves < context.eventDeadline) context.eventDeadline = leaves;
		if (!best || Number.isNaN(best.time) || entry.time > best.time) best = entry;
	}
	if (!best) return false;
	const {reason = '', message = ''} = best.event;
	out.evidence.push(message ? `${reason}: ${message}` : reason);
	if (rule.message) addGroups(rule.message, message, out.captures);
	out.container ??= fieldPathContainer(best.event.involvedObject?.fieldPath);
	return true;
}

/** `spec.containers{app}` → `app`. */
function fieldPathContainer(fieldPath: string | undefined): string | null {
	return fieldPath ? (/^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/.exec(fieldPath)?.[1] ?? null) : null;
}

type LogHit = {line: string; container: string | null};

/**
 * The most recent line matching the pattern, from the current instance, else the previous one
 * (which stops counting once the container is ready again). A text subject's lines count as log
 * lines, first match in reading order, and the container filter does not apply to them.
 */
function findLogLine(rule: LogRule, patternId: number, pattern: RegExp, context: SubjectContext, container: string | null): LogHit | null {
	if (context.kind === 'Text') {
		const line = context.text?.find(candidate => pattern.test(candidate));
		return line === undefined ? null : {line, container: null};
	}
	if (context.kind !== 'Pod' || !context.logs) return null;
	for (const [name, windows] of context.logs) {
		if (container !== null && name !== container) continue;
		if (rule.container && !rule.container.test(name)) continue;
		let line = windows.current.latest(patternId);
		if (line === undefined && previousCounts(context.object as Pod | null, name)) line = windows.previous.latest(patternId);
		if (line !== undefined) return {line, container: name};
	}
	return null;
}

function addLogHit(hit: LogHit, pattern: RegExp, out: RuleMatch): void {
	out.evidence.push(hit.line);
	addGroups(pattern, hit.line, out.captures);
	out.container ??= hit.container;
}

function previousCounts(pod: Pod | null, container: string): boolean {
	const find = (statuses: ContainerStatus[] | undefined) => statuses?.find(status => status.name === container);
	const status = find(pod?.status?.containerStatuses) ?? find(pod?.status?.initContainerStatuses);
	return status === undefined || !status.ready;
}
