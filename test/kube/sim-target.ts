// A simulated cluster in-process and a KubeTarget for it, for tests of source/kube against a
// real HTTP API (never a mock of the client).
import {startSim, type SimHandle, type SimOptions} from '../../source/sim/start-sim.js';
import {loadTarget, type KubeTarget} from '../../source/kube/kube-target.js';

export type SimTarget = {sim: SimHandle; target: KubeTarget};

export async function startSimTarget(options: SimOptions = {}, scope: {namespace?: string; allNamespaces?: boolean} = {allNamespaces: true}): Promise<SimTarget> {
	const sim = await startSim({speed: 20, ...options});
	const target = loadTarget({kubeconfig: sim.kubeconfigPath, ...scope, env: {HOME: '/nonexistent'}});
	return {sim, target};
}

/** POST /kconsole-sim/v1/faults */
export async function injectFault(sim: SimHandle, fault: object): Promise<unknown> {
	const response = await fetch(`${sim.url}/kconsole-sim/v1/faults`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(fault)});
	if (!response.ok) throw new Error(`fault ${JSON.stringify(fault)}: ${response.status} ${await response.text()}`);
	return response.json();
}

/** Polls until the condition holds; the last failure's description is in the error. */
export async function eventually(condition: () => boolean | string, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last: boolean | string = false;
	while (Date.now() < deadline) {
		last = condition();
		if (last === true) return;
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	throw new Error(`${what} not met within ${timeoutMs} ms${typeof last === 'string' ? `: ${last}` : ''}`);
}
