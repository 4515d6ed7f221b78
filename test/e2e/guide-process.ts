// Runs the built `kconsole guide` (dist/cli.js) as a user would, with answers typed on its
// standard input while it runs, HOME and the XDG state dir in a temp dir, and no colours.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {AuditEntry} from '../../source/exec/audit-log.js';
import type {SimHandle} from '../../source/sim/start-sim.js';

export type GuideProcess = {
	stdout(): string;
	stderr(): string;
	/** Resolves once stdout holds the text, counting from `from` (a previous length). */
	waitFor(text: string | RegExp, options?: {from?: number; timeoutMs?: number}): Promise<void>;
	answer(line: string): void;
	end(): void;
	interrupt(): void;
	exit: Promise<number>;
	audit(): AuditEntry[];
	home: string;
};

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

export function spawnGuide(sim: SimHandle | undefined, args: string[], options: {answers?: string} = {}): GuideProcess {
	const home = mkdtempSync(join(tmpdir(), 'kconsole-guide-e2e-'));
	const auditFile = join(home, 'audit.jsonl');
	const child = spawn(process.execPath, [cli, 'guide', ...args, ...(sim ? ['--kubeconfig', sim.kubeconfigPath] : []), '--audit-log', auditFile], {
		env: {...process.env, HOME: home, XDG_STATE_HOME: join(home, 'state'), KUBECONFIG: '', NO_COLOR: '1', FORCE_COLOR: '0'},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const waiters = new Set<() => void>();
	child.stdout.on('data', chunk => {
		stdout += String(chunk);
		for (const waiter of [...waiters]) waiter();
	});
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	if (options.answers !== undefined) child.stdin.end(options.answers);
	const exit = new Promise<number>(resolve => child.on('close', code => resolve(code ?? -1)));
	return {
		stdout: () => stdout,
		stderr: () => stderr,
		async waitFor(text, {from = 0, timeoutMs = 30_000} = {}) {
			const found = () => (typeof text === 'string' ? stdout.indexOf(text, from) !== -1 : text.test(stdout.slice(from)));
			if (found()) return;
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`stdout never showed ${String(text)}; it holds:\n${stdout}\nstderr:\n${stderr}`));
				}, timeoutMs);
				const check = () => {
					if (!found()) return;
					clearTimeout(timer);
					waiters.delete(check);
					resolve();
				};
				waiters.add(check);
				void exit.then(() => setTimeout(check, 0));
			});
		},
		answer: line => child.stdin.write(`${line}\n`),
		end: () => child.stdin.end(),
		interrupt: () => child.kill('SIGINT'),
		exit,
		audit: () => (existsSync(auditFile) ? readFileSync(auditFile, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditEntry) : []),
		home,
	};
}

/** Writes (POST, PUT, PATCH, DELETE) that reached the simulated API, control endpoint excluded. */
export function writesTo(sim: SimHandle) {
	return sim.requests().filter(request => request.method !== 'GET' && !request.path.startsWith('/kconsole-sim/'));
}
