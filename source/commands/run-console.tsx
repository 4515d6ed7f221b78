// Opens the full-screen console on a cluster and keeps it until the user quits: the terminal
// goes to the alternate screen and comes back as it was, whatever happens in between.
import {render, type Instance} from 'ink';
import type {Playbook} from '../core/playbook/types.js';
import {checkReachable, loadTarget} from '../kube/kube-target.js';
import {loadPlaybooks} from '../library/load-playbooks.js';
import {App} from '../ui/app.js';
import {enterFullScreen, type ScreenStream} from '../ui/full-screen.js';
import {terminalCapabilities} from '../ui/terminal-capabilities.js';
import {createClusterSession} from './cluster-session.js';
import {UserError, type Io} from './command.js';
import type {KubeFlags} from './kube-options.js';
import {startLiveCluster, type LiveCluster} from './live-cluster.js';
import {reportLibraryProblems} from './playbook-library.js';

export type ConsoleLaunch = {flags: KubeFlags; io: Io; banner?: string};

export async function runConsole({flags, io, banner}: ConsoleLaunch): Promise<number> {
	if (!io.stdout.isTTY || !io.stdin.isTTY) {
		throw new UserError('the console needs a terminal; in scripts use kconsole diagnose, or kconsole guide to fix a finding');
	}
	const library = await loadPlaybooks({dirs: flags.playbookDirs});
	const connect = async (context?: string): Promise<LiveCluster> => {
		const target = loadTarget({...flags, context: context ?? flags.context, env: io.env});
		await checkReachable(target);
		return startLiveCluster(target, library.playbooks as Playbook[]);
	};
	let live = await connect();
	const terminal = terminalCapabilities(io.env, {isTTY: true});
	const stdout = io.stdout as unknown as NodeJS.WriteStream & ScreenStream;
	let generation = 0;
	let instance: Instance | undefined;
	const session = (cluster: LiveCluster) =>
		createClusterSession(cluster, {
			readOnly: flags.readOnly,
			terminal,
			env: io.env,
			reportDirectory: process.cwd(),
			banner,
			switchContext,
		});
	async function switchContext(name: string): Promise<void> {
		let next: LiveCluster;
		try {
			next = await connect(name);
		} catch (error) {
			throw new Error(`cannot switch to context ${name}: ${error instanceof Error ? error.message : String(error)}`);
		}
		const previous = live;
		live = next;
		generation++;
		instance?.rerender(<App key={generation} session={session(next)} />);
		await previous.stop();
	}

	const restore = enterFullScreen(stdout);
	const stop = () => instance?.unmount();
	process.on('SIGTERM', stop);
	process.on('SIGHUP', stop);
	try {
		instance = render(<App key={generation} session={session(live)} />, {
			stdin: io.stdin as NodeJS.ReadStream,
			stdout,
			stderr: io.stderr as NodeJS.WriteStream,
			patchConsole: false,
			exitOnCtrlC: false,
		});
		await instance.waitUntilExit();
	} finally {
		process.off('SIGTERM', stop);
		process.off('SIGHUP', stop);
		restore();
		await live.stop();
	}
	reportLibraryProblems(library, io.stderr);
	return 0;
}
