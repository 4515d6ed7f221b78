// Playbook patterns are JavaScript regular expressions written as plain strings; `/…/i` is
// the only flag form, because other trailing letters would make paths like `/usr/bin/env` ambiguous.

export type CompileResult = {ok: true; regex: RegExp} | {ok: false; error: string};

const caseInsensitiveForm = /^\/(.+)\/i$/s;

export function compilePattern(text: string): CompileResult {
	const flagged = caseInsensitiveForm.exec(text);
	const source = flagged ? flagged[1] : text;
	if (source === '') return {ok: false, error: 'empty regular expression'};
	try {
		return {ok: true, regex: new RegExp(source, flagged ? 'i' : '')};
	} catch (error) {
		const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
		const hint = source.includes('(?i)') ? ' (write /…/i for case-insensitive matching)' : '';
		return {ok: false, error: `bad regular expression "${text}": ${reason}${hint}`};
	}
}

/** Names of the named groups `(?<name>…)`, which become captures. */
export function captureNames(regex: RegExp): string[] {
	// An empty alternative always matches, and `groups` then lists every named group.
	const groups = new RegExp(`(?:${regex.source})|`, regex.flags).exec('')?.groups;
	return groups ? Object.keys(groups) : [];
}
