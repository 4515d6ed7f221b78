import type {RankedFinding} from './build-finding.js';
import type {Finding} from './types.js';

/**
 * Root causes first: errors before warnings, then the playbook's priority (dns 10 before a generic
 * crash loop), then the variant's position (earlier variants are more specific and explain later
 * ones), then namespace and name; playbook and kind only make the order total.
 */
export function compareRanked(a: RankedFinding, b: RankedFinding): number {
	const x = a.finding;
	const y = b.finding;
	return (
		severityOrder(x) - severityOrder(y) ||
		a.priority - b.priority ||
		a.rank - b.rank ||
		compareText(x.namespace ?? '', y.namespace ?? '') ||
		compareText(x.name, y.name) ||
		compareText(x.playbook, y.playbook) ||
		compareText(x.kind, y.kind)
	);
}

function severityOrder(finding: Finding): number {
	return finding.severity === 'error' ? 0 : 1;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function sameFindings(a: readonly RankedFinding[], b: readonly RankedFinding[]): boolean {
	return a.length === b.length && a.every((ranked, index) => sameFinding(ranked.finding, b[index].finding));
}

function sameFinding(a: Finding, b: Finding): boolean {
	return (
		a.playbook === b.playbook &&
		a.variant === b.variant &&
		a.severity === b.severity &&
		a.container === b.container &&
		a.summary === b.summary &&
		a.evidence.length === b.evidence.length &&
		a.evidence.every((line, index) => line === b.evidence[index]) &&
		sameRecord(a.captures, b.captures)
	);
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every(key => a[key] === b[key]);
}
