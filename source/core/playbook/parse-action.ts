// One action block of a step: the fence's info string gives kind and options, the content the
// command. Everything is checked here so the guide only ever sees actions it can run.
import {placeholderNames, placeholderPattern} from '../command/placeholders.js';
import {shellCommand} from '../command/shell-command.js';
import {splitCommandLine, type SplitResult} from '../command/split-command-line.js';
import {validatePlaceholder} from '../command/validate-value.js';
import {parseDuration} from '../text/duration.js';
import {captureNames, compilePattern} from './compile-pattern.js';
import {defaultTimeoutMs, type Action, type ActionKind, type Ask} from './types.js';

export const actionKinds: readonly ActionKind[] = ['kubectl', 'sh', 'probe', 'wait'];

export type Fence = {kind: ActionKind; info: string; content: string; line: number};

export type ActionResult = {
	action: Action | null;
	problems: Array<{line: number; message: string}>;
	/** Names this step adds for the steps after it (its ask and capture names). */
	names: string[];
};

const optionKeys = ['timeout', 'ask', 'prompt', 'default', 'capture'];
const placeholderName = /^[A-Za-z][A-Za-z0-9_]*$/;

/** known: placeholders usable in this step, or null to skip placeholder checks (front matter broken). */
export function parseAction(fence: Fence, known: ReadonlySet<string> | null): ActionResult {
	const problems: ActionResult['problems'] = [];
	const problem = (message: string, line = fence.line) => problems.push({line, message});
	// Content lines follow the fence line.
	const lineOf = (index: number) => fence.line + 1 + fence.content.slice(0, Math.max(index, 0)).split('\n').length - 1;

	const options = parseOptions(fence, problem);
	const names = [...(options.ask ? [options.ask.name] : []), ...(options.capture ? captureNames(options.capture) : [])];
	const text = fence.content.trim();
	if (text === '') {
		problem(`empty ${fence.kind} block`);
		return {action: null, problems, names};
	}
	const split = fence.kind === 'sh' ? checkShellScript(text) : splitCommandLine(fence.content);
	if (!split.ok) {
		problem(`cannot ${fence.kind === 'sh' ? 'run the script' : 'split the command'}: ${split.error}`);
		return {action: null, problems, names};
	}
	const {argv} = split;
	const verbProblem = checkVerb(fence.kind, argv);
	if (verbProblem) problem(verbProblem, lineOf(fence.content.search(/\S/)));

	const spaced = fence.kind === 'sh' ? null : /\{\{\s+[A-Za-z]\w*\s*\}\}|\{\{[A-Za-z]\w*\s+\}\}/.exec(fence.content);
	// A dotted or dashed word in braces was meant as a placeholder; `{{.Field}}` and `{{range …}}` are Go templates and pass.
	const malformed = [...fence.content.matchAll(/\{\{\s*[A-Za-z][\w.-]*\s*\}\}/g)].find(match => match[0].replace(placeholderPattern(), '') !== '');
	if (spaced) problem(`write ${spaced[0].replaceAll(/\s/g, '')} without spaces: the command is split at spaces`, lineOf(spaced.index));
	else if (malformed) problem(`malformed placeholder ${malformed[0]} (a name is a letter, then letters, digits or _)`, lineOf(malformed.index));
	if (known) {
		const usable = new Set([...known, ...(options.ask ? [options.ask.name] : [])]);
		for (const name of placeholderNames(fence.content)) {
			if (!usable.has(name)) problem(`unknown placeholder {{${name}}}`, lineOf(fence.content.search(new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`))));
		}
		const defaultUnknown = placeholderNames(options.ask?.default ?? '').find(name => !known.has(name));
		if (defaultUnknown) problem(`unknown placeholder {{${defaultUnknown}}} in default=`);
	}
	if (problems.length > 0) return {action: null, problems, names};
	const action: Action = {kind: fence.kind, text, argv, line: fence.line, timeoutMs: options.timeoutMs ?? defaultTimeoutMs[fence.kind]};
	if (options.ask) action.ask = options.ask;
	if (options.capture) action.capture = options.capture;
	return {action, problems, names};
}

type Options = {timeoutMs?: number; ask?: Ask; capture?: RegExp};

// An sh block is a script for /bin/sh (pipes are the point of it) whose values travel in the
// environment; shellCommand refuses placeholders where that cannot work. It also checks values,
// so each placeholder gets a sample its check accepts and only the script's own problems remain.
const sampleValues = ['a', '1', 'a:1', 'http://a'];

function checkShellScript(text: string): SplitResult {
	const values = Object.fromEntries(placeholderNames(text).map(name => [name, sampleValues.find(value => validatePlaceholder(name, value) === null) ?? 'a']));
	const built = shellCommand(text, values);
	return built.ok ? {ok: true, argv: ['/bin/sh', '-c', text]} : built;
}

function parseOptions(fence: Fence, problem: (message: string) => void): Options {
	const optionsText = fence.info.trim().slice(fence.kind.length).trim();
	const split = splitCommandLine(optionsText);
	if (!split.ok) {
		problem(`bad options "${optionsText}": ${split.error}`);
		return {};
	}
	const values = new Map<string, string>();
	for (const word of split.argv) {
		const equals = word.indexOf('=');
		const key = equals === -1 ? word : word.slice(0, equals);
		if (equals === -1 || !optionKeys.includes(key)) {
			problem(`unknown option "${word}" (options are ${optionKeys.map(entry => `${entry}=`).join(', ')})`);
		} else if (values.has(key)) {
			problem(`option ${key}= given twice`);
		} else {
			values.set(key, word.slice(equals + 1));
		}
	}
	const options: Options = {};
	const timeout = values.get('timeout');
	if (timeout !== undefined) {
		const duration = parseDuration(timeout);
		if (duration === undefined) problem(`bad timeout "${timeout}" (write e.g. 500ms, 30s or 2m)`);
		else options.timeoutMs = duration;
	}
	const ask = values.get('ask');
	if (ask === undefined) {
		for (const key of ['prompt', 'default']) if (values.has(key)) problem(`${key}= needs ask=NAME`);
	} else if (!placeholderName.test(ask)) {
		problem(`bad ask name "${ask}" (a letter, then letters, digits or _)`);
	} else if (!values.get('prompt')) {
		problem(`ask=${ask} needs prompt="the question to show"`);
	} else {
		options.ask = {name: ask, prompt: values.get('prompt')!};
		if (values.has('default')) options.ask.default = values.get('default');
	}
	const capture = values.get('capture');
	if (capture !== undefined) {
		const compiled = compilePattern(capture);
		if (!compiled.ok) problem(`capture=: ${compiled.error}`);
		else if (captureNames(compiled.regex).length === 0) problem('capture= needs a named group, e.g. capture=\'revision (?<revision>\\d+)\'');
		else options.capture = compiled.regex;
	}
	return options;
}

// Undefined when the command has the shape its kind needs.
function checkVerb(kind: ActionKind, argv: string[]): string | undefined {
	const [verb, ...args] = argv;
	if (kind === 'kubectl') return verb === 'kubectl' ? undefined : 'a kubectl block must start with "kubectl"';
	if (kind === 'probe') return checkProbe(verb, args);
	if (kind === 'wait') return checkWait(verb, args);
	return undefined;
}

const hasPlaceholder = (text: string) => placeholderNames(text).length > 0;

function checkProbe(verb: string, args: string[]): string | undefined {
	const url = (text: string) => /^https?:\/\/\S/.test(text) || text.startsWith('{{');
	switch (verb) {
		case 'tcp': {
			const port = args[0]?.slice(args[0].lastIndexOf(':') + 1) ?? '';
			const portOk = hasPlaceholder(port) || (/^\d+$/.test(port) && Number(port) > 0 && Number(port) < 65_536);
			return args.length === 1 && args[0].lastIndexOf(':') > 0 && portOk ? undefined : 'probe tcp needs HOST:PORT, e.g. tcp registry.local:5000';
		}
		case 'dns':
			return args.length >= 1 && args.length <= 2 && !args[0].includes('=') && (args.length === 1 || /^server=\S/.test(args[1]))
				? undefined
				: 'probe dns needs NAME [server=IP[:PORT]]';
		case 'http':
			return args.length >= 1 && args.length <= 2 && url(args[0]) && (args.length === 1 || (args[1].startsWith('proxy=') && url(args[1].slice(6))))
				? undefined
				: 'probe http needs URL [proxy=http://HOST:PORT]';
		default:
			return `unknown probe "${verb}" (expected tcp, dns or http)`;
	}
}

const waitTargets: Record<string, string | null> = {resolved: null, rollout: 'deployment', ready: 'pod', running: 'pod', pulled: 'pod', gone: 'KIND'};

function checkWait(verb: string, args: string[]): string | undefined {
	if (!Object.hasOwn(waitTargets, verb)) return `unknown wait "${verb}" (expected resolved, rollout, ready, running, gone or pulled)`;
	const target = waitTargets[verb];
	if (target === null) return args.length === 0 ? undefined : 'wait resolved takes no argument';
	const [kind, name, ...rest] = args[0]?.split('/') ?? [];
	const ok = args.length === 1 && rest.length === 0 && Boolean(name) && (target === 'KIND' ? Boolean(kind) : kind === target);
	if (ok) return undefined;
	return target === 'KIND' ? 'wait gone needs KIND/NAME, e.g. gone namespace/{{namespace}}' : `wait ${verb} needs ${target}/NAME`;
}
