// A playbook file → the typed Playbook, or the problems that keep it out of the library.
//
// Every problem is fatal (playbook null): a half-loaded playbook would match without its steps
// or offer steps that cannot run. The body is still checked when the front matter is broken
// (without placeholder and variant checks, which need the front matter) so lint shows all at once.
import type {BodyScope} from './parse-body.js';
import {parseBody} from './parse-body.js';
import {parseFrontMatter} from './parse-front-matter.js';
import {ruleCaptureNames, type FrontMatter} from './front-matter-schema.js';
import {builtinPlaceholders, type Playbook, type Problem, type Rule, type Variant} from './types.js';

export function parsePlaybook(text: string, file: string): {playbook: Playbook | null; problems: Problem[]} {
	const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const front = parseFrontMatter(normalized, file);
	if (front.body === null) return {playbook: null, problems: front.problems};
	const frontMatter = front.frontMatter;
	const body = parseBody(front.body, front.bodyLine, file, frontMatter ? placeholderScope(frontMatter) : null);
	const problems = [...front.problems, ...body.problems].sort((a, b) => a.line - b.line);
	if (!frontMatter || problems.length > 0) return {playbook: null, problems};

	const withLines = (rules: FrontMatter['match'], lines: number[]): Rule[] => rules.map((rule, index) => ({line: lines[index], ...rule}));
	const variants = frontMatter.variants.map((variant, index): Variant => {
		const section = body.variants.get(variant.id);
		return {
			id: variant.id,
			title: variant.title,
			line: front.variantLines[index],
			match: withLines(variant.match, front.variantRuleLines[index]),
			...(variant.summary === undefined ? {} : {summary: variant.summary}),
			explanation: section?.explanation ?? '',
			steps: section?.steps ?? [],
		};
	});
	const playbook: Playbook = {
		id: frontMatter.id,
		title: frontMatter.title,
		severity: frontMatter.severity,
		priority: frontMatter.priority,
		summary: frontMatter.summary ?? frontMatter.title,
		file,
		line: 1,
		idLine: front.idLine,
		match: withLines(frontMatter.match, front.ruleLines),
		variants,
		explanation: body.explanation,
		steps: body.steps,
	};
	return {playbook, problems};
}

// Default steps may use the playbook's captures; a variant's steps also the variant's.
function placeholderScope(frontMatter: FrontMatter): BodyScope {
	const base = [...builtinPlaceholders, ...ruleCaptureNames(frontMatter.match)];
	return variantId => {
		if (variantId === null) return new Set(base);
		const variant = frontMatter.variants.find(entry => entry.id === variantId);
		return variant ? new Set([...base, ...ruleCaptureNames(variant.match)]) : undefined;
	};
}
