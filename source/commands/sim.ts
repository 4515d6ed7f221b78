// `kconsole sim`: the simulated cluster alone, for kubectl sessions, e2e tests and benchmarks.
import {UsageError, UserError, type Command} from './command.js';

export const simCommand: Command = {
	name: 'sim',
	summary: 'run the simulated Kubernetes cluster (HTTP API for kubectl and kconsole) until interrupted',
	usage: 'kconsole sim [options]',
	details: [
		'Prints one line "kconsole sim: ready at URL kubeconfig=FILE" once it accepts requests, then',
		'serves until SIGINT or SIGTERM. Point kubectl at it with: kubectl --kubeconfig FILE get pods -A',
		'Without --write-kubeconfig the kubeconfig (context kconsole-sim) goes to a file in a fresh',
		'temporary directory. Tests and demos drive faults through /kconsole-sim/v1/ (see the README).',
	].join('\n'),
	options: {
		listen: {type: 'string', value: 'HOST:PORT', description: 'address to listen on; port 0 picks a free port', default: '127.0.0.1:0'},
		scenario: {type: 'string', value: 'NAME,NAME|all', description: 'scenarios to install (comma-separated), or all'},
		'write-kubeconfig': {type: 'string', value: 'FILE', description: 'write the kubeconfig here (default: a file in a fresh temp dir)'},
		speed: {type: 'string', value: 'N', description: 'run simulated durations (pulls, back-offs) N times faster', default: '1'},
		pods: {type: 'string', value: 'N', description: 'add N healthy pods (for scale tests)', default: '0'},
	},
	async run(values, _positionals, io) {
		const speed = numberOption(values.speed, 'speed', 1);
		const pods = numberOption(values.pods, 'pods', 0);
		if (!Number.isInteger(pods) || pods < 0) throw new UsageError('sim: --pods wants a whole number ≥ 0');
		if (speed <= 0) throw new UsageError('sim: --speed wants a number > 0');
		const scenarios = typeof values.scenario === 'string' ? values.scenario.split(',').map(name => name.trim()).filter(Boolean) : [];
		const {startSim} = await import('../sim/start-sim.js');
		let sim;
		try {
			sim = await startSim({
				listen: typeof values.listen === 'string' ? values.listen : undefined,
				scenarios,
				speed,
				pods,
				kubeconfigPath: typeof values['write-kubeconfig'] === 'string' ? values['write-kubeconfig'] : undefined,
			});
		} catch (error) {
			throw new UserError(`sim: ${error instanceof Error ? error.message : String(error)}`);
		}
		io.stdout.write(`kconsole sim: ready at ${sim.url} kubeconfig=${sim.kubeconfigPath}\n`);
		await new Promise<void>(resolve => {
			const stop = () => {
				process.off('SIGINT', stop);
				process.off('SIGTERM', stop);
				resolve();
			};
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		});
		await sim.stop();
		return 0;
	},
};

function numberOption(value: unknown, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const number = Number(value);
	if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`sim: --${name} wants a number, got "${String(value)}"`);
	return number;
}
