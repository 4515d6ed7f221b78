// Placeholders are `{{name}}`: a letter, then letters, digits or underscores.

const placeholderSource = String.raw`\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}`;

/** A fresh global pattern for `{{name}}`; group 1 is the name. */
export function placeholderPattern(): RegExp {
	return new RegExp(placeholderSource, 'g');
}

export function placeholderNames(text: string): string[] {
	return [...new Set([...text.matchAll(placeholderPattern())].map(match => match[1]))];
}

/** Fill placeholders for display (prose, summaries). Unknown ones stay as written. Never use for argv. */
export function fillText(text: string, values: Record<string, string | undefined>): string {
	return text.replace(placeholderPattern(), (whole, name: string) => values[name] ?? whole);
}
