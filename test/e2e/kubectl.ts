// Runs the real kubectl against a simulated cluster: always its kubeconfig and a fresh cache dir,
// with HOME in a temp dir so ~/.kube is never read or written.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa, type ResultPromise} from 'execa';
import type {SimHandle} from '../../source/sim/start-sim.js';

export type Kubectl = {
	(...args: string[]): Promise<{stdout: string; stderr: string; exitCode: number}>;
	spawn(...args: string[]): ResultPromise;
};

export function kubectlFor(sim: SimHandle): Kubectl {
	const home = mkdtempSync(join(tmpdir(), 'kconsole-kubectl-'));
	const base = ['--kubeconfig', sim.kubeconfigPath, '--cache-dir', join(home, 'cache')];
	const env = {HOME: home, KUBECONFIG: sim.kubeconfigPath};
	const run = async (...args: string[]) => {
		const result = await execa('kubectl', [...base, ...args], {env, reject: false, timeout: 20_000});
		return {stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode ?? -1};
	};
	run.spawn = (...args: string[]) => execa('kubectl', [...base, ...args], {env, reject: false, buffer: false});
	return run as Kubectl;
}
