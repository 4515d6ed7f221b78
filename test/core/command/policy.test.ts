import test from 'ava';
import {decide, type Mode, type Verdict} from '../../../source/core/command/policy.js';
import type {ActionKind} from '../../../source/core/playbook/types.js';

const describe = ['kubectl', 'describe', 'pod', 'web-7d9f8-abcde', '-n', 'shop'];
const patch = ['kubectl', 'patch', 'deployment', 'web', '-n', 'shop', '-p', '{"spec":{"replicas":2}}'];
const undo = ['kubectl', '-n', 'shop', 'rollout', 'undo', 'deployment/web'];

type Case = {name: string; mode: Mode; kind: ActionKind; argv: string[]; dryRun?: boolean; expected: Verdict};

const cases: Case[] = [
	{name: 'kubectl read, read-write', mode: 'read-write', kind: 'kubectl', argv: describe, expected: {decision: 'confirm', class: 'read', reason: '`kubectl describe` only reads the cluster'}},
	{name: 'kubectl read, read-only', mode: 'read-only', kind: 'kubectl', argv: describe, expected: {decision: 'confirm', class: 'read', reason: '`kubectl describe` only reads the cluster'}},
	{name: 'kubectl write, read-write', mode: 'read-write', kind: 'kubectl', argv: patch, expected: {decision: 'confirm', class: 'write', reason: '`kubectl patch` changes the cluster'}},
	{name: 'kubectl write, read-only', mode: 'read-only', kind: 'kubectl', argv: patch, expected: {decision: 'deny', class: 'write', reason: 'read-only session: `kubectl patch` changes the cluster'}},
	{name: 'kubectl write behind global flags names its subcommand', mode: 'read-only', kind: 'kubectl', argv: undo, expected: {decision: 'deny', class: 'write', reason: 'read-only session: `kubectl rollout undo` changes the cluster'}},
	{name: 'dry run of a write, read-write', mode: 'read-write', kind: 'kubectl', argv: [...patch, '--dry-run=server'], dryRun: true, expected: {decision: 'confirm', class: 'write', reason: 'dry run of `kubectl patch`: the server checks the change and keeps nothing'}},
	{name: 'dry run of a write, read-only', mode: 'read-only', kind: 'kubectl', argv: [...patch, '--dry-run=server'], dryRun: true, expected: {decision: 'deny', class: 'write', reason: 'read-only session: a dry run of `kubectl patch` still sends a write request'}},
	{name: 'kubectl exec, read-write', mode: 'read-write', kind: 'kubectl', argv: ['kubectl', 'exec', '-it', 'web-7d9f8-abcde', '--', 'sh'], expected: {decision: 'confirm', class: 'write', reason: '`kubectl exec` acts inside the cluster, so it counts as a write'}},
	{name: 'kubectl get secret as yaml, read-only', mode: 'read-only', kind: 'kubectl', argv: ['kubectl', 'get', 'secret', 'registry-auth', '-o', 'yaml'], expected: {decision: 'deny', class: 'write', reason: 'read-only session: `kubectl get` with these arguments can show secret data or write files here, so it counts as a write'}},
	{name: 'kubectl with an unknown flag before the verb, read-only', mode: 'read-only', kind: 'kubectl', argv: ['kubectl', '--frobnicate', 'get', 'pods'], expected: {decision: 'deny', class: 'write', reason: 'read-only session: kconsole cannot tell what `kubectl --frobnicate` does, so it counts as a write'}},
	{name: 'host command, read-write', mode: 'read-write', kind: 'sh', argv: ['/bin/sh', '-c', 'ss -tlnp'], expected: {decision: 'confirm', class: null, reason: 'host command: runs on this machine with your shell and your permissions, outside kconsole\'s checks'}},
	{name: 'host command, read-only', mode: 'read-only', kind: 'sh', argv: ['/bin/sh', '-c', 'ss -tlnp'], expected: {decision: 'deny', class: null, reason: 'read-only session: host commands never run'}},
	{name: 'probe, read-write', mode: 'read-write', kind: 'probe', argv: ['tcp', 'registry.shop.svc:5000'], expected: {decision: 'allow', class: null, reason: 'built-in check: runs inside kconsole and changes nothing'}},
	{name: 'probe, read-only', mode: 'read-only', kind: 'probe', argv: ['tcp', 'registry.shop.svc:5000'], expected: {decision: 'allow', class: null, reason: 'built-in check: runs inside kconsole and changes nothing'}},
	{name: 'wait, read-write', mode: 'read-write', kind: 'wait', argv: ['rollout', 'deployment/web'], expected: {decision: 'allow', class: null, reason: 'built-in wait: watches the cluster and changes nothing'}},
	{name: 'wait, read-only', mode: 'read-only', kind: 'wait', argv: ['resolved'], expected: {decision: 'allow', class: null, reason: 'built-in wait: watches the cluster and changes nothing'}},
];

for (const {name, mode, kind, argv, dryRun, expected} of cases) {
	test(name, t => {
		t.deepEqual(decide(mode, {kind, argv}, {dryRun}), expected);
	});
}

test('a dry run changes nothing for reads, host commands and built-ins', t => {
	for (const mode of ['read-write', 'read-only'] as const) {
		for (const [kind, argv] of [['kubectl', describe], ['sh', ['/bin/sh', '-c', 'true']], ['probe', ['dns', 'registry']], ['wait', ['resolved']]] as const) {
			t.deepEqual(decide(mode, {kind, argv: [...argv]}, {dryRun: true}), decide(mode, {kind, argv: [...argv]}), `${kind} ${mode}`);
		}
	}
});
