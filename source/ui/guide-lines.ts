// The playbook pane's text, from the guide state alone: the steps with their status, the
// current step's words, the exact command (formatArgv, the one way argv is shown), what the
// policy says about it, its output, and the question the user answers next.
import {formatArgv} from '../core/command/split-command-line.js';
import {describeChanges} from '../core/guide/dry-run-changes.js';
import {currentStep, elapsedMs} from '../core/guide/guide-selectors.js';
import {textUnchecked, type GuideState, type StepState} from '../core/guide/guide-state.js';
import {humanDuration} from '../core/objects/age.js';
import {oneLine} from '../core/text/one-line.js';
import type {Theme} from './theme.js';

export type Span = {text: string; color?: string; bold?: boolean; dim?: boolean; inverse?: boolean};
export type Line = Span[];

export function stepSymbol(step: StepState, theme: Theme): Span {
	const {symbols} = theme;
	switch (step.status) {
		case 'succeeded':
			return {text: symbols.done, color: theme.ok};
		case 'failed':
			return {text: symbols.failed, color: theme.error};
		case 'skipped':
			return {text: symbols.skipped, color: theme.muted};
		case 'running':
		case 'awaiting-input':
		case 'awaiting-confirmation':
			return {text: symbols.running, color: theme.accent, bold: true};
		case 'pending':
			return {text: symbols.pending, color: theme.muted};
	}
}

const statusWords: Record<StepState['status'], string> = {
	pending: '',
	'awaiting-input': 'needs a value',
	'awaiting-confirmation': 'waiting for you',
	running: 'running',
	succeeded: 'done',
	failed: 'failed',
	skipped: 'skipped',
};

/** One line per step; long lists keep the current step in view. */
export function stepLines(state: GuideState, theme: Theme, now: number, room: number): Line[] {
	const lines = state.steps.map((step): Line => {
		const time = step.status === 'running' && step.startedAt !== undefined ? humanDuration(now - step.startedAt) : step.durationMs !== undefined ? `${(step.durationMs / 1000).toFixed(1)}s` : '';
		const words = [statusWords[step.status], time, step.note && step.status === 'skipped' ? oneLine(step.note) : ''].filter(Boolean).join(' · ');
		const current = step.index === state.current;
		return [{text: ' '}, stepSymbol(step, theme), {text: ` ${step.index + 1}. ${oneLine(step.step.title)}`, bold: current}, {text: words ? `  ${words}` : '', color: theme.muted}];
	});
	if (lines.length <= room) return lines;
	const start = Math.max(0, Math.min(state.current - Math.floor(room / 2), lines.length - room));
	return lines.slice(start, start + room);
}

/** What the current step will do and whether it may: the command (all of it, wrapped to `width`), its class and the reason. */
export function commandLines(state: GuideState, step: StepState, theme: Theme, width: number): Line[] {
	const action = step.step.action;
	if (!action) return [[{text: ' (no command: do this yourself, then mark it done)', color: theme.muted}]];
	const shown = action.kind === 'kubectl' && step.argv ? formatArgv(step.argv) : oneLine(step.display);
	// Probe and wait displays already start with their kind (`wait rollout deployment/web`).
	const prefix = action.kind === 'kubectl' || action.kind === 'sh' ? '$ ' : '';
	const verdict = step.verdict;
	const colour = verdict.decision === 'deny' ? theme.error : verdict.class === 'write' || action.kind === 'sh' ? theme.warning : theme.ok;
	const where = [state.context ? `context ${state.context}` : '', state.values.namespace ? `namespace ${state.values.namespace}` : ''].filter(Boolean).join(' · ');
	// A command written over several lines (a JSON patch) keeps its lines: one Line each, as a Line is one row.
	// The command is what the user consents to, so it is wrapped, never cut.
	const rows = shown.split('\n').flatMap(text => chunks(text, Math.max(10, width - 4)));
	const lines: Line[] = rows.map((text, index): Line => (index === 0 ? [{text: ` ${prefix}`, color: theme.muted}, {text, bold: true}] : [{text: `   ${text}`, bold: true}]));
	lines.push([{text: ` ${verdict.class ?? action.kind}`, color: colour, bold: true}, {text: ` · ${oneLine(verdict.reason)}${where ? ` · ${where}` : ''}`, color: theme.muted}]);
	if (step.edited) lines.push([{text: ' (edited)', color: theme.warning}]);
	if (step.error) lines.push([{text: ` ${oneLine(step.error)}`, color: theme.error}]);
	return lines;
}

