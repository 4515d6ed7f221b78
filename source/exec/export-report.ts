// A finished or aborted run written out as the markdown incident report, for `--report FILE`
// and the console's export key.
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {renderReport} from '../core/guide/incident-report.js';
import type {GuideState} from '../core/guide/guide-state.js';

/** Writes the report (creating the directory) and resolves with the file's absolute path. */
export async function exportReport(state: GuideState, file: string, options: {now?: number} = {}): Promise<string> {
	const absolute = path.resolve(file);
	await mkdir(path.dirname(absolute), {recursive: true});
	await writeFile(absolute, renderReport(state, {now: options.now ?? Date.now()}));
	return absolute;
}
