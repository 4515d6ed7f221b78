// A guided run's dry run through the real session, executor and kubectl against the simulated
// API server: after a dry run that printed the resulting object, the session reads the object
// as it is now and hands the reducer what would change. The sim's request record shows no write.
import test from 'ava';
import {createRun} from '../../source/core/guide/guide-reducer.js';
import {describeChanges} from '../../source/core/guide/dry-run-changes.js';
import type {GuideState} from '../../source/core/guide/guide-state.js';
import {createExecutor} from '../../source/exec/executor.js';
import {createGuideSession, type GuideSession} from '../../source/exec/guide-session.js';
import {loadTarget, type KubeTarget} from '../../source/kube/kube-target.js';
import {readObject} from '../../source/kube/read-object.js';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {imagePullFinding, imagePullPlaybook, step} from '../core/guide/playbook-fixtures.js';

let sim: SimHandle;
let target: KubeTarget;

test.before(async () => {
	sim = await startSim({bare: true});
	sim.store.create(resourceFor('Namespace'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
	sim.store.create(resourceFor('Deployment'), {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'shop', labels: {app: 'web'}},
		spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27-typo'}]}}},
	});
	target = loadTarget({kubeconfig: sim.kubeconfigPath, namespace: 'shop', env: {HOME: '/nonexistent'}});
});

test.after.always(async () => {
	await sim?.stop();
});

const noFindings = {findings: () => [], subscribe: () => () => undefined};

/** A session at a one-step run of `command`, with fresh reads from `readFrom` (default: the sim). */
function session(command: string, readFrom: KubeTarget = target): GuideSession {
	const executor = createExecutor({mode: 'read-write', target, user: 'ada', fresh: async (kind, namespace, name) => readObject(readFrom, kind, namespace, name)});
	const run = createRun({playbook: imagePullPlaybook([step('The write', 'kubectl', command)]), finding: imagePullFinding(), mode: 'read-write', context: {context: target.context, namespace: 'shop'}, now: Date.now()});
	return createGuideSession({run, executor, findings: noFindings});
}

/** Starts the step's dry run and resolves once it has finished. */
async function dryRun(guide: GuideSession): Promise<GuideState> {
	const done = new Promise<GuideState>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the dry run did not finish')), 15_000);
		const unsubscribe = guide.subscribe(() => {
			if (guide.getState().steps[0].dryRun?.exitCode === undefined) return;
			clearTimeout(timer);
			unsubscribe();
			resolve(guide.getState());
		});
	});
	guide.dispatch({type: 'dry-run', now: Date.now()});
	const state = await done;
	guide.dispose();
	return state;
}

const writes = () => sim.requests().filter(request => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method));

test.serial('set image: the one changed field, nothing written', async t => {
	sim.clearRequests();
	const state = await dryRun(session('kubectl set image deployment/web web=nginx:1.27 -n shop'));
	const {dryRun: record} = state.steps[0];
	t.is(record?.exitCode, 0, record?.output.map(line => line.line).join('\n'));
	t.deepEqual(describeChanges(record!.changes!), [
		'would change 1 field of deployment shop/web:',
		'  spec.template.spec.containers[web].image: "nginx:1.27-typo" → "nginx:1.27"',
	]);
	t.true(record!.output.some(line => line.line === 'kind: Deployment'), 'the resulting object is kept as it was printed');
	t.deepEqual(writes().map(request => [request.method, /dryRun=All/.test(request.query)]), [['PATCH', true]]);
	t.is(sim.store.get(resourceFor('Deployment'), 'shop', 'web')!.spec.template.spec.containers[0].image, 'nginx:1.27-typo');
});

test.serial('an object that does not exist yet: it would be created', async t => {
	const state = await dryRun(session('kubectl create deployment api --image=nginx:1.27 -n shop -o yaml'));
	t.deepEqual(describeChanges(state.steps[0].dryRun!.changes!), ['would create deployment shop/api']);
	t.is(sim.store.get(resourceFor('Deployment'), 'shop', 'api'), undefined);
});

test.serial('a dry run that prints a message, not the object: no comparison', async t => {
	const state = await dryRun(session('kubectl scale deployment/web --replicas=3 -n shop'));
	t.like(state.steps[0].dryRun, {exitCode: 0, changes: undefined});
	t.regex(state.steps[0].dryRun!.output[0].line, /scaled \(server dry run\)/);
});

test.serial('the object cannot be read: a line says so, and the dry run still passed', async t => {
	const stopped = await startSim({bare: true});
	const elsewhere = loadTarget({kubeconfig: stopped.kubeconfigPath, namespace: 'shop', env: {HOME: '/nonexistent'}});
	await stopped.stop();
	const state = await dryRun(session('kubectl set image deployment/web web=nginx:1.27 -n shop', elsewhere));
	const {dryRun: record} = state.steps[0];
	t.like(record, {exitCode: 0, error: undefined, changes: undefined});
	t.regex(record!.output.at(-1)!.line, /^could not read deployment shop\/web to say what would change: /);
	t.is(record!.output.at(-1)!.stream, 'info');
});
