// After a dry run that printed the resulting object: one fresh GET of the object as it is now,
// and what the write would change. Output that is not one object, or a kind kconsole does not
// read, gets no comparison: the dry run's own output stands alone, as before.
import {dryRunChanges, printedObject, type DryRunChanges} from '../core/guide/dry-run-changes.js';
import {watchedKinds, type WatchedKind} from '../core/objects/types.js';
import {kindResources} from '../kube/kind-resources.js';
import {maxLineLength} from './line-splitter.js';
import type {FreshRead} from './wait/run-wait.js';

/** The comparison, or a line saying why there is none; undefined when there is nothing to compare. */
export type DryRunComparison = {changes: DryRunChanges} | {note: string} | undefined;

/** Objects bigger than this (a ConfigMap of data) are not compared: the printout is kept only in part. */
const maxPrintedChars = 4 * 1024 * 1024;

export type PrintedOutput = {push(line: string): void; text(): string | undefined};

/** Collects a dry run's stdout; `text()` is undefined once it was too big, or a line too long was cut in pieces. */
export function collectPrinted(): PrintedOutput {
	const lines: string[] = [];
	let size = 0;
	let whole = true;
	return {
		push(line) {
			size += line.length + 1;
			if (size > maxPrintedChars || line.length >= maxLineLength) whole = false;
			if (whole) lines.push(line);
		},
		text: () => (whole ? lines.join('\n') : undefined),
	};
}

export async function compareDryRun(printed: string, fresh: FreshRead): Promise<DryRunComparison> {
	const after = printedObject(printed);
	if (!after) return undefined;
	const kind = watchedKinds.find(each => each === after.kind);
	// Same kind name, other group (an Ingress of another API): not the object readObject would fetch.
	if (!kind || kindResources[kind].apiVersion !== after.apiVersion) return undefined;
	const {namespace, name} = after.metadata;
	try {
		return {changes: dryRunChanges(after, await fresh(kind, namespace ?? null, name))};
	} catch (error) {
		return {note: `could not read ${describe(kind, namespace, name)} to say what would change: ${(error as Error).message}`};
	}
}

function describe(kind: WatchedKind, namespace: string | undefined, name: string): string {
	return `${kind.toLowerCase()} ${namespace ? `${namespace}/` : ''}${name}`;
}
