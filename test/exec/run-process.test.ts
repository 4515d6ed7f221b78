import {performance} from 'node:perf_hooks';
import test from 'ava';
import {runProcess} from '../../source/exec/run-process.js';

type Line = {stream: string; line: string};

async function run(argv: string[], options: {timeoutMs?: number; signal?: AbortSignal; env?: Record<string, string>} = {}) {
	const lines: Line[] = [];
	const outcome = await runProcess({argv, timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal, env: options.env, onLine: (stream, line) => lines.push({stream, line})});
	return {outcome, lines};
}

test('stdout and stderr arrive line by line with the exit code', async t => {
	const {outcome, lines} = await run(['/bin/sh', '-c', 'printf "one\\ntwo\\r\\n"; echo oops >&2; printf last; exit 3']);
	t.is(outcome.exitCode, 3);
	t.is(outcome.error, undefined);
	t.deepEqual(lines.filter(line => line.stream === 'stdout').map(line => line.line), ['one', 'two', 'last']);
	t.deepEqual(lines.filter(line => line.stream === 'stderr'), [{stream: 'stderr', line: 'oops'}]);
	t.true(outcome.durationMs >= 0);
});

test('control sequences are stripped from output lines', async t => {
	const {lines} = await run(['/bin/sh', '-c', 'printf "\\033]0;pwned\\007\\033[31mred\\033[0m\\n"']);
	t.deepEqual(lines.map(line => line.line), ['red']);
});

test('values travel in the environment', async t => {
	const {lines} = await run(['/bin/sh', '-c', 'echo "$KCONSOLE_pod"'], {env: {KCONSOLE_pod: 'web-1; rm -rf /'}});
	t.deepEqual(lines.map(line => line.line), ['web-1; rm -rf /']);
});

test('a process that outlives its timeout is stopped, children included', async t => {
	const started = performance.now();
	const {outcome} = await run(['/bin/sh', '-c', 'sleep 30; echo never'], {timeoutMs: 300});
	t.true(outcome.timedOut);
	t.is(outcome.exitCode, null);
	t.is(outcome.signal, 'SIGTERM');
	t.true(performance.now() - started < 5000, 'the sleep did not hold the pipes open');
});

test('aborting the signal cancels the process', async t => {
	const controller = new AbortController();
	const lines: string[] = [];
	const outcome = await runProcess({
		argv: ['/bin/sh', '-c', 'echo started; sleep 30'],
		timeoutMs: 10_000,
		signal: controller.signal,
		// Cancel once the process has shown it runs.
		onLine(_stream, line) {
			lines.push(line);
			controller.abort();
		},
	});
	t.is(outcome.error, 'cancelled');
	t.is(outcome.signal, 'SIGTERM');
	t.deepEqual(lines, ['started']);
});

test('a missing program is reported, not thrown', async t => {
	const {outcome} = await run(['kconsole-no-such-program']);
	t.is(outcome.exitCode, null);
	t.regex(outcome.error ?? '', /cannot run kconsole-no-such-program: not found/);
});
