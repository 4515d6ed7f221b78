// The driver of a guided run, for any front end (line mode, the console, an SSH session):
// it holds the guide state, performs the reducer's `intent` through the executor after every
// change, feeds output and results back as actions, and cancels what runs when the intent
// moves on. After a dry run that printed the resulting object it reads the object as it is now
// and tells the reducer what would change. A command that fails hands its output to the live
// findings as a text, so a client-side failure (forbidden, a port in use) is recognised like
// any other. The front end only renders `getState()` and dispatches the user's choices.
import {printsResultingObject} from '../core/command/dry-run.js';
import {formatArgv} from '../core/command/split-command-line.js';
import {findingKey} from '../core/match/types.js';
import {guideReducer} from '../core/guide/guide-reducer.js';
import type {GuideAction, GuideState, Intent, StepState} from '../core/guide/guide-state.js';
import {madeChange} from '../core/guide/unmade-change.js';
import {oneLine} from '../core/text/one-line.js';
import {redactArgv, redactSecrets} from '../core/text/redact.js';
import type {ConfirmedBy} from './audit-log.js';
import {collectPrinted, compareDryRun} from './dry-run-compare.js';
import type {ActionRecord, Executor} from './executor.js';
import type {TextSink} from './recent-texts.js';
import type {StepOutcome} from './step-outcome.js';
import type {FindingsSource} from './wait/run-wait.js';

export type GuideSessionOptions = {
	/** A run from `createRun(...)`; the session starts performing its intent at once. */
	run: GuideState;
	executor: Executor;
	/** The live findings, for `wait resolved` and the final check. */
	findings: FindingsSource;
	/** Where a failed kubectl or sh step's output goes to be matched (a RecentTexts over the live findings); absent: nowhere. */
	outputs?: TextSink;
	/** Who confirms this session's steps: the user, or `--yes` given up front. */
	confirmedBy?: Exclude<ConfirmedBy, 'auto'>;
	/** The final check waits this long for the finding to go (findings follow the store). Default 5 s. */
	resolveGraceMs?: number;
	now?: () => number;
};

export type GuideSession = {
	getState(): GuideState;
	/** Called after every state change, synchronously. */
	subscribe(listener: () => void): () => void;
	dispatch(action: GuideAction): void;
	/** Stops what the current step runs (a Ctrl-C): the step is reported failed and the run goes on. */
	cancelStep(): void;
	/** The text name under which the step's failed output is matched now (see stepOutputName); undefined when none is. */
	outputName(stepIndex: number): string | undefined;
	/** Resolves with the final state once the run is finished (and checked) or aborted. */
	settled(): Promise<GuideState>;
	/** Stops whatever runs and lets go of everything; the state stays readable. */
	dispose(): void;
};

