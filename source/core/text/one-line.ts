// Cluster text shown in one row of a table (names, event messages, summaries): anything a
// terminal would obey is removed and line breaks fold into spaces, so a row stays one row.
import {stripControlSequences} from './strip-control.js';

const hasBreak = /[\t\n\u2028\u2029]/;
const breaks = /[\t\n\u2028\u2029]+/g;

/** Printable, single-line text; runs of tabs and newlines become one space. */
export function oneLine(text: string | undefined | null): string {
	if (!text) return '';
	const clean = stripControlSequences(text);
	return hasBreak.test(clean) ? clean.replace(breaks, ' ').trim() : clean;
}
