// The `/` filter of a pane: a case-insensitive regular expression over the row's text; what
// is not a valid expression is matched as plain text, so typing `web-(` mid-way never errors.

export type RowFilter = {test(text: string): boolean; invalid: boolean};

const cache = new Map<string, RowFilter>();

export function rowFilter(pattern: string): RowFilter {
	let filter = cache.get(pattern);
	if (filter) return filter;
	try {
		const regex = new RegExp(pattern, 'i');
		filter = {test: text => regex.test(text), invalid: false};
	} catch {
		const needle = pattern.toLowerCase();
		filter = {test: text => text.toLowerCase().includes(needle), invalid: true};
	}
	// A handful of patterns are live at once; the cache only saves recompiling while typing.
	if (cache.size > 64) cache.clear();
	cache.set(pattern, filter);
	return filter;
}

/** Rows whose text matches; the same array when there is no filter. */
export function filterRows<T>(rows: readonly T[], pattern: string, text: (row: T) => string): readonly T[] {
	if (!pattern) return rows;
	const filter = rowFilter(pattern);
	return rows.filter(row => filter.test(text(row)));
}
