// The guided fix as a reducer: state + action → state. It never performs I/O; the one thing
// to do next is `state.intent`, and its output and result come back as actions.
import type {Mode, Verdict} from '../command/policy.js';
import {fillText, placeholderNames} from '../command/placeholders.js';
import type {Finding} from '../match/types.js';
import {defaultTimeoutMs, type Playbook, type Variant} from '../playbook/types.js';
import {stripControlSequences} from '../text/strip-control.js';
import {canConfirm, canEdit, dryRunCommand} from './guide-selectors.js';
import type {GuideAction, GuideState, Intent, StepState} from './guide-state.js';
import {appendOutput, captureValues} from './step-output.js';
import {unmadeChange} from './unmade-change.js';
import {commandFromAction, commandFromEdit, manualVerdict, previewDisplay, templateVerdict, type StepCommand} from './step-command.js';

export type RunOptions = {
	playbook: Playbook;
	/** Defaults to the playbook's variant named by the finding. */
	variant?: Variant | null;
	finding: Finding;
	mode: Mode;
	context?: {context: string; namespace: string};
	/** `--set NAME=VALUE`: values that override the finding's and the steps' captures, and answer `ask=NAME` questions. */
	presets?: Record<string, string>;
	now: number;
};

/** A run positioned at its first step (already waiting for the user, or running if it needs no confirmation). */
export function createRun(options: RunOptions): GuideState {
	const {playbook, finding, mode, context, presets = {}, now} = options;
	const variant = options.variant === undefined ? playbook.variants.find(candidate => candidate.id === finding.variant) ?? null : options.variant;
	const values = {...(context ? {context: context.context, namespace: context.namespace} : {}), ...findingValues(finding), ...finding.captures, ...presets};
	const steps = variant && variant.steps.length > 0 ? variant.steps : playbook.steps;
	const state: GuideState = {
		playbook,
		variant,
		finding,
		mode,
		context: context?.context,
		steps: steps.map((step, index) => ({
			index,
			step,
			status: 'pending',
			display: previewDisplay(step, values),
			verdict: step.action ? templateVerdict(step.action, mode) : manualVerdict,
			edited: false,
			output: [],
			outputDropped: 0,
		})),
		current: 0,
		values,
		answers: {...presets},
		status: 'running',
		intent: null,
		lastIntentId: 0,
		startedAt: now,
	};
	return enterStep(state, 0, now);
}

