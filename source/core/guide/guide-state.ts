// The state of one guided run: a playbook (and variant) applied to one finding, step by step.
// The reducer (guide-reducer.ts) is the only thing that changes it; a driver performs `intent`.
import type {Mode, Verdict} from '../command/policy.js';
import type {Finding} from '../match/types.js';
import type {DryRunChanges} from './dry-run-changes.js';
import type {Playbook, Step, Variant} from '../playbook/types.js';

export type StepStatus = 'pending' | 'awaiting-input' | 'awaiting-confirmation' | 'running' | 'succeeded' | 'failed' | 'skipped';

export type OutputLine = {stream: 'stdout' | 'stderr' | 'info'; line: string};

/** A question the step asks before it can run (`ask=NAME`). */
export type StepQuestion = {
	name: string;
	prompt: string;
	/** Filled from the values; absent when the template needs a value nobody has. */
	default?: string;
};

export type DryRunRecord = {
	argv: string[];
	output: OutputLine[];
	outputDropped: number;
	/** Absent while the dry run is in flight. */
	exitCode?: number | null;
	error?: string;
	timedOut?: boolean;
	durationMs?: number;
	/** What the write would change, when the dry run printed the resulting object and the session compared it with the object now. */
	changes?: DryRunChanges;
};

export type StepState = {
	index: number;
	step: Step;
	status: StepStatus;
	/** Exactly what runs (placeholders filled); absent while it cannot be built. */
	argv?: string[];
	/** Environment for a sh step (its values travel here, never inside the shell text). */
	env?: Record<string, string>;
	/** What the user sees: the quoted argv, `probe …`/`wait …`, or a manual step's prose. */
	display: string;
	verdict: Verdict;
	question?: StepQuestion;
	/** Why the step cannot run as shown (missing or invalid value, bad edit), or why it failed. */
	error?: string;
	edited: boolean;
	/** The last lines of output; `outputDropped` counts the older ones let go. */
	output: OutputLine[];
	outputDropped: number;
	dryRun?: DryRunRecord;
	exitCode?: number | null;
	signal?: string;
	timedOut?: boolean;
	durationMs?: number;
	startedAt?: number;
	finishedAt?: number;
	/** Context for the record, e.g. why the step was refused in read-only. */
	note?: string;
};

export type ExecIntent = {id: number; type: 'exec'; stepIndex: number; kind: 'kubectl' | 'sh'; argv: string[]; env?: Record<string, string>; timeoutMs: number; dryRun: boolean};
export type ProbeIntent = {id: number; type: 'probe'; stepIndex: number; argv: string[]; timeoutMs: number};
export type WaitIntent = {id: number; type: 'wait'; stepIndex: number; argv: string[]; timeoutMs: number};
/** Asked once all steps are done, so the driver can tell whether the finding is gone. */
export type CheckResolvedIntent = {id: number; type: 'check-resolved'};

/**
 * The one effect the driver must perform now. When it changes (or becomes null) the driver
 * cancels whatever it was doing for the previous one; results carry the intent id.
 */
export type Intent = ExecIntent | ProbeIntent | WaitIntent | CheckResolvedIntent;

export type GuideState = {
	playbook: Playbook;
	variant: Variant | null;
	finding: Finding;
	mode: Mode;
	/** The kube context the run targets, for display and the report. */
	context?: string;
	steps: StepState[];
	/** Index of the step being decided or run; steps.length once all are done. */
	current: number;
	/** Placeholder values: finding, context, answers and earlier steps' captures. */
	values: Record<string, string>;
	/** Answers to `ask=` questions so far (including --set presets); a later ask of the same name reuses it. */
	answers: Record<string, string>;
	status: 'running' | 'finished' | 'aborted';
	intent: Intent | null;
	/** Last intent id handed out; ids only grow, so late results are recognised. */
	lastIntentId: number;
	startedAt: number;
	finishedAt?: number;
	/**
	 * Whether the finding was gone after the last step; absent until checked. Null: it could not
	 * be told, because the finding is about a text that only changes when its command runs again.
	 */
	resolved?: boolean | null;
};

export type GuideAction =
	| {type: 'answer'; value: string; now: number}
	| {type: 'confirm'; now: number}
	| {type: 'dry-run'; now: number}
	| {type: 'edit'; text: string; now: number}
	| {type: 'skip'; now: number}
	| {type: 'abort'; now: number}
	| {type: 'output'; intentId: number; stream: OutputLine['stream']; line: string}
	/** Sent by the session before a dry run's result: the resulting object compared with the object now. */
	| {type: 'dry-run-changes'; intentId: number; changes: DryRunChanges}
	| {type: 'result'; intentId: number; exitCode: number | null; signal?: string; timedOut?: boolean; error?: string; durationMs: number; now: number}
	| {type: 'resolved'; intentId: number; value: boolean | null; now: number};

/** Why a run ends without a verdict when `resolved` is null, for every front end and the report. */
export const textUnchecked = 'the finding is about output, which changes only when the command that printed it runs again';

/** Lines of output kept per step (and per dry run); older ones are counted, not kept. */
export const outputLimit = 500;
