// Splits a playbook file into front matter and body, parses the YAML with node positions and
// validates it with the schema, so every problem points at the line of the key or value at fault.
import {isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document} from 'yaml';
import {frontMatterErrors, frontMatterSchema, type FrontMatter} from './front-matter-schema.js';
import type {Problem} from './types.js';

export type FrontMatterResult = {
	/** null when the front matter is missing or has problems. */
	frontMatter: FrontMatter | null;
	idLine: number;
	ruleLines: number[];
	variantLines: number[];
	variantRuleLines: number[][];
	/** null when there is no closed front matter, so no body either. */
	body: string | null;
	/** File line (1-based) of the body's first line. */
	bodyLine: number;
	problems: Problem[];
};

type Path = PropertyKey[];

export function parseFrontMatter(text: string, file: string): FrontMatterResult {
	const result: FrontMatterResult = {frontMatter: null, idLine: 1, ruleLines: [], variantLines: [], variantRuleLines: [], body: null, bodyLine: 1, problems: []};
	const problem = (line: number, message: string) => result.problems.push({file, line, message});
	const lines = text.split('\n');
	if (lines[0].trimEnd() !== '---') {
		problem(1, 'missing front matter: a playbook starts with a --- line, its YAML front matter, then another --- line');
		return result;
	}
	const close = lines.findIndex((line, index) => index > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
	if (close === -1) {
		problem(1, 'front matter is not closed: add a --- line after it');
		return result;
	}
	result.body = lines.slice(close + 1).join('\n');
	result.bodyLine = close + 2;

	const lineCounter = new LineCounter();
	const document = parseDocument(lines.slice(1, close).join('\n'), {lineCounter, prettyErrors: false, uniqueKeys: true});
	// The YAML starts on the file's second line.
	const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
	// Later YAML errors mostly follow from the first.
	const yamlError = document.errors[0] ?? document.warnings[0];
	if (yamlError) {
		problem(lineAt(yamlError.pos[0]), `YAML syntax error: ${yamlError.message}`);
		return result;
	}

	let data: unknown;
	try {
		data = document.toJS();
	} catch (error) {
		problem(2, `YAML error: ${(error as Error).message}`);
		return result;
	}
	const parsed = frontMatterSchema.safeParse(data, {error: frontMatterErrors});
	const locate = (path: Path, preferKey = false) => locateLine(document, path, preferKey, lineAt);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				const allowed = issue.message ? ` (${issue.message})` : '';
				for (const key of issue.keys) problem(locate([...issue.path, key], true), withLabel(issue.path, `unknown key "${key}"${allowed}`));
			} else if (issue.message.startsWith('missing required key')) {
				problem(locate(issue.path), withLabel(issue.path.slice(0, -1), issue.message));
			} else {
				problem(locate(issue.path), withLabel(issue.path, issue.message));
			}
		}
		result.problems.sort((a, b) => a.line - b.line);
		return result;
	}
	result.frontMatter = parsed.data;
	result.idLine = locate(['id'], true);
	result.ruleLines = parsed.data.match.map((_, index) => locate(['match', index]));
	result.variantLines = parsed.data.variants.map((_, index) => locate(['variants', index]));
	result.variantRuleLines = parsed.data.variants.map((variant, index) => variant.match.map((_, ruleIndex) => locate(['variants', index, 'match', ruleIndex])));
	return result;
}

/**
 * The line of the node at path: a key's own line when asked for (unknown keys) or when its value
 * is a collection or empty, a scalar value's line, a sequence item's line; for a path that does
 * not exist (a missing key) the line of the deepest part that does.
 */
function locateLine(document: Document, path: Path, preferKey: boolean, lineAt: (offset: number) => number): number {
	let node: unknown = document.contents;
	let keyNode: unknown;
	for (const segment of path) {
		if (isAlias(node)) node = node.resolve(document);
		if (isMap(node)) {
			const pair = node.items.find(item => (isScalar(item.key) ? item.key.value : item.key) === segment);
			if (!pair) break;
			keyNode = pair.key;
			node = pair.value;
		} else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
			keyNode = undefined;
			node = node.items[segment];
		} else {
			break;
		}
	}
	const useKey = keyNode !== undefined && (preferKey || node === null || isCollection(node));
	const target = (useKey ? keyNode : node) as {range?: [number, number, number]} | null;
	return target?.range ? lineAt(target.range[0]) : 1;
}

function withLabel(path: PropertyKey[], message: string): string {
	const label = path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index > 0 ? '.' : ''}${String(segment)}`)).join('');
	return label ? `${label}: ${message}` : message;
}