export function guideReducer(state: GuideState, action: GuideAction): GuideState {
	const step = state.steps[state.current];
	switch (action.type) {
		case 'answer': {
			if (state.status !== 'running' || step?.status !== 'awaiting-input' || !step.question) return state;
			const {name} = step.question;
			const value = action.value.trim() || step.question.default;
			if (!value) return updateStep(state, step.index, {error: `type a value for {{${name}}}`});
			const values = {...state.values, [name]: value};
			const command = commandFromAction(step.step.action!, values, state.mode);
			// A value that cannot go into the command is not kept: the question stays open.
			if (command.error) return updateStep(state, step.index, {error: command.error});
			return settle({...state, values, answers: {...state.answers, [name]: value}}, step.index, command, action.now);
		}
		case 'confirm': {
			if (!canConfirm(state)) return state;
			if (!step.step.action) {
				const manualDone = updateStep(state, step.index, {status: 'succeeded', startedAt: action.now, finishedAt: action.now, durationMs: 0});
				return enterStep(manualDone, step.index + 1, action.now);
			}
			return run(state, step.index, action.now);
		}
		case 'dry-run': {
			const argv = dryRunCommand(state);
			if (!argv) return state;
			const intent: Intent = {id: state.lastIntentId + 1, type: 'exec', stepIndex: step.index, kind: 'kubectl', argv, timeoutMs: timeoutOf(step), dryRun: true};
			return {
				...updateStep(state, step.index, {status: 'running', dryRun: {argv, output: [], outputDropped: 0}}),
				intent,
				lastIntentId: intent.id,
			};
		}
		case 'edit': {
			if (!canEdit(state)) return state;
			const command = commandFromEdit(step.step.action!, action.text, state.values, state.mode, step.verdict);
			return updateStep(state, step.index, {
				status: 'awaiting-confirmation',
				argv: command.argv,
				env: command.env,
				display: command.display,
				verdict: command.verdict,
				error: command.error,
				question: undefined,
				dryRun: undefined,
				edited: true,
			});
		}
		case 'skip': {
			if (state.status !== 'running' || !step || !isOpen(step)) return state;
			const note = step.status !== 'running' ? undefined : isDryRunning(state) ? 'skipped during its dry run' : 'skipped while running: the command was cancelled';
			const skipped = updateStep({...state, intent: null}, step.index, {status: 'skipped', finishedAt: action.now, note});
			return enterStep(skipped, step.index + 1, action.now);
		}
		case 'abort': {
			if (state.status !== 'running') return state;
			let aborted: GuideState = {...state, status: 'aborted', intent: null, finishedAt: action.now};
			if (step && isOpen(step)) {
				aborted = updateStep(aborted, step.index, abortedStep(step, isDryRunning(state), action.now));
			}
			return aborted;
		}
		case 'output': {
			const intent = state.intent;
			if (!intent || intent.id !== action.intentId || intent.type === 'check-resolved') return state;
			const target = state.steps[intent.stepIndex];
			// Escape sequences would act on the terminal showing the pane and break capture patterns.
			const line = {stream: action.stream, line: stripControlSequences(action.line)};
			if (intent.type === 'exec' && intent.dryRun && target.dryRun) {
				return updateStep(state, target.index, {dryRun: {...target.dryRun, ...appendOutput(target.dryRun, line)}});
			}
			return updateStep(state, target.index, appendOutput(target, line));
		}
		case 'dry-run-changes': {
			const intent = state.intent;
			if (intent?.type !== 'exec' || !intent.dryRun || intent.id !== action.intentId) return state;
			const target = state.steps[intent.stepIndex];
			return target.dryRun ? updateStep(state, target.index, {dryRun: {...target.dryRun, changes: action.changes}}) : state;
		}
		case 'result': {
			const intent = state.intent;
			if (!intent || intent.id !== action.intentId || intent.type === 'check-resolved') return state;
			const target = state.steps[intent.stepIndex];
			const failure = action.error ?? (action.timedOut ? `timed out after ${intent.timeoutMs / 1000}s` : undefined);
			const outcome = {exitCode: action.exitCode, timedOut: action.timedOut, durationMs: action.durationMs};
			if (intent.type === 'exec' && intent.dryRun && target.dryRun) {
				const dryRun = {...target.dryRun, ...outcome, error: failure};
				return {...updateStep(state, target.index, {status: 'awaiting-confirmation', dryRun}), intent: null};
			}
			const succeeded = action.exitCode === 0 && !failure && !action.signal;
			let next: GuideState = {...state, intent: null};
			let note = target.note;
			if (succeeded && target.step.action?.capture) {
				const captured = captureValues(target.step.action.capture, target.output);
				if (captured) next = {...next, values: {...next.values, ...withoutAnswered(captured, state.answers)}};
				else note = 'the capture pattern found nothing in the output';
			}
			next = updateStep(next, target.index, {
				...outcome,
				status: succeeded ? 'succeeded' : 'failed',
				signal: action.signal,
				error: failure,
				finishedAt: action.now,
				note,
			});
			return enterStep(next, target.index + 1, action.now);
		}
		case 'resolved': {
			if (state.intent?.type !== 'check-resolved' || state.intent.id !== action.intentId) return state;
			return {...state, intent: null, resolved: action.value};
		}
	}
}

/** Prepare step `index` for the user: ask, refuse, wait for confirmation, or run it. Past the last step the run finishes. */
function enterStep(state: GuideState, index: number, now: number): GuideState {
	if (index >= state.steps.length) {
		const intent: Intent = {id: state.lastIntentId + 1, type: 'check-resolved'};
		return {...state, current: state.steps.length, status: 'finished', finishedAt: now, intent, lastIntentId: intent.id};
	}
	const entered = {...state, current: index};
	const {step} = state.steps[index];
	const action = step.action;
	if (!action) {
		return updateStep(entered, index, {status: 'awaiting-confirmation', display: previewDisplay(step, state.values), verdict: manualVerdict});
	}
	const verdict = templateVerdict(action, state.mode);
	if (verdict.decision === 'deny') return refuse(entered, index, verdict, previewDisplay(step, state.values), now);
	const unmade = action.kind === 'wait' ? unmadeChange(state.steps, index) : undefined;
	if (unmade) return passOver(entered, index, {display: previewDisplay(step, state.values), verdict, note: unmade}, now);
	if (action.ask && !(action.ask.name in state.answers)) {
		const defaultValue = action.ask.default === undefined ? undefined : fillText(action.ask.default, state.values);
		return updateStep(entered, index, {
			status: 'awaiting-input',
			display: previewDisplay(step, state.values),
			verdict,
			question: {
				name: action.ask.name,
				prompt: fillText(action.ask.prompt, state.values),
				// A default that still needs a value nobody has is no default.
				default: defaultValue && placeholderNames(defaultValue).length === 0 ? defaultValue : undefined,
			},
		});
	}
	return settle(entered, index, commandFromAction(action, state.values, state.mode), now);
}

