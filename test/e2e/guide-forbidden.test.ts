// A step's kubectl forbidden by the API server (the sim's `forbid` fault answers like RBAC) in
// the image-private-no-secret scenario (seed 004): line mode says the output matches rbac and
// how to fix it, that command really finds it, and the console's live findings hold it.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {createClusterSession} from '../../source/commands/cluster-session.js';
import {startLiveCluster} from '../../source/commands/live-cluster.js';
import {splitCommandLine} from '../../source/core/command/split-command-line.js';
import type {GuideState} from '../../source/core/guide/guide-state.js';
import {findingKey, type Finding} from '../../source/core/match/types.js';
import {loadTarget} from '../../source/kube/kube-target.js';
import {loadPlaybooks} from '../../source/library/load-playbooks.js';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import type {GuideHandle} from '../../source/ui/console-session.js';
import {injectFault} from '../kube/sim-target.js';
import {failingPod, spawnGuide} from './guide-process.js';

const forbidden = 'Error from server (Forbidden): secrets is forbidden: User "kconsole-sim" cannot list resource "secrets" in API group "" in the namespace "calculator"';

const sims: SimHandle[] = [];
test.after.always(async () => {
	await Promise.all(sims.map(async sim => sim.stop()));
});

/** The scenario with a failing pod, and every request for secrets answered 403. */
async function setup(): Promise<{sim: SimHandle; pod: string}> {
	const sim = await startSim({scenarios: ['image-private-no-secret'], speed: 20});
	sims.push(sim);
	const pod = await failingPod(sim, 'calculator');
	await injectFault(sim, {forbid: ['secrets']});
	return {sim, pod};
}

test('line mode: the forbidden step is followed by the rbac finding on its output and a fix command that finds it', async t => {
	const {sim, pod} = await setup();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod]);
	for (const step of [1, 2, 3]) {
		await guide.waitFor(`Step ${step}/`);
		await guide.waitFor('Run?', {from: guide.stdout().indexOf(`Step ${step}/`)});
		guide.answer('y');
	}
	await guide.waitFor('the output matches rbac');
	await guide.waitFor('Done?');
	guide.answer('a');
	t.is(await guide.exit, 1);
	const out = guide.stdout();
	const matchLine = out.split('\n').find(line => line.startsWith('  the output matches rbac'))!;
	t.true(out.includes('  $ kubectl get secrets -n calculator\n'), out);
	t.true(out.includes(`    ! ${forbidden}\n  ✗ failed in `), out);
	t.true(out.includes(`: exit code 1\n${matchLine}\n`), 'right after the failed step');
	t.true(matchLine.startsWith(`  the output matches rbac (Not allowed by RBAC): kconsole-sim may not list secrets in namespace calculator; fix it with: kconsole guide rbac --kind Text --target '${forbidden}' --kubeconfig `), matchLine);

	// The fix as printed, run as printed: it finds that finding and walks through its playbook.
	const split = splitCommandLine(matchLine.slice(matchLine.indexOf('fix it with: ') + 'fix it with: '.length));
	if (!split.ok) throw new Error(split.error);
	const fix = spawnGuide(undefined, split.argv.slice(2), {answers: 'a\n'});
	t.is(await fix.exit, 1, fix.stderr());
	t.true(fix.stdout().includes('Not allowed by RBAC: text given with --target\n  kconsole-sim may not list secrets in namespace calculator\n  Variant: A user lacks a permission in one namespace\n'), fix.stdout());
	t.true(fix.stdout().includes('  $ kubectl auth can-i list secrets --as=kconsole-sim -n calculator\n'));
});

/** Resolves with what `check` finds once it finds something, checked after every change; rejects after the deadline. */
async function until<T>(check: () => T | undefined, subscribe: (listener: () => void) => () => void, what: string, deadlineMs = 30_000): Promise<T> {
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

test('the console\'s session: the forbidden step\'s rbac finding joins the live findings; the run goes on with its own finding', async t => {
	const {sim, pod} = await setup();
	const home = mkdtempSync(path.join(tmpdir(), 'kconsole-guide-forbidden-'));
	const target = loadTarget({kubeconfig: sim.kubeconfigPath, allNamespaces: true, env: {HOME: home}});
	const {playbooks} = await loadPlaybooks();
	const live = startLiveCluster(target, playbooks);
	let guide: GuideHandle | undefined;
	try {
		const podName = pod.split('/')[1];
		const finding = await until(() => live.findings.findings().find(each => each.playbook === 'image-pull' && each.name === podName), listener => live.findings.subscribe(listener), 'the image-pull finding');
		t.is(finding.variant, 'unauthorized');
		const session = createClusterSession(live, {readOnly: false, terminal: {colour: false, unicode: true}, env: {HOME: home}, auditFile: path.join(home, 'audit.jsonl')});
		guide = session.startGuide(finding, playbooks.find(playbook => playbook.id === 'image-pull')!);
		const handle = guide;
		const waiting = (index: number) => (handle.getState().current === index && handle.getState().steps[index].status === 'awaiting-confirmation' ? handle.getState() : undefined);
		for (const index of [0, 1, 2]) {
			await until(() => waiting(index), listener => handle.subscribe(listener), `step ${index + 1} waits`);
			handle.dispatch({type: 'confirm', now: Date.now()});
		}
		const state: GuideState = await until(() => waiting(3), listener => handle.subscribe(listener), 'step 4 waits');
		t.is(state.steps[2].status, 'failed');
		t.is(findingKey(state.finding), findingKey(finding));
		const text: Finding = live.findings.findings().find(each => each.kind === 'Text')!;
		t.like(text, {playbook: 'rbac', variant: 'user', name: 'output of step 3: kubectl get secrets -n calculator', summary: 'kconsole-sim may not list secrets in namespace calculator', evidence: [forbidden]});
		t.true(live.findings.findings().some(each => findingKey(each) === findingKey(finding)), 'the run\'s own finding is still there');
	} finally {
		guide?.dispose();
		await live.stop();
	}
});

test('a --target text that no playbook recognises is nothing to fix', async t => {
	const sim = await startSim({bare: true});
	sims.push(sim);
	const guide = spawnGuide(sim, ['--kind', 'Text', '--target', 'deployment.apps/web image updated'], {answers: ''});
	t.is(await guide.exit, 0, guide.stderr());
	t.is(guide.stdout(), 'nothing to fix: the --target text matches no playbook\n');
});
