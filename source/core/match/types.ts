import type {Severity} from '../playbook/types.js';

/** One finding per (playbook, object); serialised exactly as DESIGN.md's findings JSON. */
export type Finding = {
	playbook: string;
	variant: string | null;
	severity: Severity;
	namespace: string | null;
	kind: string;
	name: string;
	container: string | null;
	summary: string;
	/** The exact messages and log lines that fired it. */
	evidence: string[];
	captures: Record<string, string>;
};

/** Stable identity of a finding: `playbook/kind/namespace/name`. */
export function findingKey(finding: Pick<Finding, 'playbook' | 'kind' | 'namespace' | 'name'>): string {
	return `${finding.playbook}/${finding.kind}/${finding.namespace ?? ''}/${finding.name}`;
}

/** Recent log lines of one container, oldest first. */
export type ContainerLog = {
	namespace: string;
	pod: string;
	container: string;
	lines: string[];
	/** Lines from the previous (crashed) instance, when known. */
	previous?: string[];
};
