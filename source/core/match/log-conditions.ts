import type {ContainerStatus, Pod} from '../objects/types.js';
import type {LogRule} from '../playbook/types.js';
import {addGroups, type RuleMatch} from './rule-match.js';
import type {SubjectContext} from './subject.js';

/** A rule's log condition with its pattern's id in LogPatterns (log windows record ids, not lines). */
export type LogCondition = {rule: LogRule; id: number; pattern: RegExp};

export type LogHit = {line: string; container: string | null};

/**
 * The most recent line matching the pattern, from the current instance, else the previous one
 * (which stops counting once the container is ready again). A text subject's lines count as log
 * lines, first match in reading order, and the container filter does not apply to them.
 * `container` (non-null) restricts the search to that container.
 */
export function findLogLine(condition: LogCondition, context: SubjectContext, container: string | null): LogHit | null {
	if (context.kind === 'Text') {
		const line = firstMatch(condition.pattern, context.text);
		return line === undefined ? null : {line, container: null};
	}
	if (context.kind !== 'Pod' || !context.logs) return null;
	for (const [name, windows] of context.logs) {
		if (container !== null && name !== container) continue;
		if (condition.rule.container && !condition.rule.container.test(name)) continue;
		let line = windows.current.latest(condition.id);
		if (line === undefined && previousCounts(context.object as Pod | null, name)) line = windows.previous.latest(condition.id);
		if (line !== undefined) return {line, container: name};
	}
	return null;
}

export function addLogHit(hit: LogHit, pattern: RegExp, out: RuleMatch): void {
	out.evidence.push(hit.line);
	addGroups(pattern, hit.line, out.captures);
	out.container ??= hit.container;
}

export function firstMatch(pattern: RegExp, lines: readonly string[] | undefined): string | undefined {
	if (!lines) return undefined;
	for (const line of lines) if (pattern.test(line)) return line;
	return undefined;
}

function previousCounts(pod: Pod | null, container: string): boolean {
	const find = (statuses: ContainerStatus[] | undefined) => statuses?.find(status => status.name === container);
	const status = find(pod?.status?.containerStatuses) ?? find(pod?.status?.initContainerStatuses);
	return status === undefined || !status.ready;
}
