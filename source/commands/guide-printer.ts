// Line mode's transcript: each state change of the run prints only what is new (a step's
// title and prose, its exact command and verdict, output as it streams, how it ended), so
// the terminal scrolls like a shell session and a screen reader reads it in order. A dry run
// that says what it would change prints that instead of the whole resulting object. A command
// that failed is followed by what its output matches, and how to fix that.
import type {Writable} from 'node:stream';
import {fillText} from '../core/command/placeholders.js';
import {formatArgv} from '../core/command/split-command-line.js';
import {describeChanges} from '../core/guide/dry-run-changes.js';
import type {DryRunRecord, GuideState, OutputLine, StepState} from '../core/guide/guide-state.js';
import {stripControlSequences} from '../core/text/strip-control.js';

export type Style = {
	bold(text: string): string;
	dim(text: string): string;
	red(text: string): string;
	yellow(text: string): string;
	green(text: string): string;
};

/** Colours only on a terminal, and never under NO_COLOR (https://no-color.org). */
export function createStyle(enabled: boolean): Style {
	const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001B[${open}m${text}\u001B[${close}m` : text);
	return {bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39)};
}

export function colourWanted(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
	return stream.isTTY === true && !env.NO_COLOR;
}

type Printed = {header: boolean; command?: string; errorOf?: StepState; output: number; dryRunArgv?: string[]; dryRunDone: boolean; end: boolean};

export type RunPrinter = {update(state: GuideState): void};

/** A finding on a failed step's output (see output-matches.ts). */
export type OutputMatch = {
	playbook: string;
	title: string;
	summary: string;
	/** The same problem the run fixes: said, but no fix offered for it. */
	same: boolean;
	/** The kconsole command that fixes it, when there is one. */
	fix?: string[];
};

export type RunPrinterOptions = {
	/** What the step's failed output (or rejected dry run) matches now. */
	outputMatches?: (step: StepState) => OutputMatch[];
};

export function createRunPrinter(out: Writable, style: Style, options: RunPrinterOptions = {}): RunPrinter {
	const printed = new Map<number, Printed>();
	let checking = false;
	const write = (line: string) => out.write(`${line}\n`);
	const outputLine = ({stream, line}: OutputLine) => {
		if (stream === 'stderr') return `    ${style.red('!')} ${line}`;
		if (stream === 'info') return `    ${style.dim(`· ${line}`)}`;
		return `    ${style.dim('│')} ${line}`;
	};
	const newLines = (buffer: {output: OutputLine[]; outputDropped: number}, seen: number) => {
		const total = buffer.output.length + buffer.outputDropped;
		return {lines: buffer.output.slice(Math.max(0, buffer.output.length - (total - seen))), total};
	};

	const updateStep = (state: GuideState, step: StepState) => {
		let record = printed.get(step.index);
		if (!record) printed.set(step.index, (record = {header: false, output: 0, dryRunDone: false, end: false}));
		if (!record.header) {
			record.header = true;
			write('');
			write(style.bold(`Step ${step.index + 1}/${state.steps.length}: ${step.step.title}`));
			// A manual step is all prose: it is the only place that says what to do.
			const prose = fillText(step.step.prose.trim(), state.values);
			if (prose) for (const line of prose.split('\n')) write(`  ${line}`);
		}
		const shown = commandLine(step);
		if (shown !== undefined && shown !== record.command && step.status !== 'awaiting-input') {
			record.command = shown;
			write(`  ${style.bold(shown)}`);
			write(`  ${verdictLine(state, step, style)}`);
		}
		// Steps change only when something happens to them: a new step object with an error is a new refusal of an answer or edit.
		if (step.error && step !== record.errorOf && (step.status === 'awaiting-input' || step.status === 'awaiting-confirmation')) {
			record.errorOf = step;
			write(`  ${style.red(`✗ ${step.error}`)}`);
		}
		if (step.dryRun) {
			// Each dry run gets a fresh argv array: that is how a second dry run is told from the first.
			if (step.dryRun.argv !== record.dryRunArgv) {
				Object.assign(record, {dryRunArgv: step.dryRun.argv, dryRunDone: false});
				write(`  ${style.dim(`dry run: $ ${formatArgv(step.dryRun.argv)}`)}`);
			}
			// Printed once the dry run is over: only then is it known whether what it would change stands in for the object.
			const over = step.dryRun.exitCode !== undefined || step.status !== 'running';
			if (over && !record.dryRunDone) {
				record.dryRunDone = true;
				printDryRun(step.dryRun);
				if (step.dryRun.exitCode !== undefined && (step.dryRun.exitCode !== 0 || step.dryRun.error)) printMatches(step);
			}
		}
		const fresh = newLines(step, record.output);
		for (const line of fresh.lines) write(outputLine(line));
		record.output = fresh.total;
		if (!record.end && (step.status === 'succeeded' || step.status === 'failed' || step.status === 'skipped')) {
			record.end = true;
			write(`  ${endLine(step, style)}`);
			if (step.status === 'failed') printMatches(step);
		}
	};

	const printMatches = (step: StepState) => {
		for (const match of options.outputMatches?.(step) ?? []) write(`  ${matchLine(match, style)}`);
	};

	/** Its output, or instead of the resulting object the fields it would change; then the verdict. */
	const printDryRun = (dryRun: DryRunRecord) => {
		const {changes} = dryRun;
		if (!changes && dryRun.outputDropped > 0) write(`    ${style.dim(`… ${dryRun.outputDropped} earlier lines not kept`)}`);
		for (const line of dryRun.output) if (!changes || line.stream !== 'stdout') write(outputLine(line));
		if (changes) {
			for (const text of describeChanges(changes)) write(`    ${text}`);
			const objectLines = dryRun.output.filter(line => line.stream === 'stdout').length + dryRun.outputDropped;
			write(`    ${style.dim(`(the resulting object, ${objectLines} lines, is not shown: only what would change)`)}`);
		}
		if (dryRun.exitCode === undefined) return;
		const accepted = dryRun.exitCode === 0 && !dryRun.error;
		write(`  ${accepted ? style.green('dry run accepted by the server: nothing was changed') : style.red(`dry run rejected: ${dryRun.error ?? `exit code ${dryRun.exitCode}`}`)}`);
	};

	return {
		update(state) {
			for (const step of state.steps) {
				if (step.status === 'pending') continue;
				updateStep(state, step);
			}
			if (state.intent?.type === 'check-resolved' && !checking) {
				checking = true;
				write('');
				write(style.dim('Checking whether the finding is gone…'));
			}
		},
	};
}

/** The command as it will run, for steps that have one. */
function commandLine(step: StepState): string | undefined {
	const kind = step.step.action?.kind;
	if (!kind) return undefined;
	return kind === 'kubectl' || kind === 'sh' ? `$ ${step.display}` : step.display;
}

function verdictLine(state: GuideState, step: StepState, style: Style): string {
	const {verdict} = step;
	const where = `context ${state.context ?? '(default)'}, namespace ${state.values.namespace ?? '(none)'}`;
	if (step.step.action?.kind === 'sh') {
		return style.yellow(style.bold(`⚠ HOST COMMAND: ${verdict.reason}. Read it before you say yes.`));
	}
	const what = verdict.class === 'write' ? style.yellow('writes') : verdict.class === 'read' ? 'reads' : 'checks';
	return `${what} · ${verdict.reason} · ${where}`;
}

function endLine(step: StepState, style: Style): string {
	const took = step.durationMs === undefined ? '' : ` in ${seconds(step.durationMs)}`;
	switch (step.status) {
		case 'succeeded':
			return style.green(step.step.action ? `✓ done${took}${step.exitCode === undefined || step.exitCode === null ? '' : ` (exit ${step.exitCode})`}` : '✓ marked done');
		case 'failed': {
			const why = step.error ?? (step.signal ? `killed by ${step.signal}` : `exit code ${step.exitCode}`);
			const killed = step.signal && step.error ? ` (${step.signal})` : '';
			return style.red(`✗ failed${took}: ${stripControlSequences(why)}${killed}${step.note ? `; ${step.note}` : ''}`);
		}
		default:
			return step.note?.startsWith('refused: ') ? style.red(`✗ ${step.note}`) : style.dim(`– skipped${step.note ? `: ${step.note}` : ''}`);
	}
}

function matchLine(match: OutputMatch, style: Style): string {
	const found = `the output matches ${match.playbook} (${match.title}): ${match.summary}`;
	if (match.same) return style.yellow(`${found}; the problem this run fixes`);
	return style.yellow(match.fix ? `${found}; fix it with: ${formatArgv(match.fix)}` : found);
}

export function seconds(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