/** A step whose command is built: refused, waiting (possibly with an error), or started when the policy allows it outright. */
function settle(state: GuideState, index: number, command: StepCommand, now: number): GuideState {
	if (command.verdict.decision === 'deny') return refuse(state, index, command.verdict, command.display, now);
	const prepared = updateStep(state, index, {
		status: 'awaiting-confirmation',
		argv: command.argv,
		env: command.env,
		display: command.display,
		verdict: command.verdict,
		error: command.error,
		question: undefined,
	});
	return command.verdict.decision === 'allow' && !command.error ? run(prepared, index, now) : prepared;
}

function refuse(state: GuideState, index: number, verdict: Verdict, display: string, now: number): GuideState {
	return passOver(state, index, {display, verdict, note: `refused: ${verdict.reason}`}, now);
}

/** Skip a step without offering it, saying why, and go on to the next. */
function passOver(state: GuideState, index: number, why: {display: string; verdict: Verdict; note: string}, now: number): GuideState {
	return enterStep(updateStep(state, index, {status: 'skipped', ...why, finishedAt: now}), index + 1, now);
}

function run(state: GuideState, index: number, now: number): GuideState {
	const step = state.steps[index];
	const action = step.step.action!;
	const id = state.lastIntentId + 1;
	const timeoutMs = timeoutOf(step);
	const argv = step.argv!;
	const intent: Intent = action.kind === 'kubectl' || action.kind === 'sh'
		? {id, type: 'exec', stepIndex: index, kind: action.kind, argv, ...(step.env ? {env: step.env} : {}), timeoutMs, dryRun: false}
		: {id, type: action.kind, stepIndex: index, argv, timeoutMs};
	return {...updateStep(state, index, {status: 'running', startedAt: now}), intent, lastIntentId: id};
}

function timeoutOf(step: StepState): number {
	const action = step.step.action!;
	return action.timeoutMs ?? defaultTimeoutMs[action.kind];
}

/** What an abort leaves of the step it interrupts: a cancelled command may have done part of its work. */
function abortedStep(step: StepState, dryRunning: boolean, now: number): Partial<StepState> {
	const kind = step.step.action?.kind;
	if (step.status !== 'running' || dryRunning) return {status: 'skipped', finishedAt: now, note: 'run aborted before this step ran'};
	if (kind === 'probe' || kind === 'wait') return {status: 'skipped', finishedAt: now, note: 'run aborted while this step was checking'};
	return {status: 'failed', finishedAt: now, note: 'run aborted while this step ran: it was cancelled and may have partly taken effect'};
}

function isDryRunning(state: GuideState): boolean {
	return state.intent?.type === 'exec' && state.intent.dryRun;
}

function isOpen(step: StepState): boolean {
	return step.status === 'awaiting-input' || step.status === 'awaiting-confirmation' || step.status === 'running';
}

function updateStep(state: GuideState, index: number, change: Partial<StepState>): GuideState {
	return {...state, steps: state.steps.map(step => (step.index === index ? {...step, ...change} : step))};
}

// Precedence of a placeholder value: the user's --set or typed answer > a step's capture > the finding's capture.
function withoutAnswered(captured: Record<string, string>, answers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(captured).filter(([name]) => !(name in answers)));
}

/** What a finding says about its object, as placeholder values; the matcher's captures refine them. */
function findingValues(finding: Finding): Record<string, string> {
	const values: Record<string, string> = {kind: finding.kind, name: finding.name};
	if (finding.namespace) values.namespace = finding.namespace;
	if (finding.container) values.container = finding.container;
	const byKind: Record<string, string> = {Pod: 'pod', Deployment: 'deployment', Node: 'node'};
	if (byKind[finding.kind]) values[byKind[finding.kind]] = finding.name;
	return values;
}
