import {mkdtemp, readFile, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {defaultAuditLogPath, openAuditLog, type AuditEntry} from '../../source/exec/audit-log.js';

function entry(change: Partial<AuditEntry> = {}): AuditEntry {
	return {
		time: '2025-03-14T09:30:00.000Z',
		user: 'ada',
		context: 'kind-dev',
		namespace: 'shop',
		playbook: 'image-pull',
		step: 2,
		title: 'Roll back',
		kind: 'kubectl',
		argv: ['kubectl', 'rollout', 'undo', 'deployment/web'],
		classification: 'write',
		confirmedBy: 'user',
		exitCode: 0,
		durationMs: 120,
		mode: 'read-write',
		dryRun: false,
		...change,
	};
}

async function logged(entries: AuditEntry[]): Promise<{lines: AuditEntry[]; text: string; file: string}> {
	const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kconsole-audit-')), 'state', 'kconsole', 'audit.jsonl');
	const log = openAuditLog(file);
	await Promise.all(entries.map(async each => log.append(each)));
	const text = await readFile(file, 'utf8');
	return {lines: text.trimEnd().split('\n').map(line => JSON.parse(line) as AuditEntry), text, file};
}

test('one JSON line per entry, in order, in a file only the user can read', async t => {
	const {lines, file} = await logged([entry({step: 1}), entry({step: 2}), entry({step: 3, refused: 'read-only session: `kubectl rollout undo` changes the cluster', exitCode: null, durationMs: null})]);
	t.deepEqual(lines.map(line => line.step), [1, 2, 3]);
	t.is(lines[2].refused, 'read-only session: `kubectl rollout undo` changes the cluster');
	t.is((await stat(file)).mode & 0o777, 0o600);
});

const secrets: Array<[string, Partial<AuditEntry>, string]> = [
	['a literal of kubectl create secret', {argv: ['kubectl', 'create', 'secret', 'generic', 'db', '--from-literal=password=hunter2']}, 'hunter2'],
	['a --token flag', {argv: ['kubectl', '--token', 'sk-abcdef123456', 'get', 'pods']}, 'sk-abcdef123456'],
	['a bearer token inside an sh script', {kind: 'sh', argv: ['/bin/sh', '-c', 'curl -H "Authorization: Bearer abcdefgh12345678" https://x']}, 'abcdefgh12345678'],
	['an environment value named like a secret', {kind: 'sh', env: {KCONSOLE_token: 's3cr3t-value'}}, 's3cr3t-value'],
	['URL credentials in an error', {error: 'cannot reach https://ada:pa55word@registry.local/v2/'}, 'pa55word'],
	['a JWT in a refusal', {refused: 'bad token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl'}, 'eyJhbGciOiJIUzI1NiJ9'],
];

for (const [name, change, secret] of secrets) {
	test(`never written: ${name}`, async t => {
		const {text} = await logged([entry(change)]);
		t.false(text.includes(secret));
		t.true(text.includes('<redacted>'));
	});
}

test('ordinary values stay readable', async t => {
	const {lines} = await logged([entry({kind: 'sh', argv: ['/bin/sh', '-c', 'ss -tlnp'], env: {KCONSOLE_pod: 'web-1'}})]);
	t.deepEqual(lines[0].env, {KCONSOLE_pod: 'web-1'});
	t.deepEqual(lines[0].argv, ['/bin/sh', '-c', 'ss -tlnp']);
});

test('the log lives under the XDG state directory', t => {
	t.is(defaultAuditLogPath({XDG_STATE_HOME: '/var/state', HOME: '/home/ada'}), '/var/state/kconsole/audit.jsonl');
	t.is(defaultAuditLogPath({HOME: '/home/ada'}), '/home/ada/.local/state/kconsole/audit.jsonl');
	t.is(defaultAuditLogPath({XDG_STATE_HOME: 'relative', HOME: '/home/ada'}), '/home/ada/.local/state/kconsole/audit.jsonl', 'a relative XDG path is ignored, as the spec says');
});
