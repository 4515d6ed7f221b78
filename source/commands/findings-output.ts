// Findings as `diagnose` and `match` print them: DESIGN.md's JSON, or an aligned plain-text
// table like `kubectl get` that reads the same in a terminal and in a pipe (no box drawing,
// one finding per line, greppable).
import type {Finding} from '../core/match/types.js';
import {stripControlSequences} from '../core/text/strip-control.js';
import {UsageError, type Io} from './command.js';

export type OutputFormat = 'table' | 'json';

export function outputFormat(value: unknown, command: string): OutputFormat {
	if (value === undefined || value === 'table') return 'table';
	if (value === 'json') return 'json';
	throw new UsageError(`${command}: unknown output format "${String(value)}" (use table or json)`);
}

/**
 * The findings as `diagnose` and `match` print them: the JSON, or the table with its count on
 * stderr (`after` follows the count; `none` is the line when there are none). Returns the exit
 * status: 1 when there are findings.
 */
export function printFindings(findings: readonly Finding[], format: OutputFormat, io: Pick<Io, 'stdout' | 'stderr'>, words: {after: string; none: string}): number {
	if (format === 'json') {
		io.stdout.write(findingsJson(findings));
	} else if (findings.length > 0) {
		io.stdout.write(findingsTable(findings));
		io.stderr.write(`${findingsCount(findings)}${words.after}\n`);
	} else {
		io.stderr.write(`${words.none}\n`);
	}
	return findings.length > 0 ? 1 : 0;
}

/** Exactly the findings JSON of DESIGN.md, one array, fields in the documented order. */
export function findingsJson(findings: readonly Finding[]): string {
	const shaped = findings.map(finding => ({
		playbook: finding.playbook,
		variant: finding.variant,
		severity: finding.severity,
		namespace: finding.namespace,
		kind: finding.kind,
		name: finding.name,
		container: finding.container,
		summary: finding.summary,
		evidence: finding.evidence,
		captures: finding.captures,
	}));
	return `${JSON.stringify(shaped, null, 2)}\n`;
}

export function findingsTable(findings: readonly Finding[]): string {
	const rows = findings.map(finding => [
		finding.severity.toUpperCase(),
		finding.namespace ?? '',
		`${finding.kind.toLowerCase()}/${finding.name}`,
		finding.variant ? `${finding.playbook}/${finding.variant}` : finding.playbook,
		finding.summary,
	]);
	return alignedTable(['SEVERITY', 'NAMESPACE', 'OBJECT', 'PLAYBOOK', 'SUMMARY'], rows);
}

/** `3 findings (2 errors, 1 warning)` */
export function findingsCount(findings: readonly Finding[]): string {
	const errors = findings.filter(finding => finding.severity === 'error').length;
	const warnings = findings.length - errors;
	const parts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean);
	return `${plural(findings.length, 'finding')} (${parts.join(', ')})`;
}

/** Columns padded to their widest cell, three spaces apart like kubectl; the last column is not padded. */
export function alignedTable(header: string[], rows: string[][]): string {
	const cells = [header, ...rows].map(row => row.map(cell => oneLine(cell)));
	const widths = header.map((_, column) => Math.max(...cells.map(row => row[column].length)));
	const lines = cells.map(row => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('   ').trimEnd());
	return `${lines.join('\n')}\n`;
}

// Summaries carry text from the cluster (image names, messages): nothing in them may steer the terminal.
function oneLine(text: string): string {
	return stripControlSequences(text).replace(/[\n\t]+/g, ' ');
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}
