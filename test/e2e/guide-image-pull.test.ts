// `kconsole guide image-pull` against the simulated cluster's image-tag-not-found scenario
// (seed 002): deployment cifar10-deployment was pointed at cifar-api:wrong-v1, which does not
// exist; cifar-api:cpu-v1 does. The sim's own request record proves what reached the cluster.
import test from 'ava';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {failingPod, spawnGuide, writesTo} from './guide-process.js';

type Scenario = {sim: SimHandle; pod: string};

async function scenario(): Promise<Scenario> {
	const sim = await startSim({scenarios: ['image-tag-not-found'], speed: 20});
	return {sim, pod: await failingPod(sim, 'cifar10')};
}

const sims: SimHandle[] = [];
test.after.always(async () => {
	await Promise.all(sims.map(async sim => sim.stop()));
});

async function setup(): Promise<Scenario> {
	const started = await scenario();
	sims.push(started.sim);
	return started;
}

function image(sim: SimHandle): string {
	return sim.store.get(resourceFor('Deployment'), 'cifar10', 'cifar10-deployment')!.spec.template.spec.containers[0].image;
}

test('answers on stdin: read steps, the fix after confirmation, the rollout, resolved; audited and reported', async t => {
	const {sim, pod} = await setup();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod], {answers: 'y\ncifar-api:cpu-v1\ny\n', report: true});
	t.is(await guide.exit, 0, guide.stdout() + guide.stderr());
	const out = guide.stdout();
	t.true(out.includes(`  $ kubectl describe pod ${pod.split('/')[1]} -n cifar10\n`));
	t.regex(out, /│ {3}Warning {2}Failed .*Failed to pull image "cifar-api:wrong-v1"/, 'the read step ran and its output streamed');
	t.true(out.includes('  Image to run instead (registry/repository:tag) [cifar-api:wrong-v1]: cifar-api:cpu-v1\n'));
	t.true(out.includes('  $ kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10\n'));
	t.regex(out, /│ deployment\/cifar10-deployment rolled out: 2\/2 updated, 2 available/);
	t.regex(out, /Resolved: the finding is gone\. Time to resolution: [\d.]+ m?s\./);
	t.is(image(sim), 'cifar-api:cpu-v1');
	t.deepEqual(writesTo(sim).map(request => `${request.method} ${request.path}`), ['PATCH /apis/apps/v1/namespaces/cifar10/deployments/cifar10-deployment']);
	const audit = guide.audit();
	t.deepEqual(audit.map(entry => [entry.step, entry.kind, entry.argv.filter(arg => !arg.startsWith('--kube') && !arg.startsWith('--context')).join(' '), entry.confirmedBy, entry.exitCode]), [
		[1, 'kubectl', `kubectl describe pod ${pod.split('/')[1]} -n cifar10`, 'user', 0],
		[2, 'kubectl', 'kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10', 'user', 0],
		[3, 'wait', 'rollout deployment/cifar10-deployment', 'auto', 0],
		[4, 'wait', 'resolved', 'auto', 0],
	]);
	t.true(audit.every(entry => entry.context === 'kconsole-sim' && entry.namespace === 'cifar10' && entry.mode === 'read-write' && entry.playbook === 'image-pull'));
	const report = guide.report();
	t.true(report.includes('$ kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10'));
	t.true(report.includes(`$ kubectl describe pod ${pod.split('/')[1]} -n cifar10`));
	t.regex(report, /Resolved: the finding is gone\. Time to resolution: /);
});

test('--yes: every step runs unattended, each write printed before it runs', async t => {
	const {sim, pod} = await setup();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod, '--yes', '--set', 'image=cifar-api:cpu-v1'], {answers: ''});
	t.is(await guide.exit, 0, guide.stdout() + guide.stderr());
	t.regex(guide.stdout(), /\$ kubectl set image deployment\/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10\n.*\nRun\? \[y\]es .*: yes \(--yes\)\n/);
	t.true(guide.audit().every(entry => entry.confirmedBy === '--yes' || entry.confirmedBy === 'auto'));
	t.is(image(sim), 'cifar-api:cpu-v1');
});

