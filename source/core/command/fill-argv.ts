import {placeholderPattern} from './placeholders.js';
import {validatePlaceholder} from './validate-value.js';

export type FillResult = {ok: true; argv: string[]} | {ok: false; error: string};

/**
 * Substitute placeholders into each argv element separately, after validating each value
 * (see validate-value.ts). A missing or invalid value stops the whole command.
 */
export function fillArgv(template: string[], values: Record<string, string | undefined>): FillResult {
	const argv: string[] = [];
	for (const element of template) {
		let error: string | undefined;
		// One pass over the template: a value that itself holds `{{…}}` is never expanded again.
		const filled = element.replace(placeholderPattern(), (whole, name: string) => {
			if (error !== undefined) return whole;
			const value = values[name];
			if (value === undefined || value === '') error = `no value for {{${name}}}`;
			else error = validatePlaceholder(name, value) ?? undefined;
			return error === undefined ? value! : whole;
		});
		if (error !== undefined) return {ok: false, error};
		argv.push(filled);
	}
	return {ok: true, argv};
}
