// Turns a step's action (as written, or as the user edited it) into what would run:
// filled argv, environment for sh, the text shown, and the policy's verdict on it.
import {fillArgv} from '../command/fill-argv.js';
import {fillText} from '../command/placeholders.js';
import {decide, type Mode, type Verdict} from '../command/policy.js';
import {shellCommand} from '../command/shell-command.js';
import {formatArgv, splitCommandLine} from '../command/split-command-line.js';
import type {Action, ActionKind, Step} from '../playbook/types.js';

export type StepCommand = {
	argv?: string[];
	env?: Record<string, string>;
	display: string;
	verdict: Verdict;
	/** Set when the command cannot run as it stands. */
	error?: string;
};

export const manualVerdict: Verdict = {decision: 'confirm', class: null, reason: 'manual step: do it yourself, then mark it done'};

/** The verdict on the action as written, before any value is known (placeholders do not change a verb). */
export function templateVerdict(action: Action, mode: Mode): Verdict {
	return decide(mode, {kind: action.kind, argv: action.argv});
}

/** What a step will show before its command can be built: placeholders filled where a value is known. */
export function previewDisplay(step: Step, values: Record<string, string>): string {
	return step.action ? displayText(step.action.kind, fillText(step.action.text, values)) : fillText(step.prose.trim(), values);
}

/** The action as written in the playbook, filled with the values known now. */
export function commandFromAction(action: Action, values: Record<string, string>, mode: Mode): StepCommand {
	if (action.kind === 'sh') return shellStep(action.text, values, mode);
	const filled = fillArgv(action.argv, values);
	if (!filled.ok) {
		return {display: displayText(action.kind, fillText(action.text, values)), verdict: templateVerdict(action, mode), error: filled.error};
	}
	return commandFromArgv(action.kind, filled.argv, mode);
}

/** The user's edited command line for this action; placeholders in it are filled like the playbook's. */
export function commandFromEdit(action: Action, text: string, values: Record<string, string>, mode: Mode, previous: Verdict): StepCommand {
	const display = displayText(action.kind, text.trim());
	if (action.kind === 'sh') return shellStep(text.trim(), values, mode);
	const split = splitCommandLine(text);
	if (!split.ok) return {display, verdict: previous, error: split.error};
	if (split.argv.length === 0) return {display, verdict: previous, error: 'the command is empty'};
	// probe and wait steps are edited without their kind word, the way the playbook writes them.
	const words = action.kind !== 'kubectl' && split.argv[0] === action.kind ? split.argv.slice(1) : split.argv;
	if (action.kind === 'kubectl' && words[0] !== 'kubectl') return {display, verdict: previous, error: 'a kubectl step must start with kubectl'};
	if (words.length === 0) return {display, verdict: previous, error: 'the command is empty'};
	const filled = fillArgv(words, values);
	if (!filled.ok) return {display, verdict: decide(mode, {kind: action.kind, argv: words}), error: filled.error};
	const command = commandFromArgv(action.kind, filled.argv, mode);
	// An edit is the user's own command: refusing it leaves the step waiting rather than skipping it.
	return command.verdict.decision === 'deny' ? {...command, error: command.verdict.reason} : command;
}

function commandFromArgv(kind: ActionKind, argv: string[], mode: Mode): StepCommand {
	return {argv, display: displayText(kind, formatArgv(argv)), verdict: decide(mode, {kind, argv})};
}

function shellStep(text: string, values: Record<string, string>, mode: Mode): StepCommand {
	const built = shellCommand(text, values);
	if (!built.ok) return {display: text, verdict: decide(mode, {kind: 'sh', argv: []}), error: built.error};
	return {argv: built.argv, env: built.env, display: formatArgv(built.argv), verdict: decide(mode, {kind: 'sh', argv: built.argv})};
}

function displayText(kind: ActionKind, text: string): string {
	return kind === 'probe' || kind === 'wait' ? `${kind} ${text}` : text;
}
