import type {EventRule} from '../playbook/types.js';
import {addLogHit, findLogLine, firstMatch} from './log-conditions.js';
import {matchNode, matchObject} from './object-conditions.js';
import {matchPod} from './pod-conditions.js';
import {addGroups, type RuleMatch} from './rule-match.js';
import type {CompiledRule} from './rule-index.js';
import type {EventEntry, SubjectContext} from './subject.js';

/**
 * One rule against one subject: every condition the rule holds must be met by that subject.
 * A condition about data the subject does not have (a node condition on a pod) does not hold.
 */
export function evaluateRule(compiled: CompiledRule, context: SubjectContext): RuleMatch | null {
	const {rule} = compiled;
	if (!rule.text && !rule.node && !rule.object && !rule.event && !rule.pod && !rule.log) return null;
	const out: RuleMatch = {evidence: [], captures: {}, container: null};
	if (rule.text && !matchText(rule.text.pattern, context, out)) return null;
	if (rule.node && !matchNode(rule.node, context, out)) return null;
	if (rule.object && !matchObject(rule.object, context, out)) return null;
	if (rule.event && !matchEvent(rule.event, context, out)) return null;
	const {log} = compiled;
	if (rule.pod) return matchPod(rule.pod, log, context, out) ? out : null;
	if (log) {
		const hit = findLogLine(log, context, null);
		if (!hit) return null;
		addLogHit(hit, log.pattern, out);
	}
	return out;
}

function matchText(pattern: RegExp, context: SubjectContext, out: RuleMatch): boolean {
	const line = firstMatch(pattern, context.text);
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
