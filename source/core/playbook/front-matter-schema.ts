// The one schema for a playbook's front matter: it validates, compiles patterns and gives the
// types. Its issues carry a path; parse-front-matter.ts turns that path into a file line.
import {z} from 'zod';
import {placeholderNames} from '../command/placeholders.js';
import {captureNames, compilePattern} from './compile-pattern.js';
import {builtinPlaceholders, checkCaptureNames} from './types.js';

const list = <T extends z.ZodType>(item: T) =>
	z.preprocess((value: unknown) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item).min(1));

const pattern = z.string().transform((text, context) => {
	const compiled = compilePattern(text);
	if (compiled.ok) return compiled.regex;
	context.issues.push({code: 'custom', message: compiled.error, input: text});
	return z.NEVER;
});

const name = z.string().min(1);
const idSchema = z.string().regex(/^[a-z0-9-]+$/, {error: issue => `must be lowercase letters, digits and dashes, got ${describeValue(issue.input)}`});

// Cross-field checks run only on an otherwise valid value: an unknown key is not also "no keys".
const whenValid = {when: (payload: {issues: unknown[]}) => payload.issues.length === 0};

const podRule = z.strictObject({
	waiting: list(name).optional(),
	terminated: list(name).optional(),
	exitCode: list(z.int()).optional(),
	minRestarts: z.int().min(0).optional(),
	message: pattern.optional(),
	image: pattern.optional(),
	container: pattern.optional(),
	phase: list(z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])).optional(),
	firstRevision: z.boolean().optional(),
});

const eventRule = z.strictObject({
	reason: list(name).optional(),
	type: z.enum(['Normal', 'Warning']).optional(),
	message: pattern.optional(),
	kind: list(name).optional(),
});

const logRule = z.strictObject({pattern, container: pattern.optional()});

const textRule = z.strictObject({pattern});

// YAML 1.2 reads an unquoted True/False as a boolean; a condition status is the word.
const conditionStatus = z.preprocess(
	(value: unknown) => (typeof value === 'boolean' ? (value ? 'True' : 'False') : value),
	z.enum(['True', 'False', 'Unknown']),
);

const nodeRule = z.strictObject({condition: name, status: conditionStatus});

const objectRule = z
	.strictObject({
		kind: name,
		field: z.string().regex(/^[\w-]+(\.[\w-]+)*$/, {error: 'must be a dotted path such as status.phase'}).optional(),
		equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
		pattern: pattern.optional(),
		exists: z.boolean().optional(),
		check: z.enum(['service-without-endpoints', 'ingress-class-missing', 'role-missing']).optional(),
	})
	.superRefine((rule, context) => {
		const tests = (['equals', 'pattern', 'exists'] as const).filter(key => rule[key] !== undefined);
		if (rule.check !== undefined && rule.field !== undefined) {
			context.addIssue({code: 'custom', message: 'give either field or check, not both', path: ['check']});
		} else if (rule.check === undefined && rule.field === undefined) {
			context.addIssue({code: 'custom', message: 'needs field (with equals, pattern or exists) or check', path: []});
		} else if (rule.field !== undefined && tests.length !== 1) {
			context.addIssue({code: 'custom', message: 'needs exactly one of equals, pattern or exists', path: ['field']});
		} else if (rule.check !== undefined && tests.length > 0) {
			context.addIssue({code: 'custom', message: `${tests[0]} needs field`, path: [tests[0]]});
		}
	}, whenValid);

const hasKeys = (value: object) => Object.values(value).some(entry => entry !== undefined);

const ruleKeys = ['pod', 'event', 'log', 'text', 'node', 'object'] as const;
// What each key is about: an event is about its involved object, whatever the other keys name.
const keySubject = {pod: 'pod', log: 'pod', event: undefined, node: 'node', object: 'object', text: 'text'} as const;

const rule = z
	.strictObject({
		pod: podRule.refine(hasKeys, {error: 'a pod condition needs at least one key', ...whenValid}).optional(),
		event: eventRule.refine(hasKeys, {error: 'an event condition needs at least one key', ...whenValid}).optional(),
		log: logRule.optional(),
		text: textRule.optional(),
		node: nodeRule.optional(),
		object: objectRule.optional(),
	})
	.superRefine((value, context) => {
		const present = ruleKeys.filter(key => value[key] !== undefined);
		if (present.length === 0) {
			context.addIssue({code: 'custom', message: `a rule needs one of ${ruleKeys.join(', ')}`, path: []});
			return;
		}
		// Free text has no events; otherwise one rule's conditions must be about one subject.
		const first = present.find(key => keySubject[key] !== undefined);
		const clash = value.text
			? present.find(key => key !== 'text')
			: present.find(key => keySubject[key] !== undefined && first !== undefined && keySubject[key] !== keySubject[first]);
		if (clash) {
			const [key, other] = value.text ? ['text', clash] : [clash, first!];
			context.addIssue({code: 'custom', message: `${key} cannot be combined with ${other} in one rule`, path: [key]});
		}
	}, whenValid);

