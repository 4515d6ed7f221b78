// `kconsole guide` without a full-screen UI: the session performs the steps, this loop asks
// the user whenever the run waits for them and prints the transcript as the state changes.
// Ctrl-C while a step runs stops that step; a second Ctrl-C, or one at a prompt, aborts.
import type {Writable} from 'node:stream';
import {splitCommandLine} from '../core/command/split-command-line.js';
import {canConfirm, canDryRun, canEdit, currentStep} from '../core/guide/guide-selectors.js';
import type {GuideState, StepState} from '../core/guide/guide-state.js';
import type {GuideSession} from '../exec/guide-session.js';
import {targetArgv, type KubectlTarget} from '../exec/kubectl-target.js';
import {interrupted, type Answer, type AnswerReader} from './guide-answers.js';
import {createRunPrinter, type RunPrinterOptions, type Style} from './guide-printer.js';

export type LineModeOptions = {
	session: GuideSession;
	out: Writable;
	style: Style;
	/** `--yes`: every confirmation answered yes, questions take their default. */
	yes: boolean;
	/** For checking an edited kubectl command before it is handed to the run. */
	target: KubectlTarget;
	/** What a failed step's output matches, printed under the step. */
	outputMatches?: RunPrinterOptions['outputMatches'];
	now?: () => number;
};

export type LineMode = {
	/** Binds the reader (it reports Ctrl-C back through `interrupt`). */
	attach(reader: AnswerReader): void;
	/** Resolves with the final state; `problem` is set when the run could not go on unattended. */
	run(): Promise<{state: GuideState; problem?: string}>;
	/** Ctrl-C. */
	interrupt(): void;
};

type Choice = {key: string; label: string; words: string[]};

export function createLineMode(options: LineModeOptions): LineMode {
	const {session, out, style, yes, target} = options;
	const now = options.now ?? Date.now;
	let reader: AnswerReader | undefined;
	let cancelAsk: (() => void) | undefined;
	let stoppedIntent: number | undefined;
	let problem: string | undefined;
	const write = (line: string) => out.write(`${line}\n`);

	const ask = async (prompt: string, prefill?: string): Promise<Answer> => {
		const cancelled = new Promise<Answer>(resolve => {
			cancelAsk = () => resolve(interrupted);
		});
		try {
			return await Promise.race([reader!.ask(prompt, {prefill}), cancelled]);
		} finally {
			cancelAsk = undefined;
		}
	};

	const abort = (why: string) => {
		write(style.red(why));
		session.dispatch({type: 'abort', now: now()});
	};

	const answerQuestion = async (step: StepState) => {
		const question = step.question!;
		if (yes) {
			if (question.default === undefined) {
				problem = `step ${step.index + 1} asks for {{${question.name}}} and has no default: answer it in advance with --set ${question.name}=VALUE`;
				return abort(`Aborted: ${problem}.`);
			}
			write(`  ${question.prompt}: ${question.default} (default, --yes)`);
			return session.dispatch({type: 'answer', value: '', now: now()});
		}
		const answer = await ask(`  ${question.prompt}${question.default === undefined ? '' : ` [${question.default}]`}: `);
		if (answer === null || answer === interrupted) return abort('Aborted: no answer.');
		session.dispatch({type: 'answer', value: answer, now: now()});
	};

	const confirmStep = async (state: GuideState, step: StepState) => {
		const manual = !step.step.action;
		const choices: Choice[] = [
			...(canConfirm(state) ? [{key: 'y', label: manual ? '[y]es, it is done' : '[y]es', words: ['y', 'yes']}] : []),
			{key: 'n', label: manual ? '[n]o, skip it' : '[n]o, skip', words: ['n', 'no', 's', 'skip']},
			...(canEdit(state) ? [{key: 'e', label: '[e]dit', words: ['e', 'edit']}] : []),
			...(canDryRun(state) ? [{key: 'd', label: '[d]ry-run', words: ['d', 'dry-run', 'dry']}] : []),
			{key: 'a', label: '[a]bort', words: ['a', 'abort', 'q', 'quit']},
		];
		if (manual) write(`  ${style.dim('Manual step: kconsole runs nothing here. Do what it says, then answer y.')}`);
		const question = `${manual ? 'Done?' : 'Run?'} ${choices.map(choice => choice.label).join(' / ')}: `;
		if (yes) {
			if (canConfirm(state)) {
				write(`${question}yes (--yes)`);
				return session.dispatch({type: 'confirm', now: now()});
			}
			write(`${question}skip (--yes cannot run it: ${step.error ?? step.verdict.reason})`);
			return session.dispatch({type: 'skip', now: now()});
		}
		const answer = await ask(question);
		if (answer === null || answer === interrupted) return abort('Aborted.');
		const choice = choices.find(each => each.words.includes(answer.trim().toLowerCase()));
		if (!choice) return write(`  answer ${choices.map(each => each.key).join(', ')}`);
		switch (choice.key) {
			case 'y':
				return session.dispatch({type: 'confirm', now: now()});
			case 'n':
				return session.dispatch({type: 'skip', now: now()});
			case 'd':
				return session.dispatch({type: 'dry-run', now: now()});
			case 'a':
				return abort('Aborted.');
			default:
				return editStep(step);
		}
	};

	const editStep = async (step: StepState) => {
		const kind = step.step.action!.kind;
		const shown = kind === 'probe' || kind === 'wait' ? step.display.slice(kind.length + 1) : step.display;
		const text = await ask('  command: ', shown);
		if (text === null || text === interrupted) return abort('Aborted.');
		if (kind === 'kubectl') {
			const split = splitCommandLine(text);
			const aimed = split.ok && split.argv[0] === 'kubectl' ? targetArgv(split.argv, target) : undefined;
			// Caught here so the user can edit again; the executor refuses it anyway.
			if (aimed && !aimed.ok) return write(`  ${style.red(`✗ refused: ${aimed.error}`)}`);
		}
		session.dispatch({type: 'edit', text, now: now()});
	};

	return {
		attach(attached) {
			reader = attached;
		},
		async run() {
			const printer = createRunPrinter(out, style, {outputMatches: options.outputMatches});
			let wake: (() => void) | undefined;
			const unsubscribe = session.subscribe(() => {
				printer.update(session.getState());
				wake?.();
			});
			printer.update(session.getState());
			const changed = async () => new Promise<void>(resolve => {
				wake = resolve;
			});
			for (;;) {
				const state = session.getState();
				const step = currentStep(state);
				if (state.status !== 'running' && state.intent === null) break;
				if (state.status !== 'running' || state.intent !== null || !step) {
					await changed();
				} else if (step.status === 'awaiting-input') {
					await answerQuestion(step);
				} else if (step.status === 'awaiting-confirmation') {
					await confirmStep(state, step);
				} else {
					await changed();
				}
			}
			unsubscribe();
			return {state: session.getState(), problem};
		},
		interrupt() {
			if (cancelAsk) return cancelAsk();
			const intent = session.getState().intent;
			if (!intent) return abort('Aborted.');
			if (intent.type === 'check-resolved') return session.cancelStep();
			if (stoppedIntent === intent.id) return abort('Aborted.');
			stoppedIntent = intent.id;
			write(style.yellow('^C: stopping this step (press Ctrl-C again to abort the run)'));
			session.cancelStep();
		},
	};
}
