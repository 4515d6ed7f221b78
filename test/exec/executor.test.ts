import {chmod, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type {Mode} from '../../source/core/command/policy.js';
import {openAuditLog, type AuditEntry} from '../../source/exec/audit-log.js';
import {createExecutor, type ActionRequest} from '../../source/exec/executor.js';

/** A stand-in kubectl program: records its argv in a file and prints one line. */
async function setup(mode: Mode) {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'kconsole-executor-'));
	const kubectl = path.join(directory, 'kubectl');
	const ran = path.join(directory, 'ran');
	await writeFile(kubectl, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${ran}'\necho "deployment.apps/web rolled back"\n`);
	await chmod(kubectl, 0o755);
	const auditFile = path.join(directory, 'audit.jsonl');
	const executor = createExecutor({
		mode,
		target: {context: 'kind-dev', kubeconfigPaths: ['/home/ada/.kube/config'], origin: '~/.kube/config', namespace: 'shop'},
		audit: openAuditLog(auditFile),
		kubectl,
		user: 'ada',
	});
	const lines: string[] = [];
	const request = (change: Partial<ActionRequest>): ActionRequest => ({
		kind: 'kubectl',
		argv: ['kubectl', 'rollout', 'undo', 'deployment/web', '-n', 'shop'],
		timeoutMs: 10_000,
		dryRun: false,
		confirmedBy: 'user',
		record: {playbook: 'image-pull', step: 2, title: 'Roll back'},
		onLine: (_stream, line) => lines.push(line),
		...change,
	});
	return {
		executor,
		request,
		lines,
		ranArgv: async () => (existsSync(ran) ? (await readFile(ran, 'utf8')).trimEnd().split('\n') : null),
		audit: async () => (existsSync(auditFile) ? (await readFile(auditFile, 'utf8')).trimEnd().split('\n').map(line => JSON.parse(line) as AuditEntry) : []),
	};
}

test('a confirmed write runs against the session cluster and is audited', async t => {
	const {executor, request, ranArgv, audit, lines} = await setup('read-write');
	const outcome = await executor.perform(request({}));
	t.is(outcome.exitCode, 0);
	t.deepEqual(await ranArgv(), ['--kubeconfig=/home/ada/.kube/config', '--context=kind-dev', 'rollout', 'undo', 'deployment/web', '-n', 'shop']);
	t.deepEqual(lines, ['deployment.apps/web rolled back']);
	const [entry] = await audit();
	t.like(entry, {user: 'ada', context: 'kind-dev', namespace: 'shop', playbook: 'image-pull', step: 2, title: 'Roll back', kind: 'kubectl', classification: 'write', confirmedBy: 'user', exitCode: 0, mode: 'read-write', dryRun: false});
	t.deepEqual(entry.argv, ['kubectl', '--kubeconfig=/home/ada/.kube/config', '--context=kind-dev', 'rollout', 'undo', 'deployment/web', '-n', 'shop']);
	t.is(typeof entry.durationMs, 'number');
});

type Refusal = {name: string; mode: Mode; change: Partial<ActionRequest>; reason: RegExp};

const refusals: Refusal[] = [
	{name: 'a write in read-only', mode: 'read-only', change: {}, reason: /read-only session: `kubectl rollout undo` changes the cluster/},
	{name: 'a write in read-only even when confirmed with --yes', mode: 'read-only', change: {confirmedBy: '--yes'}, reason: /read-only session/},
	{name: 'a sh step in read-only', mode: 'read-only', change: {kind: 'sh', argv: ['/bin/sh', '-c', 'touch /tmp/x']}, reason: /read-only session: host commands never run/},
	{name: 'a dry run in read-only', mode: 'read-only', change: {dryRun: true, argv: ['kubectl', 'rollout', 'undo', 'deployment/web', '--dry-run=server']}, reason: /a dry run of `kubectl rollout undo` still sends a write request/},
	{name: 'a write nobody confirmed', mode: 'read-write', change: {confirmedBy: null}, reason: /runs only once confirmed/},
	{name: 'a read nobody confirmed', mode: 'read-write', change: {confirmedBy: null, argv: ['kubectl', 'get', 'pods']}, reason: /runs only once confirmed/},
	{name: 'a "dry run" that is not one', mode: 'read-write', change: {dryRun: true}, reason: /not a server-side dry run/},
	{name: 'a command aimed at another context', mode: 'read-write', change: {argv: ['kubectl', '--context', 'prod', 'rollout', 'undo', 'deployment/web']}, reason: /names context "prod"/},
];

for (const {name, mode, change, reason} of refusals) {
	test(`refused and never spawned: ${name}`, async t => {
		const {executor, request, ranArgv, audit, lines} = await setup(mode);
		const outcome = await executor.perform(request(change));
		t.is(outcome.exitCode, null);
		t.regex(outcome.error ?? '', reason);
		t.is(await ranArgv(), null, 'no process ran');
		t.regex(lines[0], /^refused: /);
		const [entry] = await audit();
		t.regex(entry.refused ?? '', reason);
		t.like(entry, {exitCode: null, durationMs: null, mode});
	});
}

test('a server-side dry run runs in read-write and is audited as one', async t => {
	const {executor, request, ranArgv, audit} = await setup('read-write');
	await executor.perform(request({dryRun: true, argv: ['kubectl', 'rollout', 'undo', 'deployment/web', '--dry-run=server', '-o', 'yaml']}));
	t.deepEqual((await ranArgv())?.slice(-3), ['--dry-run=server', '-o', 'yaml']);
	t.like((await audit())[0], {dryRun: true, classification: 'write', confirmedBy: 'user'});
});

test('probes need nobody\'s confirmation and are audited as auto', async t => {
	const {executor, request, audit, lines} = await setup('read-only');
	const outcome = await executor.perform(request({kind: 'probe', argv: ['dns', 'localhost'], confirmedBy: null}));
	t.is(outcome.exitCode, 0);
	t.regex(lines[0], /^dns localhost/);
	t.like((await audit())[0], {kind: 'probe', confirmedBy: 'auto', classification: null, exitCode: 0});
});

test('a sh step runs with its values in the environment, and they are audited', async t => {
	const {executor, request, audit, lines} = await setup('read-write');
	const outcome = await executor.perform(request({kind: 'sh', argv: ['/bin/sh', '-c', 'echo "port ${KCONSOLE_port}"'], env: {KCONSOLE_port: '31611'}, confirmedBy: '--yes'}));
	t.is(outcome.exitCode, 0);
	t.deepEqual(lines, ['port 31611']);
	t.like((await audit())[0], {kind: 'sh', confirmedBy: '--yes', env: {KCONSOLE_port: '31611'}});
});

test('a refusal made before the executor is audited too', async t => {
	const {executor, audit} = await setup('read-only');
	await executor.recordRefusal({kind: 'kubectl', argv: ['kubectl', 'delete', 'pod', 'web'], reason: 'read-only session: `kubectl delete` changes the cluster', record: {playbook: 'image-pull', step: 3, title: 'Delete'}});
	t.like((await audit())[0], {refused: 'read-only session: `kubectl delete` changes the cluster', classification: 'write', confirmedBy: null, step: 3});
});
