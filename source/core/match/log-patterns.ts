// Every log pattern of the library, deduplicated, behind one combined regex per flag set, so a
// log line that matches nothing costs one or two regex tests whatever the number of playbooks.

export class LogPatterns {
	readonly patterns: RegExp[] = [];
	readonly #ids = new Map<string, number>();
	#groups: Array<{prefilter: RegExp | null; ids: number[]}> = [];

	/** Registers a pattern and returns its id (the same id for the same source and flags). */
	add(regex: RegExp): number {
		const flags = regex.flags.replaceAll(/[gy]/g, '');
		const identity = `${flags}/${regex.source}`;
		const known = this.#ids.get(identity);
		if (known !== undefined) return known;
		const id = this.patterns.length;
		this.patterns.push(regex.flags === flags ? regex : new RegExp(regex.source, flags));
		this.#ids.set(identity, id);
		this.#groups = [];
		return id;
	}

	/** Ids of the patterns that match the line, written into `out` (left as it was when none does). */
	match(line: string, out: number[]): boolean {
		if (this.#groups.length === 0 && this.patterns.length > 0) this.#groups = combine(this.patterns);
		let found = false;
		for (const group of this.#groups) {
			if (group.prefilter && !group.prefilter.test(line)) continue;
			for (const id of group.ids) {
				if (!this.patterns[id].test(line)) continue;
				if (!found) out.length = 0;
				found = true;
				out.push(id);
			}
		}
		return found;
	}
}

function combine(patterns: RegExp[]): Array<{prefilter: RegExp | null; ids: number[]}> {
	const byFlags = new Map<string, number[]>();
	const alone: number[] = [];
	for (const [id, pattern] of patterns.entries()) {
		// Back-references would point at the wrong group once patterns are joined.
		if (/\\k<|\\[1-9]/.test(pattern.source)) {
			alone.push(id);
			continue;
		}
		const ids = byFlags.get(pattern.flags) ?? [];
		ids.push(id);
		byFlags.set(pattern.flags, ids);
	}
	const groups: Array<{prefilter: RegExp | null; ids: number[]}> = [];
	for (const [flags, ids] of byFlags) {
		const source = ids.map(id => `(?:${withoutNamedGroups(patterns[id].source)})`).join('|');
		try {
			groups.push({prefilter: new RegExp(source, flags), ids});
		} catch {
			groups.push({prefilter: null, ids});
		}
	}
	if (alone.length > 0) groups.push({prefilter: null, ids: alone});
	return groups;
}

/** `(?<name>` → `(?:` outside character classes: the same group names may not repeat in one regex. */
export function withoutNamedGroups(source: string): string {
	let result = '';
	let inClass = false;
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (char === '\\') {
			result += source.slice(index, index + 2);
			index++;
			continue;
		}
		if (inClass) {
			if (char === ']') inClass = false;
		} else if (char === '[') {
			inClass = true;
		} else if (char === '(' && source.startsWith('?<', index + 1)) {
			const named = /^\?<[A-Za-z_$][\w$]*>/.exec(source.slice(index + 1));
			if (named) {
				result += '(?:';
				index += named[0].length;
				continue;
			}
		}
		result += char;
	}
	return result;
}
