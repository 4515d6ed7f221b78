import {placeholderNames} from './placeholders.js';

export type FillResult = {ok: true; argv: string[]} | {ok: false; error: string};

/**
 * Substitute placeholders into each argv element separately, after validating each value
 * (see validate-value.ts). A missing or invalid value stops the whole command.
 */
export function fillArgv(template: string[], values: Record<string, string | undefined>): FillResult {
	const argv: string[] = [];
	for (const element of template) {
		let filled = element;
		for (const name of placeholderNames(element)) {
			const value = values[name];
			if (value === undefined || value === '') return {ok: false, error: `no value for {{${name}}}`};
			filled = filled.replaceAll(new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`, 'g'), () => value);
		}
		argv.push(filled);
	}
	return {ok: true, argv};
}
