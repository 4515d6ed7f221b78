// The one decision about whether an action may run: the executor enforces it where commands
// execute, the guide and the UI only present it. Danger belongs to the command, not the screen.
import type {ActionKind} from '../playbook/types.js';
import {classify} from './classify-command.js';
import {kubectlCommand} from './kubectl-argv.js';

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
			const effect = writeEffect(action.argv, name);
			return mode === 'read-only'
				? {decision: 'deny', class: 'write', reason: `read-only session: ${effect}`}
				: {decision: 'confirm', class: 'write', reason: effect};
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

// Commands that act inside the cluster rather than change objects; the classifier counts them as writes.
const actsInside = new Set(['exec', 'attach', 'port-forward', 'proxy', 'cp', 'debug']);

/** Why a kubectl command the classifier calls a write is one, in words. */
function writeEffect(argv: string[], name: string): string {
	const command = kubectlCommand(argv);
	if (!command || command.path.length === 0) return `kconsole cannot tell what ${name} does, so it counts as a write`;
	if (actsInside.has(command.path[0])) return `${name} acts inside the cluster, so it counts as a write`;
	// A reading verb made a write by its arguments: `get secret -o yaml`, `config view --raw`, `--cache-dir`.
	if (classify(['kubectl', ...command.path]) === 'read') return `${name} with these arguments can show secret data or write files here, so it counts as a write`;
	return `${name} changes the cluster`;
}

/** `kubectl` and its verb path (`kubectl rollout undo`), for messages. */
function commandName(argv: string[]): string {
	const command = kubectlCommand(argv);
	if (command && command.path.length > 0) return ['kubectl', ...command.path].join(' ');
	return argv.slice(0, 2).join(' ') || 'kubectl';
}
