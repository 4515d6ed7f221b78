// The markdown after the front matter: explanation, `## Steps`, `## Variant: id` sections and
// their `###` steps. markdown-it finds headings and fences (so a `##` inside a fence is text);
// prose is cut from the source lines by the token positions, so it stays the author's markdown.
import MarkdownIt from 'markdown-it';
import {actionKinds, parseAction} from './parse-action.js';
import type {Action, ActionKind, Problem, Step} from './types.js';

/**
 * Placeholders known at the start of the default steps (variant null) or of one variant's steps;
 * undefined when that variant is not declared. A null scope skips both checks (the front matter is broken).
 */
export type BodyScope = ((variant: string | null) => ReadonlySet<string> | undefined) | null;

export type VariantSection = {line: number; explanation: string; steps: Step[]};

export type BodyResult = {
	explanation: string;
	steps: Step[];
	variants: Map<string, VariantSection>;
	problems: Problem[];
};

type Block = {tag: string; start: number; end: number; text: string};
type FenceToken = {info: string; content: string; start: number; end: number};

const markdown = new MarkdownIt();

export function parseBody(body: string, bodyLine: number, file: string, scope: BodyScope): BodyResult {
	const result: BodyResult = {explanation: '', steps: [], variants: new Map(), problems: []};
	const problem = (line: number, message: string) => result.problems.push({file, line, message});
	const lines = body.split('\n');
	// markdown-it lines are 0-based within the body.
	const fileLine = (index: number) => bodyLine + index;
	const tokens = markdown.parse(body, {});
	const headings: Block[] = [];
	const fences: FenceToken[] = [];
	tokens.forEach((token, index) => {
		if (token.type === 'heading_open' && token.level === 0 && token.map) {
			headings.push({tag: token.tag, start: token.map[0], end: token.map[1], text: tokens[index + 1].content.trim()});
		} else if (token.type === 'fence' && token.map) {
			fences.push({info: token.info.trim(), content: token.content, start: token.map[0], end: token.map[1]});
		}
	});
	const languageOf = (fence: FenceToken) => fence.info.split(/\s/)[0];
	const isAction = (fence: FenceToken) => (actionKinds as readonly string[]).includes(languageOf(fence));
	const fencesIn = (start: number, end: number) => fences.filter(fence => fence.start >= start && fence.start < end);
	const textOf = (start: number, end: number, skip?: FenceToken) =>
		trimBlankLines(lines.slice(start, end).filter((_, offset) => !skip || start + offset < skip.start || start + offset >= skip.end));

	// Action blocks anywhere but in a step would never run: most likely a forgotten ### heading.
	const explanationText = (start: number, end: number) => {
		for (const fence of fencesIn(start, end).filter(isAction)) {
			problem(fileLine(fence.start), `${languageOf(fence)} block outside a step: put it under a ### step in ## Steps or ## Variant: ID`);
		}
		return textOf(start, end);
	};

	const parseSteps = (sectionStart: number, end: number, known: ReadonlySet<string> | null): {intro: string; steps: Step[]} => {
		const stepHeadings = headings.filter(heading => heading.tag === 'h3' && heading.start >= sectionStart && heading.start < end);
		const scopeNames = known ? new Set(known) : null;
		const steps = stepHeadings.map((heading, index): Step => {
			const stepEnd = stepHeadings[index + 1]?.start ?? end;
			if (heading.text === '') problem(fileLine(heading.start), 'a step needs a title after ###');
			let actionFence: FenceToken | undefined;
			let action: Action | null = null;
			for (const fence of fencesIn(heading.end, stepEnd)) {
				const language = languageOf(fence);
				if (language === '') continue;
				if (!isAction(fence)) {
					problem(fileLine(fence.start), `unknown action language "${language}" (expected kubectl, sh, probe or wait; use a fence without a language for examples)`);
				} else if (actionFence) {
					problem(fileLine(fence.start), `a step holds at most one action block (the first is at line ${fileLine(actionFence.start)})`);
				} else {
					actionFence = fence;
					const parsed = parseAction({kind: language as ActionKind, info: fence.info, content: fence.content, line: fileLine(fence.start)}, scopeNames);
					for (const entry of parsed.problems) problem(entry.line, entry.message);
					for (const name of parsed.names) scopeNames?.add(name);
					action = parsed.action;
				}
			}
			return {title: heading.text, line: fileLine(heading.start), prose: textOf(heading.end, stepEnd, actionFence), action};
		});
		return {intro: explanationText(sectionStart, stepHeadings[0]?.start ?? end), steps};
	};

	const sections = headings.filter(heading => heading.tag === 'h2');
	// An H1 that opens the body repeats the title and is dropped.
	const introStart = tokens[0]?.type === 'heading_open' && tokens[0].tag === 'h1' && tokens[0].map ? tokens[0].map[1] : 0;
	const explanation = [explanationText(introStart, sections[0]?.start ?? lines.length)];
	let stepsLine: number | undefined;
	sections.forEach((section, index) => {
		const start = section.end;
		const end = sections[index + 1]?.start ?? lines.length;
		const line = fileLine(section.start);
		const variantHeading = /^variant\s*:\s*(.*)$/i.exec(section.text);
		if (/^steps$/i.test(section.text)) {
			if (stepsLine !== undefined) {
				problem(line, `a second ## Steps section (the first is at line ${stepsLine})`);
				return;
			}
			stepsLine = line;
			const parsed = parseSteps(start, end, scope ? (scope(null) ?? null) : null);
			explanation.push(parsed.intro);
			result.steps = parsed.steps;
		} else if (variantHeading) {
			const id = variantHeading[1].trim();
			if (!/^[a-z0-9-]+$/.test(id)) {
				problem(line, `bad variant heading "## ${section.text}" (write ## Variant: ID with the id from the front matter)`);
				return;
			}
			const known = scope ? scope(id) : null;
			if (known === undefined) {
				problem(line, `variant "${id}" is not declared in the front matter's variants`);
				return;
			}
			const previous = result.variants.get(id);
			if (previous) {
				problem(line, `a second section for variant "${id}" (the first is at line ${previous.line})`);
				return;
			}
			const parsed = parseSteps(start, end, known);
			result.variants.set(id, {line, explanation: parsed.intro, steps: parsed.steps});
		} else {
			explanation.push(explanationText(section.start, end));
		}
	});
	result.explanation = explanation.filter(Boolean).join('\n\n');
	return result;
}

function trimBlankLines(lines: string[]): string {
	let start = 0;
	let end = lines.length;
	while (start < end && lines[start].trim() === '') start++;
	while (end > start && lines[end - 1].trim() === '') end--;
	return lines.slice(start, end).join('\n').trimEnd();
}
