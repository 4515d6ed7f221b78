// `kconsole guide` against a bare simulated cluster: flags, time limits and cancellation.
import test from 'ava';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {injectFault} from '../kube/sim-target.js';
import {spawnGuide} from './guide-process.js';

let sim: SimHandle;

test.before(async () => {
	sim = await startSim({bare: true});
});

test.after.always(async () => {
	await sim?.stop();
});

const hang = ['hang-test', '--kind', 'Namespace', '--target', 'default', '--playbooks', 'test/fixtures/guide-playbooks'];

test('--yes with --read-only is refused with one clear line, exit 2', async t => {
	const guide = spawnGuide(undefined, ['image-pull', '--yes', '--read-only']);
	t.is(await guide.exit, 2);
	t.is(guide.stderr(), 'kconsole: guide: --yes and --read-only cannot go together: a read-only session refuses the changes --yes would agree to\n');
	t.is(guide.stdout(), '');
});

test('hanging steps are stopped at their time limits, a killed kubectl is reported, and the run goes on', async t => {
	const guide = spawnGuide(sim, hang);
	await guide.waitFor('Step 1/3: A host command that hangs');
	await guide.waitFor('⚠ HOST COMMAND: host command: runs on this machine with your shell and your permissions');
	await guide.waitFor('Run? [y]es / [n]o, skip / [e]dit / [a]bort: ');
	guide.answer('y');
	await guide.waitFor(/✗ failed in 1\.\d s: timed out after 1s \(SIGTERM\)/);
	await guide.waitFor('Step 2/3');
	await guide.waitFor('Run?', {from: guide.stdout().indexOf('Step 2/3')});
	// The API server now answers after 5 s: kubectl hangs past its 1 s limit.
	await injectFault(sim, {latencyMs: 5000});
	guide.answer('y');
	await guide.waitFor(/✗ failed in 1\.\d s: timed out after 1s \(SIGTERM\)/, {from: guide.stdout().indexOf('Step 2/3')});
	await injectFault(sim, {latencyMs: 0});
	await guide.waitFor('Step 3/3');
	await guide.waitFor('Run?', {from: guide.stdout().indexOf('Step 3/3')});
	guide.answer('y');
	await guide.waitFor(/│ default\s+Active/);
	t.is(await guide.exit, 1, 'the namespace still matches: not resolved');
	t.true(guide.stdout().includes('Not resolved: the finding is still there'));
	t.is(guide.stderr(), '');
	const audit = guide.audit();
	t.deepEqual(audit.map(entry => [entry.step, entry.kind, entry.timedOut ?? false, entry.signal ?? null, entry.exitCode]), [
		[1, 'sh', true, 'SIGTERM', null],
		[2, 'kubectl', true, 'SIGTERM', null],
		[3, 'kubectl', false, null, 0],
	]);
});

test('Ctrl-C stops the running step, the run goes on; at the next prompt it aborts', async t => {
	const guide = spawnGuide(sim, hang);
	await guide.waitFor('Run?');
	guide.answer('y');
	await guide.waitFor('Step 1/3');
	// The sh step runs (for at most 1 s): interrupt it.
	guide.interrupt();
	await guide.waitFor('^C: stopping this step (press Ctrl-C again to abort the run)');
	await guide.waitFor('Step 2/3');
	await guide.waitFor(/Run\?[^\n]*$/, {from: guide.stdout().indexOf('Step 2/3')});
	guide.interrupt();
	t.is(await guide.exit, 1);
	t.regex(guide.stdout(), /Aborted after/);
});

test('without a playbook or target the findings are listed, numbered, to pick from', async t => {
	const guide = spawnGuide(sim, ['-A', '--playbooks', 'test/fixtures/guide-playbooks'], {answers: '9\nq\n'});
	t.is(await guide.exit, 1);
	const out = guide.stdout();
	for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) t.regex(out, new RegExp(`\\d\\. warning +hang-test +namespace ${name}: Steps that hang`));
	t.true(out.includes('Fix which? [1-4] or [q]uit: 9\n  type a number from 1 to 4, or q\n'));
	t.true(out.endsWith('Aborted: no finding picked.\n'));
});

test('a target without that finding: nothing to fix, exit 0; a target that does not exist: exit 2', async t => {
	const none = spawnGuide(sim, ['image-pull', '--kind', 'ns', '--target', 'default'], {answers: ''});
	const missing = spawnGuide(sim, ['image-pull', '--target', 'default/no-such-pod'], {answers: ''});
	t.is(await none.exit, 0);
	t.is(none.stdout(), 'nothing to fix: namespace default has no image-pull finding\n');
	t.is(await missing.exit, 2);
	t.is(missing.stderr(), 'kconsole: pod default/no-such-pod does not exist in context kconsole-sim\n');
});

// Serial: the watch requests it waits for must be its own.
test.serial('Ctrl-C while kconsole is still looking for the finding stops it cleanly', async t => {
	sim.clearRequests();
	// Namespace default has no image-pull finding: kconsole would look for up to 10 s.
	const guide = spawnGuide(sim, ['image-pull', '--kind', 'Namespace', '--target', 'default']);
	const deadline = Date.now() + 30_000;
	while (!sim.requests().some(request => request.query.includes('watch=true')) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
	guide.interrupt();
	t.is(await guide.exit, 1);
	t.is(guide.stdout(), 'Aborted.\n');
});