test('n skips, a aborts, and nothing more runs: no write reached the cluster', async t => {
	const {sim, pod} = await setup();
	sim.clearRequests();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod], {answers: 'n\ncifar-api:cpu-v1\na\n'});
	t.is(await guide.exit, 1);
	t.true(guide.stdout().includes('  – skipped\n'));
	t.true(guide.stdout().includes('Aborted after'));
	t.deepEqual(writesTo(sim), []);
	t.deepEqual(guide.audit(), [], 'nothing ran');
	t.is(image(sim), 'cifar-api:wrong-v1');
});

test('e runs the edited command: a rollout undo instead of set image; its dry run says it would roll back, not compared', async t => {
	const {sim, pod} = await setup();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod], {answers: 'n\ncifar-api:cpu-v1\ne\nkubectl rollout undo deployment/cifar10-deployment -n cifar10\nd\ny\n'});
	t.is(await guide.exit, 0, guide.stdout() + guide.stderr());
	t.true(guide.stdout().includes('  $ kubectl rollout undo deployment/cifar10-deployment -n cifar10\n'));
	// With -o, kubectl would print the deployment as it was before the undo, which reads like the result.
	t.true(guide.stdout().includes('    │ deployment.apps/cifar10-deployment rolled back (server dry run)\n'), guide.stdout());
	t.false(guide.stdout().includes('kind: Deployment'));
	t.false(guide.stdout().includes('would change'));
	t.is(image(sim), 'cifar-api:cpu-v1', 'the undo went back to revision 1');
	const write = guide.audit().find(entry => entry.step === 2 && !entry.dryRun);
	t.deepEqual(write?.argv.slice(-5), ['rollout', 'undo', 'deployment/cifar10-deployment', '-n', 'cifar10']);
});

test('d runs a server-side dry run that changes nothing and says the one field it would change', async t => {
	const {sim, pod} = await setup();
	const before = sim.store.get(resourceFor('Deployment'), 'cifar10', 'cifar10-deployment')!.metadata.resourceVersion;
	sim.clearRequests();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod], {answers: 'n\ncifar-api:cpu-v1\nd\na\n'});
	t.is(await guide.exit, 1);
	const out = guide.stdout();
	t.true(out.includes([
		'  dry run: $ kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10 --dry-run=server -o yaml',
		'    would change 1 field of deployment cifar10/cifar10-deployment:',
		'      spec.template.spec.containers[cifar-api].image: "cifar-api:wrong-v1" → "cifar-api:cpu-v1"',
	].join('\n')), out);
	t.regex(out, /\n {4}\(the resulting object, \d+ lines, is not shown: only what would change\)\n {2}dry run accepted by the server: nothing was changed\n/);
	t.false(out.includes('│ apiVersion: apps/v1'), 'the resulting object is not printed');
	const writes = writesTo(sim);
	t.is(writes.length, 1, 'the dry run, and no other write');
	t.is(writes[0].method, 'PATCH');
	t.regex(writes[0].query, /dryRun=All/);
	const read = sim.requests().filter(request => request.userAgent === 'kconsole' && request.path === '/apis/apps/v1/namespaces/cifar10/deployments/cifar10-deployment');
	t.deepEqual(read.map(request => request.method), ['GET'], 'kconsole read the object as it is now, once');
	t.is(image(sim), 'cifar-api:wrong-v1');
	t.is(sim.store.get(resourceFor('Deployment'), 'cifar10', 'cifar10-deployment')!.metadata.resourceVersion, before);
	t.like(guide.audit()[0], {step: 2, dryRun: true, classification: 'write', exitCode: 0});
});

test('--read-only: the write is refused and audited, the sim receives no write', async t => {
	const {sim, pod} = await setup();
	sim.clearRequests();
	const guide = spawnGuide(sim, ['image-pull', '--target', pod, '--read-only']);
	await guide.waitFor('Run?');
	guide.answer('y');
	await guide.waitFor('✗ refused: read-only session: `kubectl set image` changes the cluster');
	// Nothing was changed, so the waits that verify the change are skipped, not sat out.
	t.is(await guide.exit, 1);
	const skipped = guide.stdout().split('\n').filter(line => line === '  – skipped: the change it waits for was not made (step 2 refused)');
	t.is(skipped.length, 2, guide.stdout());
	t.regex(guide.stdout(), /Not resolved: the finding is still there/);
	t.deepEqual(writesTo(sim).filter(request => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)), []);
	t.like(guide.audit().find(entry => entry.refused), {step: 2, mode: 'read-only', classification: 'write'});
});
