// The one decision about whether an action may run: the executor enforces it where commands
// execute, the guide and the UI only present it. Danger belongs to the command, not the screen.
import type {ActionKind} from '../playbook/types.js';
import {classify} from './classify-command.js';

export type Mode = 'read-write' | 'read-only';

export type Decision = 'allow' | 'confirm' | 'deny';

export type Verdict = {
	/** allow: runs without asking; confirm: the user confirms first; deny: never runs. */
	decision: Decision;
	/** What a kubectl command does to the cluster; null for sh, probe and wait. */
	class: 'read' | 'write' | null;
	/** One line for the user, e.g. "read-only session: `kubectl patch` changes the cluster". */
	reason: string;
};

export function decide(mode: Mode, action: {kind: ActionKind; argv: string[]}, options: {dryRun?: boolean} = {}): Verdict {
	switch (action.kind) {
		case 'kubectl': {
			const name = `\`${commandName(action.argv)}\``;
			if (classify(action.argv) === 'read') return {decision: 'confirm', class: 'read', reason: `${name} only reads the cluster`};
			if (options.dryRun) {
				// A server-side dry run is still a write request: the API server runs admission for it.
				return mode === 'read-only'
					? {decision: 'deny', class: 'write', reason: `read-only session: a dry run of ${name} still sends a write request`}
					: {decision: 'confirm', class: 'write', reason: `dry run of ${name}: the server checks the change and keeps nothing`};
			}
			return mode === 'read-only'
				? {decision: 'deny', class: 'write', reason: `read-only session: ${name} changes the cluster`}
				: {decision: 'confirm', class: 'write', reason: `${name} changes the cluster`};
		}
		case 'sh':
			return mode === 'read-only'
				? {decision: 'deny', class: null, reason: 'read-only session: host commands never run'}
				: {decision: 'confirm', class: null, reason: 'host command: runs on this machine with your shell and your permissions, outside kconsole\'s checks'};
		case 'probe':
			return {decision: 'allow', class: null, reason: 'built-in check: runs inside kconsole and changes nothing'};
		case 'wait':
			return {decision: 'allow', class: null, reason: 'built-in wait: watches the cluster and changes nothing'};
	}
}

// Global flags whose value is the next element (`kubectl -n shop delete pod web`).
const flagsWithValue = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--as', '--as-group', '--token', '--request-timeout']);
// Verbs that name a sub-verb, shown together (`kubectl rollout undo`).
const groupVerbs = new Set(['rollout', 'set', 'auth', 'config', 'create', 'certificate', 'alpha', 'plugin']);

/** `kubectl` plus its verb (and sub-verb), for messages. */
function commandName(argv: string[]): string {
	const words: string[] = [];
	for (let i = 1; i < argv.length && words.length < 2; i++) {
		const arg = argv[i];
		if (arg.startsWith('-')) {
			if (flagsWithValue.has(arg)) i++;
			continue;
		}
		words.push(arg);
		if (!groupVerbs.has(arg)) break;
	}
	return ['kubectl', ...words].join(' ');
}