function chunks(text: string, size: number): string[] {
	const parts: string[] = [];
	for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
	return parts.length > 0 ? parts : [''];
}

/** The step's output lines (its dry run's too, then what the dry run would change), oldest first. */
export function outputLines(step: StepState | undefined, theme: Theme): Line[] {
	if (!step) return [];
	const lines: Line[] = [];
	if (step.outputDropped > 0) lines.push([{text: ` … ${step.outputDropped} earlier lines not kept`, color: theme.muted}]);
	for (const {stream, line} of step.output) lines.push([{text: ` ${line || ' '}`, color: stream === 'stderr' ? theme.error : stream === 'info' ? theme.accent : undefined}]);
	if (step.dryRun) {
		lines.push([{text: ` dry run: ${formatArgv(step.dryRun.argv)}`, color: theme.muted}]);
		for (const {stream, line} of step.dryRun.output) lines.push([{text: ` ${line || ' '}`, color: stream === 'stderr' ? theme.error : undefined}]);
		// Under the resulting object, so the pane's tail shows it: the whole object stays a scroll up.
		if (step.dryRun.changes) lines.push(...describeChanges(step.dryRun.changes).map((text, index): Line => [{text: ` ${text}`, color: theme.accent, bold: index === 0}]));
		if (step.dryRun.exitCode !== undefined) lines.push([{text: ` dry run ${step.dryRun.exitCode === 0 && !step.dryRun.error ? 'passed' : `failed${step.dryRun.error ? `: ${oneLine(step.dryRun.error)}` : ''}`}`, color: step.dryRun.exitCode === 0 ? theme.ok : theme.error}]);
	}
	if (step.status === 'failed' || step.status === 'succeeded') {
		const code = step.exitCode === undefined || step.exitCode === null ? '' : ` (exit ${step.exitCode})`;
		const why = step.error ? `: ${oneLine(step.error)}` : '';
		lines.push([{text: ` ${step.status === 'succeeded' ? 'done' : 'failed'}${code}${why}`, color: step.status === 'succeeded' ? theme.ok : theme.error}]);
	}
	return lines;
}

/** The step whose output the pane shows: the current one once it runs or printed, else the last one that finished. */
export function shownStep(state: GuideState): StepState | undefined {
	const current = currentStep(state);
	if (current && (current.status === 'running' || current.output.length > 0 || current.dryRun)) return current;
	return state.steps.slice(0, state.current).reverse().find(step => step.status === 'succeeded' || step.status === 'failed');
}

/** The run's end: fixed or not, how long it took. */
export function outcomeLine(state: GuideState, theme: Theme, now: number): Line | null {
	const took = humanDuration(elapsedMs(state, now));
	if (state.status === 'aborted') return [{text: ` Aborted after ${took}.`, color: theme.warning, bold: true}];
	if (state.status !== 'finished') return null;
	if (state.resolved === undefined) return [{text: ' All steps done: checking whether the finding is gone…', color: theme.accent}];
	const failed = state.steps.filter(step => step.status === 'failed').length;
	if (state.resolved) return [{text: ` Fixed: the finding is gone (${took}).`, color: theme.ok, bold: true}];
	if (state.resolved === null) return [{text: ` Finished in ${took}${failed ? ` (${failed} step${failed === 1 ? '' : 's'} failed)` : ''}: ${textUnchecked}.`, color: failed ? theme.error : theme.ok, bold: true}];
	return [{text: ` Finished in ${took}, but the finding is still there${failed ? ` (${failed} step${failed === 1 ? '' : 's'} failed)` : ''}.`, color: theme.error, bold: true}];
}
