// Runs one argv (never a shell string: a sh step's argv is `/bin/sh -c SCRIPT` built by
// shell-command.ts) with a time limit and a cancel signal, streaming its output line by line.
// The process gets its own process group so a timeout or cancel stops its children too
// (`sh -c 'sleep 30; …'` would otherwise leave the sleep holding our pipes).
import {performance} from 'node:perf_hooks';
import {execa} from 'execa';
import {lineSplitter} from './line-splitter.js';
import type {LineSink, StepOutcome} from './step-outcome.js';

export type ProcessRequest = {
	argv: string[];
	/** Added to this process's environment. */
	env?: Record<string, string>;
	timeoutMs: number;
	/** Aborting it stops the process (SIGTERM to its group, SIGKILL after the grace period). */
	signal?: AbortSignal;
	onLine: LineSink;
	/** Time between SIGTERM and SIGKILL. Default 2 s. */
	graceMs?: number;
};

export async function runProcess(request: ProcessRequest): Promise<StepOutcome> {
	const {argv, env, timeoutMs, signal, onLine, graceMs = 2000} = request;
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	if (signal?.aborted) return {exitCode: null, error: 'cancelled before it started', durationMs: 0};
	const subprocess = execa(argv[0], argv.slice(1), {
		env,
		extendEnv: true,
		stdin: 'ignore',
		buffer: false,
		reject: false,
		detached: true,
		encoding: 'utf8',
		stripFinalNewline: false,
	});
	const splitters = {
		stdout: lineSplitter(line => onLine('stdout', line)),
		stderr: lineSplitter(line => onLine('stderr', line)),
	};
	for (const name of ['stdout', 'stderr'] as const) {
		const stream = subprocess[name];
		stream?.setEncoding('utf8');
		stream?.on('data', (chunk: string) => splitters[name].push(chunk));
		stream?.on('end', () => splitters[name].end());
	}

	let stopped: 'timeout' | 'cancel' | undefined;
	let forceTimer: NodeJS.Timeout | undefined;
	const killGroup = (name: NodeJS.Signals) => {
		if (subprocess.pid === undefined) return;
		try {
			// A negative pid is the whole process group the detached child leads.
			process.kill(-subprocess.pid, name);
		} catch {
			// Already gone.
		}
	};
	const stop = (why: 'timeout' | 'cancel') => {
		if (stopped) return;
		stopped = why;
		killGroup('SIGTERM');
		forceTimer = setTimeout(() => killGroup('SIGKILL'), graceMs);
	};
	const timer = setTimeout(() => stop('timeout'), timeoutMs);
	const onAbort = () => stop('cancel');
	signal?.addEventListener('abort', onAbort, {once: true});

	const result = await subprocess;
	clearTimeout(timer);
	clearTimeout(forceTimer);
	signal?.removeEventListener('abort', onAbort);
	splitters.stdout.end();
	splitters.stderr.end();

	const outcome: StepOutcome = {exitCode: result.exitCode ?? null, durationMs: elapsed()};
	if (result.signal) outcome.signal = result.signal;
	if (stopped === 'timeout') outcome.timedOut = true;
	else if (stopped === 'cancel') outcome.error = 'cancelled';
	else if (result.failed && result.exitCode === undefined && !result.signal) outcome.error = spawnError(argv[0], result);
	return outcome;
}

/** Why the process never ran, in one line. */
function spawnError(file: string, result: {code?: string; originalMessage?: string; shortMessage?: string}): string {
	if (result.code === 'ENOENT') return `cannot run ${file}: not found (is it installed and on PATH?)`;
	if (result.code === 'EACCES') return `cannot run ${file}: permission denied`;
	return `cannot run ${file}: ${result.originalMessage ?? result.shortMessage ?? 'unknown error'}`;
}
