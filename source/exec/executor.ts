// Where actions really run, and so where the policy is enforced: whatever the UI, a playbook
// or an edit asks, `decide()` is asked again right here before anything spawns, the kubectl
// argv is pinned to the session's cluster, and every action run or refused is audited.
import {classify} from '../core/command/classify-command.js';
import {flagValue} from '../core/command/kubectl-argv.js';
import {decide, type Mode} from '../core/command/policy.js';
import type {ActionKind} from '../core/playbook/types.js';
import {currentUser, type AuditEntry, type AuditLog, type ConfirmedBy} from './audit-log.js';
import {targetArgv, type KubectlTarget} from './kubectl-target.js';
import {runProbe} from './probe/run-probe.js';
import {runProcess} from './run-process.js';
import type {LineSink, StepOutcome} from './step-outcome.js';
import {runWait, type FindingsSource, type FreshRead, type WaitStore} from './wait/run-wait.js';
import type {WaitScope} from './wait/wait-condition.js';

export type ExecutorOptions = {
	mode: Mode;
	/** The cluster every kubectl command goes to; `namespace` is recorded in the audit log. */
	target: KubectlTarget & {namespace: string};
	/** Needed by wait steps. */
	store?: WaitStore;
	/** Needed by `wait resolved`. */
	findings?: FindingsSource;
	/** Fresh reads of the session's cluster: rollout waits (see run-wait.ts), a dry run's comparison (dry-run-compare.ts). */
	fresh?: FreshRead;
	audit?: AuditLog;
	/** The kubectl program. Default `kubectl` on PATH. */
	kubectl?: string;
	/** Who is at the keyboard, for the audit log. Default: the OS user. */
	user?: string;
	now?: () => number;
};

/** Which run and step an action belongs to, for the audit log. */
export type ActionRecord = {playbook: string | null; step: number | null; title: string | null; namespace?: string | null};

export type ActionRequest = {
	kind: ActionKind;
	argv: string[];
	/** Values for a sh step, passed in the environment. */
	env?: Record<string, string>;
	timeoutMs: number;
	dryRun: boolean;
	/** Who agreed to run it; null when nobody did. Actions the policy allows outright need no one. */
	confirmedBy: Exclude<ConfirmedBy, 'auto'> | null;
	record: ActionRecord;
	/** What a wait step is about. */
	wait?: WaitScope;
	signal?: AbortSignal;
	onLine: LineSink;
};

export type Executor = {
	readonly mode: Mode;
	/** One GET from the cluster the commands go to; absent when the session has none. */
	readonly fresh?: FreshRead;
	perform(request: ActionRequest): Promise<StepOutcome>;
	/** Audits an action refused before it reached the executor (e.g. the guide skipped a write in read-only). */
	recordRefusal(request: {kind: ActionKind; argv: string[]; reason: string; record: ActionRecord}): Promise<void>;
};

export function createExecutor(options: ExecutorOptions): Executor {
	const {mode, target, audit} = options;
	const now = options.now ?? Date.now;
	const user = options.user ?? currentUser(process.env);
	const kubectl = options.kubectl ?? 'kubectl';

	const write = async (entry: Omit<AuditEntry, 'time' | 'user' | 'context' | 'mode'>, onLine?: LineSink) => {
		if (!audit) return;
		try {
			await audit.append({time: new Date(now()).toISOString(), user, context: target.context, mode, ...entry});
		} catch (error) {
			onLine?.('info', `audit log ${audit.file}: cannot write: ${(error as Error).message}`);
		}
	};
	const base = (request: {kind: ActionKind; argv: string[]; record: ActionRecord; dryRun?: boolean}) => ({
		namespace: request.record.namespace ?? target.namespace,
		playbook: request.record.playbook,
		step: request.record.step,
		title: request.record.title,
		kind: request.kind,
		argv: request.argv,
		dryRun: request.dryRun ?? false,
	});

	const perform = async (request: ActionRequest): Promise<StepOutcome> => {
		const {kind, dryRun, onLine} = request;
		const verdict = decide(mode, {kind, argv: request.argv}, {dryRun});
		const refuse = async (reason: string, argv = request.argv): Promise<StepOutcome> => {
			onLine('info', `refused: ${reason}`);
			await write({...base({...request, argv}), classification: verdict.class, confirmedBy: request.confirmedBy, exitCode: null, durationMs: null, refused: reason}, onLine);
			return {exitCode: null, error: `refused: ${reason}`, durationMs: 0};
		};
		if (verdict.decision === 'deny') return refuse(verdict.reason);
		if (verdict.decision === 'confirm' && request.confirmedBy === null) return refuse(`${verdict.reason}; it runs only once confirmed`);
		// A dry run claims the server keeps nothing: hold the argv to it.
		if (dryRun && (kind !== 'kubectl' || flagValue(request.argv, {long: 'dry-run'}) !== 'server')) return refuse('not a server-side dry run (--dry-run=server)');

		let argv = request.argv;
		let env = request.env;
		if (kind === 'kubectl') {
			const targeted = targetArgv(request.argv, target);
			if (!targeted.ok) return refuse(targeted.error);
			// The argv kubectl gets, session flags included, is what was classified: nothing slips in between.
			if (classify(targeted.argv) !== verdict.class) return refuse('the command reads differently with the session flags added');
			argv = targeted.argv;
			env = {...targeted.env, ...request.env};
		}
		const confirmedBy: ConfirmedBy = verdict.decision === 'allow' ? 'auto' : request.confirmedBy!;
		const outcome = await run(kind, argv, env, request);
		await write({
			...base({...request, argv}),
			...(kind === 'sh' && env && Object.keys(env).length > 0 ? {env} : {}),
			classification: verdict.class,
			confirmedBy,
			exitCode: outcome.exitCode,
			durationMs: outcome.durationMs,
			...(outcome.signal ? {signal: outcome.signal} : {}),
			...(outcome.timedOut ? {timedOut: true} : {}),
			...(outcome.error ? {error: outcome.error} : {}),
		}, onLine);
		return outcome;
	};

	const run = async (kind: ActionKind, argv: string[], env: Record<string, string> | undefined, request: ActionRequest): Promise<StepOutcome> => {
		const {timeoutMs, signal, onLine} = request;
		switch (kind) {
			case 'kubectl':
				return runProcess({argv: [kubectl, ...argv.slice(1)], env, timeoutMs, signal, onLine});
			case 'sh':
				return runProcess({argv, env, timeoutMs, signal, onLine});
			case 'probe':
				return runProbe({argv, timeoutMs, signal, onLine});
			case 'wait':
				if (!options.store) return {exitCode: 1, error: 'this session watches no cluster, so it cannot wait', durationMs: 0};
				return runWait({argv, timeoutMs, signal, onLine, store: options.store, findings: options.findings, fresh: options.fresh, scope: request.wait ?? {namespace: target.namespace}});
		}
	};

	return {
		mode,
		fresh: options.fresh,
		perform,
		async recordRefusal({kind, argv, reason, record}) {
			const verdict = decide(mode, {kind, argv});
			await write({...base({kind, argv, record}), classification: verdict.class, confirmedBy: null, exitCode: null, durationMs: null, refused: reason});
		},
	};
}
