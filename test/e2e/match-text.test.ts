// Client-side failures reach the playbooks as text: `kconsole match --text FILE` on what kubectl
// printed (the built CLI, as a user runs it).
import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {noKubeconfig, portForwardInUse, unreadableKubeconfig} from '../fixtures/client-errors.js';

const run = promisify(execFile);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'kconsole-match-text-'));

async function matchText(name: string, text: string): Promise<{code: number; findings: Array<{playbook: string; variant: string | null; summary: string}>}> {
	const file = join(directory, name);
	writeFileSync(file, `${text}\n`);
	try {
		await run(process.execPath, [cli, 'match', '--text', file, '-o', 'json'], {env: {...process.env, NO_COLOR: '1'}});
		return {code: 0, findings: []};
	} catch (error) {
		const {code, stdout} = error as {code: number; stdout: string};
		return {code, findings: JSON.parse(stdout) as Array<{playbook: string; variant: string | null; summary: string}>};
	}
}

const cases = [
	{file: 'port-forward.txt', text: portForwardInUse, expected: ['port-forward/address-in-use: local port 8080 is already in use']},
	{file: 'ci-kubectl.txt', text: noKubeconfig, expected: ['kubeconfig/no-kubeconfig: no kubeconfig: kubectl falls back to localhost:8080']},
	{file: 'runner.txt', text: unreadableKubeconfig, expected: ['kubeconfig/permission-denied: kubectl cannot read /home/runner/.kube/config: permission denied']},
	{
		file: 'forbidden.txt',
		text: 'Error from server (Forbidden): deployments.apps "calculator" is forbidden: User "system:serviceaccount:gitlab-runner:default" cannot patch resource "deployments" in API group "apps" in the namespace "default"',
		expected: ['rbac/service-account: service account gitlab-runner/default may not patch deployments in namespace default'],
	},
];

for (const {file, text, expected} of cases) {
	test(`kconsole match --text ${file}`, async t => {
		const {code, findings} = await matchText(file, text);
		t.is(code, 1);
		t.deepEqual(findings.map(finding => `${finding.playbook}/${finding.variant ?? '-'}: ${finding.summary}`), expected);
	});
}
