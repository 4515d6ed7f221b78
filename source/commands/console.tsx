// `kconsole` (also `kconsole console`): the full-screen console on the current context.
import type {Command} from './command.js';
import {kubeFlagsFrom, kubeOptions} from './kube-options.js';

/**
 * React's development build records a performance measure for every component render, which
 * costs the console most of its frame budget under load. Set before React is first imported.
 */
export function preferProductionReact(): void {
	process.env.NODE_ENV ??= 'production';
}

export const consoleCommand: Command = {
	name: 'console',
	summary: 'the full-screen console (the default: `kconsole` alone opens it)',
	usage: 'kconsole [-n NS | -A] [--context NAME] [--kubeconfig FILE] [--read-only] [--playbooks DIR]',
	details: [
		'Live panes for findings, pods, events and logs; Enter on a finding opens its playbook and',
		'walks through the fix, confirming every command first. Press ? inside for every key.',
		'Every action run or refused is appended to the audit log (see kconsole guide --help);',
		'incident reports (r, once a fix is over) are written to the current directory.',
	].join('\n'),
	options: kubeOptions,
	async run(values, _positionals, io) {
		preferProductionReact();
		const {runConsole} = await import('./run-console.js');
		return runConsole({flags: kubeFlagsFrom(values), io});
	},
};