export type RuleInput = z.output<typeof rule>;

const variant = z.strictObject({
	id: idSchema,
	title: name,
	summary: name.optional(),
	match: z.array(rule).min(1),
});

export const frontMatterSchema = z
	.strictObject({
		id: idSchema,
		title: name,
		severity: z.enum(['error', 'warning']),
		priority: z.int().default(50),
		summary: name.optional(),
		match: z.array(rule).min(1),
		variants: z.array(variant).default([]),
	})
	.superRefine((front, context) => {
		const baseNames = [...builtinPlaceholders, ...ruleCaptureNames(front.match)];
		checkSummary(front.summary, baseNames, ['summary'], context);
		const subjects = new Set(front.match.map(ruleSubject));
		const seen = new Set<string>();
		front.variants.forEach((entry, index) => {
			if (seen.has(entry.id)) context.addIssue({code: 'custom', message: `duplicate variant id "${entry.id}"`, path: ['variants', index, 'id']});
			seen.add(entry.id);
			checkSummary(entry.summary, [...baseNames, ...ruleCaptureNames(entry.match)], ['variants', index, 'summary'], context);
			entry.match.forEach((variantRule, ruleIndex) => {
				const subject = ruleSubject(variantRule);
				if (![...subjects].some(playbookSubject => refines(subject, playbookSubject))) {
					const message = `a variant rule about ${subject} cannot refine playbook rules about ${[...subjects].join(', ')}`;
					context.addIssue({code: 'custom', message, path: ['variants', index, 'match', ruleIndex]});
				}
			});
		});
	}, whenValid);

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** What a rule is about: `pod`, `node`, `text`, `event` (its involved object) or `object Kind`. */
export function ruleSubject(value: RuleInput): string {
	if (value.text) return 'text';
	if (value.node) return 'node';
	if (value.object) return `object ${value.object.kind}`;
	if (value.pod || value.log) return 'pod';
	return 'event';
}

// An event-only rule is about its involved object, so it can refine any subject but free text.
function refines(variantSubject: string, playbookSubject: string): boolean {
	if (variantSubject === playbookSubject) return true;
	return (variantSubject === 'event' || playbookSubject === 'event') && variantSubject !== 'text' && playbookSubject !== 'text';
}

/** Capture names from every pattern of the rules, in order, without repeats. */
export function ruleCaptureNames(rules: RuleInput[]): string[] {
	const patterns = rules.flatMap(value => [
		value.pod?.message, value.pod?.image, value.pod?.container, value.event?.message,
		value.log?.pattern, value.log?.container, value.text?.pattern, value.object?.pattern,
	]);
	const checks = rules.flatMap(value => (value.object?.check ? checkCaptureNames[value.object.check] : []));
	return [...new Set([...patterns.flatMap(regex => (regex ? captureNames(regex) : [])), ...checks])];
}

function checkSummary(summary: string | undefined, known: string[], path: Array<string | number>, context: z.RefinementCtx) {
	const unknown = summary === undefined ? undefined : placeholderNames(summary).find(entry => !known.includes(entry));
	if (unknown) context.addIssue({code: 'custom', message: `unknown placeholder {{${unknown}}}`, path});
}

/** Messages for the schema's issues, without the location (the caller adds file, line and key path). */
export const frontMatterErrors: z.core.$ZodErrorMap = issue => {
	// A value schema that sees undefined was given no value at all.
	if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return `missing required key "${String(issue.path?.at(-1) ?? '')}"`;
	switch (issue.code) {
		case 'invalid_type':
			return `expected ${typeWords[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
		case 'invalid_value':
			return `expected ${oneOf(issue.values.map(String))}, got ${describeValue(issue.input)}`;
		case 'invalid_union':
			return `expected a string, number or boolean, got ${describeValue(issue.input)}`;
		case 'too_small':
			return issue.origin === 'number' || issue.origin === 'int' ? `must be at least ${String(issue.minimum)}` : 'must not be empty';
		case 'unrecognized_keys': {
			// parse-front-matter.ts makes one problem per key and wraps this list.
			const shape = (issue.inst as {_zod?: {def?: {shape?: object}}} | undefined)?._zod?.def?.shape;
			return shape ? `allowed: ${Object.keys(shape).join(', ')}` : '';
		}
		default:
			return undefined;
	}
};

const typeWords: Record<string, string> = {
	array: 'a list',
	object: 'a mapping',
	string: 'a string',
	number: 'a number',
	int: 'an integer',
	boolean: 'true or false',
};

function describeValue(value: unknown): string {
	if (value === null) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function oneOf(values: string[]): string {
	return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}