export function createGuideSession(options: GuideSessionOptions): GuideSession {
	const {executor, findings, outputs} = options;
	const now = options.now ?? Date.now;
	const confirmedBy = options.confirmedBy ?? 'user';
	const graceMs = options.resolveGraceMs ?? 5000;
	let state = options.run;
	let performing: {id: number; controller: AbortController} | undefined;
	let disposed = false;
	const listeners = new Set<() => void>();
	const settledWaiters = new Set<(state: GuideState) => void>();
	/** Text names this session's failed steps were matched under, by step index. */
	const fed = new Map<number, string>();

	const isSettled = () => state.status !== 'running' && state.intent === null;

	const dispatch = (action: GuideAction) => {
		if (disposed) return;
		const previous = state;
		state = guideReducer(state, action);
		if (state === previous) return;
		auditRefusals(previous, state);
		reconcile();
		for (const listener of [...listeners]) listener();
		if (isSettled()) {
			for (const resolve of [...settledWaiters]) resolve(state);
			settledWaiters.clear();
		}
	};

	/** The intent is the one thing to do: start it if new, cancel the old one if it changed. */
	const reconcile = () => {
		const intent = state.intent;
		if (performing && performing.id !== intent?.id) {
			performing.controller.abort();
			performing = undefined;
		}
		if (!intent || performing || disposed) return;
		const controller = new AbortController();
		performing = {id: intent.id, controller};
		void perform(intent, controller.signal).finally(() => {
			if (performing?.id === intent.id) performing = undefined;
		});
	};

	const perform = async (intent: Intent, signal: AbortSignal) => {
		if (intent.type === 'check-resolved') {
			// Cut short by a cancel, the check answers with what it sees now; a stale id is ignored.
			const gone = await findingGone(signal);
			// A text changes only when the command that printed it runs again: still there says nothing.
			dispatch({type: 'resolved', intentId: intent.id, value: gone || state.finding.kind !== 'Text' ? gone : null, now: now()});
			return;
		}
		const step = state.steps[intent.stepIndex];
		const dryRun = intent.type === 'exec' && intent.dryRun;
		// The step's output keeps only its last lines: the resulting object is collected whole here.
		const printed = dryRun && printsResultingObject(intent.argv) ? collectPrinted() : undefined;
		const outcome = await executor.perform({
			kind: intent.type === 'exec' ? intent.kind : intent.type,
			argv: intent.argv,
			env: intent.type === 'exec' ? intent.env : undefined,
			timeoutMs: intent.timeoutMs,
			dryRun,
			confirmedBy,
			record: record(step),
			wait: {namespace: state.values.namespace ?? state.finding.namespace, finding: state.finding, deployment: state.values.deployment},
			signal,
			onLine(stream, line) {
				if (stream === 'stdout') printed?.push(line);
				dispatch({type: 'output', intentId: intent.id, stream, line});
			},
		});
		const text = printed?.text();
		if (text !== undefined && executor.fresh && outcome.exitCode === 0 && !outcome.error && !signal.aborted) {
			const compared = await compareDryRun(text, executor.fresh);
			if (compared && 'changes' in compared) dispatch({type: 'dry-run-changes', intentId: intent.id, changes: compared.changes});
			else if (compared) dispatch({type: 'output', intentId: intent.id, stream: 'info', line: compared.note});
		}
		// Before the result, so whoever sees the step end can already see what its output matches.
		if (intent.type === 'exec' && !signal.aborted) feedOutput(intent.stepIndex, dryRun, outcome);
		dispatch({type: 'result', intentId: intent.id, ...outcome, now: now()});
	};

	/** Whether the run's finding has left the live findings, giving them a moment to catch up. */
	const findingGone = async (signal: AbortSignal): Promise<boolean> => {
		const key = findingKey(state.finding);
		const gone = () => !findings.findings().some(finding => findingKey(finding) === key);
		// The grace is for the watches to catch up with a change; when nothing was changed, look once.
		if (gone() || graceMs <= 0 || !madeChange(state.steps)) return gone();
		return new Promise(resolve => {
			const finish = () => {
				clearTimeout(timer);
				unsubscribe();
				signal.removeEventListener('abort', finish);
				resolve(gone());
			};
			const unsubscribe = findings.subscribe(() => gone() && finish());
			const timer = setTimeout(finish, graceMs);
			signal.addEventListener('abort', finish, {once: true});
		});
	};

	/**
	 * A failed command's stdout and stderr become the text of its step (a dry run's too: it is the
	 * same command); a success removes it, since that command works now. One text per step: an
	 * edited command's earlier output goes.
	 */
	const feedOutput = (stepIndex: number, dryRun: boolean, outcome: StepOutcome) => {
		if (!outputs) return;
		const step = state.steps[stepIndex];
		const failed = outcome.exitCode !== 0 || outcome.error !== undefined || outcome.signal !== undefined || outcome.timedOut === true;
		const lines = (dryRun ? step.dryRun?.output : step.output) ?? [];
		const text = failed ? lines.filter(line => line.stream !== 'info').map(line => line.line).join('\n') : '';
		const name = stepOutputName(step);
		const previous = fed.get(stepIndex);
		if (previous !== undefined && previous !== name) outputs.setText(previous, null);
		if (text.trim() === '') {
			fed.delete(stepIndex);
			outputs.setText(name, null);
		} else {
			fed.set(stepIndex, name);
			outputs.setText(name, text);
		}
	};

	const record = (step: StepState): ActionRecord => ({
		playbook: state.playbook.id,
		step: step.index + 1,
		title: step.step.title,
		namespace: state.values.namespace ?? state.finding.namespace,
	});

	/** Steps the reducer refused (read-only) never reach the executor; they are audited all the same. */
	const auditRefusals = (before: GuideState, after: GuideState) => {
		for (const step of after.steps) {
			const was = before.steps[step.index];
			if (step.status !== 'skipped' || was.status === 'skipped' || !step.note?.startsWith('refused: ') || !step.step.action) continue;
			const {kind, argv} = step.step.action;
			void executor.recordRefusal({kind, argv: step.argv ?? argv, reason: step.note.slice('refused: '.length), record: record(step)});
		}
	};

	// The run may already have refused steps and started one before the session existed.
	const initial = options.run;
	auditRefusals({...initial, steps: initial.steps.map(step => ({...step, status: 'pending'}))}, initial);
	reconcile();

	return {
		getState: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		dispatch,
		cancelStep() {
			performing?.controller.abort();
		},
		outputName: stepIndex => fed.get(stepIndex),
		async settled() {
			if (isSettled()) return state;
			return new Promise(resolve => settledWaiters.add(resolve));
		},
		dispose() {
			disposed = true;
			performing?.controller.abort();
			performing = undefined;
			listeners.clear();
		},
	};
}

const commandWidth = 120;

/**
 * `output of step 2: kubectl create clusterrole …`: which step, and enough of its command to know
 * it again. Secrets in the command are redacted: the name is shown to everyone who sees the findings.
 */
export function stepOutputName(step: Pick<StepState, 'index' | 'display' | 'argv' | 'step'>): string {
	const command = oneLine(step.step.action?.kind === 'kubectl' && step.argv ? formatArgv(redactArgv(step.argv)) : redactSecrets(step.display));
	return `output of step ${step.index + 1}: ${command.length > commandWidth ? `${command.slice(0, commandWidth - 1)}…` : command}`;
}
