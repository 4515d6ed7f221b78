// Runs the built `kconsole guide` (dist/cli.js) as a user would, with answers typed on its
// standard input while it runs, HOME and the XDG state dir in a temp dir, and no colours.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {AuditEntry} from '../../source/exec/audit-log.js';
import type {SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';

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
	/** The incident report, when spawned with `report: true`. */
	report(): string;
	home: string;
};

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

export function spawnGuide(sim: SimHandle | undefined, args: string[], options: {answers?: string; report?: boolean} = {}): GuideProcess {
	const home = mkdtempSync(join(tmpdir(), 'kconsole-guide-e2e-'));
	const auditFile = join(home, 'audit.jsonl');
	const reportFile = join(home, 'reports', 'incident.md');
	const extra = [...(sim ? ['--kubeconfig', sim.kubeconfigPath] : []), '--audit-log', auditFile, ...(options.report ? ['--report', reportFile] : [])];
	const child = spawn(process.execPath, [cli, 'guide', ...args, ...extra], {
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
		async waitFor(text, {from = 0, timeoutMs = 60_000} = {}) {
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
		report: () => readFileSync(reportFile, 'utf8'),
		home,
	};
}

/** Writes (POST, PUT, PATCH, DELETE) that reached the simulated API, control endpoint excluded. */
export function writesTo(sim: SimHandle) {
	return sim.requests().filter(request => request.method !== 'GET' && !request.path.startsWith('/kconsole-sim/'));
}

/** The image-tag-not-found scenario's failing pod, once the kubelet has given up pulling (`namespace/name`). */
export async function failingPod(sim: SimHandle, namespace: string, timeoutMs = 60_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const pod = sim.store.list(resourceFor('Pod')).find(each =>
			each.metadata.namespace === namespace && !each.metadata.deletionTimestamp
			&& (each.status?.containerStatuses ?? []).some((status: {state?: {waiting?: {reason?: string}}}) => /^(ErrImagePull|ImagePullBackOff)$/.test(status.state?.waiting?.reason ?? '')));
		if (pod) return `${namespace}/${pod.metadata.name}`;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	throw new Error(`no pod in ${namespace} failed to pull within ${timeoutMs} ms`);
}
