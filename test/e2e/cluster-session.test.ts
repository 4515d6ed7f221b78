// The console's session (cluster-session.ts) against the in-process simulated cluster: its
// guided runs go through the same executor as `kconsole guide`, fresh reads included.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {createClusterSession} from '../../source/commands/cluster-session.js';
import {startLiveCluster} from '../../source/commands/live-cluster.js';
import type {GuideState} from '../../source/core/guide/guide-state.js';
import type {KubeObject} from '../../source/core/objects/types.js';
import {loadTarget} from '../../source/kube/kube-target.js';
import {startSim} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import type {GuideHandle} from '../../source/ui/console-session.js';
import {outputLines} from '../../source/ui/guide-lines.js';
import {plainTheme} from '../../source/ui/theme.js';
import {imagePullFinding, imagePullPlaybook, setImage, waitRollout} from '../core/guide/playbook-fixtures.js';

const deployments = resourceFor('Deployment');

/** What the deployment controller would write once it has rolled out the deployment's current generation. */
function rolledOut(draft: KubeObject): void {
	draft.status = {observedGeneration: draft.metadata.generation, replicas: 1, updatedReplicas: 1, availableReplicas: 1};
}

/** Resolves with what `check` finds once it finds something, checked after every change; rejects after the deadline. */
async function until<T>(check: () => T | undefined, subscribe: (listener: () => void) => () => void, what: string, deadlineMs = 10_000): Promise<T> {
	const now = check();
	if (now !== undefined) return now;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`not reached within ${deadlineMs}ms: ${what}`));
		}, deadlineMs);
		const unsubscribe = subscribe(() => {
			const value = check();
			if (value === undefined) return;
			clearTimeout(timer);
			unsubscribe();
			resolve(value);
		});
	});
}

const waitLines = (state: GuideState) => state.steps[0].output.map(line => line.line);

test('a rollout wait started right after a write waits for that write, not the complete rollout the watch still shows', async t => {
	const sim = await startSim({bare: true});
	const home = mkdtempSync(path.join(tmpdir(), 'kconsole-cluster-session-'));
	const target = loadTarget({kubeconfig: sim.kubeconfigPath, allNamespaces: true, env: {HOME: home}});
	const live = startLiveCluster(target, []);
	let guide: GuideHandle | undefined;
	try {
		sim.store.create(resourceFor('Namespace'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
		sim.store.create(deployments, {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'web', namespace: 'shop'},
			spec: {replicas: 1, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27-typo'}]}}},
		});
		sim.store.mutate(deployments, 'shop', 'web', rolledOut);
		await until(() => (live.store.get('Deployment', 'shop', 'web')?.status?.observedGeneration === 1 ? true : undefined), listener => live.store.subscribe(listener), 'the watch sees generation 1 rolled out');

		const session = createClusterSession(live, {readOnly: false, terminal: {colour: false, unicode: true}, env: {HOME: home}, auditFile: path.join(home, 'audit.jsonl')});
		guide = session.startGuide(imagePullFinding(), imagePullPlaybook([waitRollout]));
		const handle = guide;
		// The fix's write (what `kubectl set image` does), and the wait confirmed in the same turn: the
		// watch cannot have delivered the new generation yet, so only a fresh read knows of it.
		sim.store.mutate(deployments, 'shop', 'web', draft => {
			(draft.spec as {template: {spec: {containers: Array<{image: string}>}}}).template.spec.containers[0].image = 'nginx:1.27';
		});
		handle.dispatch({type: 'confirm', now: Date.now()});
		const first = await until(() => waitLines(handle.getState())[0], listener => handle.subscribe(listener), 'the wait reports');
		t.regex(first, /^waiting for deployment\/web: the (watch|controller) has not seen (the latest change|the change) yet/);
		t.is(handle.getState().steps[0].status, 'running');

		sim.store.mutate(deployments, 'shop', 'web', rolledOut);
		const done = await until(() => (handle.getState().steps[0].status === 'running' ? undefined : handle.getState()), listener => handle.subscribe(listener), 'the wait ends');
		t.is(done.steps[0].status, 'succeeded');
		t.regex(waitLines(done).at(-1) ?? '', /^deployment\/web rolled out: 1\/1 updated, 1 available/);
	} finally {
		guide?.dispose();
		await live.stop();
		await sim.stop();
	}
});

test('the console\'s dry run says what would change: the one image field, under the object, at the pane\'s tail; nothing written', async t => {
	const sim = await startSim({bare: true});
	const home = mkdtempSync(path.join(tmpdir(), 'kconsole-cluster-session-'));
	const target = loadTarget({kubeconfig: sim.kubeconfigPath, allNamespaces: true, env: {HOME: home}});
	const live = startLiveCluster(target, []);
	let guide: GuideHandle | undefined;
	try {
		sim.store.create(resourceFor('Namespace'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
		sim.store.create(deployments, {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'web', namespace: 'shop'},
			spec: {replicas: 1, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27-typo'}]}}},
		});
		const session = createClusterSession(live, {readOnly: false, terminal: {colour: false, unicode: true}, env: {HOME: home}, auditFile: path.join(home, 'audit.jsonl')});
		guide = session.startGuide(imagePullFinding(), imagePullPlaybook([setImage]));
		const handle = guide;
		handle.dispatch({type: 'answer', value: 'nginx:1.27', now: Date.now()});
		sim.clearRequests();
		handle.dispatch({type: 'dry-run', now: Date.now()});
		const dryRun = await until(() => (handle.getState().steps[0].dryRun?.exitCode === undefined ? undefined : handle.getState().steps[0].dryRun), listener => handle.subscribe(listener), 'the dry run ends');
		t.is(dryRun.exitCode, 0, dryRun.output.map(line => line.line).join('\n'));
		const pane = outputLines(handle.getState().steps[0], plainTheme).map(line => line.map(span => span.text).join(''));
		t.deepEqual(pane.slice(-3), [
			' would change 1 field of deployment shop/web:',
			'   spec.template.spec.containers[web].image: "nginx:1.27-typo" → "nginx:1.27"',
			' dry run passed',
		]);
		t.deepEqual(sim.requests().filter(request => request.method !== 'GET').map(request => [request.method, /dryRun=All/.test(request.query)]), [['PATCH', true]], 'the dry run is the only write');
		t.is(sim.store.get(deployments, 'shop', 'web')!.spec.template.spec.containers[0].image, 'nginx:1.27-typo');
	} finally {
		guide?.dispose();
		await live.stop();
		await sim.stop();
	}
});
