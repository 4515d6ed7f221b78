import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import type {Finding} from '../../source/core/match/types.js';
import {runMain} from './run-main.js';

const fixtures = 'test/fixtures/match';
const playbooks = ['--playbooks', 'test/fixtures/playbooks'];
// The shipped library grows on its own; these tests are about the fixture playbooks.
const fixtureIds = new Set(['coredns-bind', 'image-pull', 'namespace-terminating', 'node-pressure', 'service-no-endpoints']);

function fixtureFindings(stdout: string): Finding[] {
	return (JSON.parse(stdout) as Finding[]).filter(finding => fixtureIds.has(finding.playbook));
}

function temp(name: string, text: string): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'kconsole-match-')), name);
	writeFileSync(file, text);
	return file;
}

test('kubectl List JSON with logs: findings with variants, captures and log evidence, exit 1', async t => {
	const result = await runMain(['match', '--input', `${fixtures}/snapshot.json`, '--logs', `${fixtures}/logs`, '-o', 'json', ...playbooks]);
	t.is(result.code, 1);
	const findings = fixtureFindings(result.stdout);
	t.deepEqual(
		findings.map(finding => [finding.playbook, finding.variant, finding.namespace, finding.name, finding.container]),
		[
			['coredns-bind', null, 'kube-system', 'coredns-7db6d8ff4d-x2x9k', 'coredns'],
			['image-pull', 'tag-not-found', 'shop', 'web-5d8f7c9b6-abcde', 'web'],
		],
	);
	const coredns = findings[0];
	// Read from <container>.previous.log, with the colour codes gone.
	t.true(coredns.evidence.includes('[ERROR] plugin/errors: listen tcp :53: bind: permission denied'));
	t.is(coredns.captures.port, '53');
	t.is(findings[1].captures.image, 'ghcr.io/acme/web:v9');
});

test('the JSON has exactly the fields of the findings contract', async t => {
	const result = await runMain(['match', '--input', `${fixtures}/snapshot.json`, '-o', 'json', ...playbooks]);
	for (const finding of JSON.parse(result.stdout) as Array<Record<string, unknown>>) {
		t.deepEqual(Object.keys(finding), ['playbook', 'variant', 'severity', 'namespace', 'kind', 'name', 'container', 'summary', 'evidence', 'captures']);
	}
});

test('multi-document YAML gives the same findings as the JSON List', async t => {
	const json = await runMain(['match', '--input', `${fixtures}/snapshot.json`, '--logs', `${fixtures}/logs`, '-o', 'json', ...playbooks]);
	const yaml = await runMain(['match', '--input', `${fixtures}/snapshot.yaml`, '--logs', `${fixtures}/logs`, '-o', 'json', ...playbooks]);
	t.deepEqual(JSON.parse(yaml.stdout), JSON.parse(json.stdout));
});

test('a plain array and standard input work too', async t => {
	const list = JSON.parse((await import('node:fs')).readFileSync(`${fixtures}/snapshot.json`, 'utf8'));
	const result = await runMain(['match', '--input', '-', '-o', 'json', ...playbooks], {stdin: JSON.stringify(list.items)});
	t.is(result.code, 1);
	t.deepEqual(
		fixtureFindings(result.stdout).map(finding => finding.playbook),
		['coredns-bind', 'image-pull'],
	);
});

test('without logs the log-only evidence is missing and the pod rules still fire', async t => {
	const result = await runMain(['match', '--input', `${fixtures}/snapshot.json`, '-o', 'json', ...playbooks]);
	const coredns = fixtureFindings(result.stdout).find(finding => finding.playbook === 'coredns-bind');
	t.truthy(coredns);
	t.false(coredns!.evidence.some(line => line.includes('bind: permission denied')));
});

test('the table has one line per finding and a count on stderr', async t => {
	const result = await runMain(['match', '--input', `${fixtures}/snapshot.json`, ...playbooks]);
	t.is(result.code, 1);
	const lines = result.stdout.trimEnd().split('\n');
	t.regex(lines[0], /^SEVERITY\s+NAMESPACE\s+OBJECT\s+PLAYBOOK\s+SUMMARY$/);
	t.true(lines.some(line => /^ERROR\s+shop\s+pod\/web-5d8f7c9b6-abcde\s+image-pull\/tag-not-found\s+ghcr\.io\/acme\/web:v9 does not exist in the registry$/.test(line)));
	t.regex(result.stderr, /\d+ findings? \(/);
});

test('free text is matched by text rules', async t => {
	const text = temp('pull.txt', 'Error response from daemon: failed to pull image "docker.io/library/ngnix:1.25": manifest unknown\n');
	const result = await runMain(['match', '--text', text, '-o', 'json', ...playbooks]);
	t.is(result.code, 1);
	const [finding] = fixtureFindings(result.stdout);
	t.like(finding, {playbook: 'image-pull', kind: 'Text', name: 'pull.txt'});
	t.is(finding.captures.image, 'docker.io/library/ngnix:1.25');
});

test('objects of kinds without rules only: no findings, exit 0', async t => {
	const input = temp('pvc.json', JSON.stringify({kind: 'PersistentVolumeClaim', apiVersion: 'v1', metadata: {name: 'data', namespace: 'shop'}}));
	const result = await runMain(['match', '--input', input, ...playbooks]);
	t.is(result.code, 0);
	t.is(result.stdout, '');
	t.is(result.stderr, 'no findings in 1 object\n');
});

const bad: Array<{name: string; args: (file: string) => string[]; content: string; message: RegExp}> = [
	{name: 'not JSON or YAML', args: file => ['--input', file], content: 'kind: Pod\n  metadata: [oops\n', message: /^kconsole: .*bad\.txt is neither JSON nor YAML \(line \d+\): /},
	{name: 'no Kubernetes objects', args: file => ['--input', file], content: 'just some words\n', message: /^kconsole: .*bad\.txt holds no Kubernetes objects \(expected a List, an array or objects with kind and metadata\.name/},
	{name: 'a missing input file', args: () => ['--input', '/nonexistent/pods.json'], content: '', message: /^kconsole: cannot read the input \/nonexistent\/pods\.json: it does not exist$/},
	{name: 'a missing logs directory', args: () => ['--input', `${fixtures}/snapshot.json`, '--logs', '/nonexistent/logs'], content: '', message: /^kconsole: cannot read the logs directory \/nonexistent\/logs: it does not exist$/},
	{name: 'no input at all', args: () => [], content: '', message: /^kconsole: match: --input FILE is required/},
	{name: 'an unknown output format', args: file => ['--input', file, '-o', 'yaml'], content: '[]', message: /^kconsole: match: unknown output format "yaml" \(use table or json\)$/},
	{name: 'an unknown flag', args: file => ['--input', file, '--frobnicate'], content: '[]', message: /^kconsole: match: unknown flag "--frobnicate"/},
];

for (const {name, args, content, message} of bad) {
	test(`bad input, one line and exit 2: ${name}`, async t => {
		const file = temp('bad.txt', content);
		const result = await runMain(['match', ...args(file), ...playbooks]);
		t.is(result.code, 2);
		t.regex(result.stderr.trimEnd(), message);
		t.is(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
	});
}

test('--help is generated from the option specs', async t => {
	const result = await runMain(['match', '--help']);
	t.is(result.code, 0);
	for (const flag of ['--input FILE', '--logs DIR', '--text FILE', '-o, --output FORMAT', '--playbooks DIR', '<container>.previous.log']) t.true(result.stdout.includes(flag), flag);
});
