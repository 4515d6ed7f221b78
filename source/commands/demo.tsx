// `kconsole demo` (and `npm start`): the simulated cluster with every scenario, in-process,
// with the console on it, so a newcomer sees findings appear and fixes one within a minute.
import {UsageError, UserError, type Command} from './command.js';
import {playbookOptions} from './kube-options.js';

export const demoBanner = 'SIMULATED CLUSTER (kconsole demo): nothing here is real. Run `kconsole` for your current kubeconfig context.';

export const demoCommand: Command = {
	name: 'demo',
	summary: 'the console on a simulated cluster with every failure scenario (no cluster needed)',
	usage: 'kconsole demo [--speed N] [--pods N] [--read-only] [--playbooks DIR]',
	details: 'Starts the simulated cluster in this process (see kconsole sim) and opens the console on it.',
	options: {
		speed: {type: 'string', value: 'N', description: 'run simulated time N times faster, so failures show within seconds', default: '10'},
		pods: {type: 'string', value: 'N', description: 'add N healthy pods (try 30000)', default: '0'},
		'read-only': {type: 'boolean', description: 'never run a command that changes the cluster or the host'},
		...playbookOptions,
	},
	async run(values, _positionals, io) {
		const speed = Number(values.speed ?? '10');
		const pods = Number(values.pods ?? '0');
		if (!Number.isFinite(speed) || speed <= 0) throw new UsageError('demo: --speed wants a number > 0');
		if (!Number.isInteger(pods) || pods < 0) throw new UsageError('demo: --pods wants a whole number ≥ 0');
		if (!io.stdout.isTTY || !io.stdin.isTTY) throw new UserError('the demo is a full-screen console and needs a terminal (try kconsole sim for the cluster alone)');
		(await import('./console.js')).preferProductionReact();
		const [{startSim}, {runConsole}, {playbookDirsFrom}] = await Promise.all([import('../sim/start-sim.js'), import('./run-console.js'), import('./kube-options.js')]);
		const sim = await startSim({scenarios: ['all'], speed, pods});
		try {
			return await runConsole({
				flags: {kubeconfig: sim.kubeconfigPath, allNamespaces: true, readOnly: values['read-only'] === true, playbookDirs: playbookDirsFrom(values)},
				io,
				banner: demoBanner,
			});
		} finally {
			await sim.stop();
		}
	},
};
