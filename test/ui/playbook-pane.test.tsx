import test, {type ExecutionContext} from 'ava';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {healthyPod} from '../core/match/fixtures/kube.js';
import {brokenPod, consoleFixture, pullFailed, waitFor, type ExecutorScript, type Fixture} from './helpers/console-fixture.js';
import {strip} from './helpers/pane-harness.js';

async function openPlaybook(t: ExecutionContext, options: {script?: (fixture: () => Fixture) => ExecutorScript; readOnly?: boolean; writeReport?: (state: unknown) => Promise<string>} = {}) {
	let fixture: Fixture | undefined;
	fixture = await consoleFixture({readOnly: options.readOnly, script: options.script?.(() => fixture!), writeReport: options.writeReport as never});
	const app = render(<App session={fixture.session} />);
	const done = fixture;
	t.teardown(() => {
		app.unmount();
		done.dispose();
	});
	const text = () => strip(app.lastFrame() ?? '');
	const see = async (wanted: string | RegExp) => waitFor(() => (typeof wanted === 'string' ? text().includes(wanted) : wanted.test(text())), () => `"${String(wanted)}" on screen:\n${text()}`);
	await see('web-7d4b9c8f6d-x2x9q');
	app.stdin.write('\r');
	await see('Playbook: Image cannot be pulled');
	return {...fixture, app, text, see, keys: (input: string) => app.stdin.write(input)};
}

/** The fix works: the rollback makes the pod healthy and the event goes. */
const fixes = (fixture: () => Fixture): ExecutorScript => ({
	lines(request) {
		if (request.argv.includes('history')) return ['deployment.apps/web', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>'];
		if (request.argv.includes('undo') && !request.dryRun) {
			const {store} = fixture();
			store.upsert('Pod', {...healthyPod({name: brokenPod.metadata.name}), metadata: {...brokenPod.metadata, resourceVersion: '99999'}});
			store.remove('Event', pullFailed);
			return ['deployment.apps/web rolled back'];
		}
		return [];
	},
});

test('the playbook shows the steps, the exact command, whether it writes, and the keys that answer', async t => {
	const {app, text, see} = await openPlaybook(t);
	await see('Run it?');
	t.regex(text(), /▶ 1\. Find the revision that last ran\s+waiting for you/);
	t.regex(text(), /· 2\. Roll back to it/);
	t.true(text().includes('$ kubectl rollout history deployment/web -n shop'));
	t.true(text().includes('read · `kubectl rollout history` only reads the cluster · context kind-dev · namespace shop'));
	t.regex(text(), /Run it\?\s+y run n skip e edit a abort\s+Esc back/);
});

test('confirming each step fixes it: output streams in, the rollback is a write, the finding goes', async t => {
	const {app, text, see, keys, executor} = await openPlaybook(t, {script: fixes});
	await see('Run it?');
	keys('y');
	await see(/✓ 1\. Find the revision that last ran/);
	t.true(text().includes('Output of step 1:'));
	t.true(text().includes('2         <none>'));
	t.true(text().includes('$ kubectl rollout undo deployment/web -n shop --to-revision=2'), text());
	t.true(text().includes('write · `kubectl rollout undo` changes the cluster'));
	keys('d');
	await waitFor(() => executor.requests.some(request => request.dryRun), 'the dry run');
	await see('dry run passed');
	keys('y');
	await see('Fixed: the finding is gone');
	t.deepEqual(executor.requests.map(request => `${request.kind}${request.dryRun ? ' dry-run' : ''}: ${request.argv.join(' ')}`), [
		'kubectl: kubectl rollout history deployment/web -n shop',
		'kubectl dry-run: kubectl rollout undo deployment/web -n shop --to-revision=2 --dry-run=server',
		'kubectl: kubectl rollout undo deployment/web -n shop --to-revision=2',
		'wait: pulled pod/web-7d4b9c8f6d-x2x9q',
	]);
	t.regex(text(), /Done\.\s+f again\s+Esc back/, 'no report key when the session cannot write files');
	keys('\u001b');
	await see('no findings');
});

test('n skips a step, e edits the command before it runs, a aborts', async t => {
	const {app, text, see, keys, executor} = await openPlaybook(t, {script: fixes});
	await see('Run it?');
	keys('n');
	await see(/↷ 1\. Find the revision that last ran\s+skipped/);
	keys('e');
	await waitFor(() => text().includes('edit: kubectl rollout undo'), 'the edit prompt');
	keys('\u0015');
	keys('kubectl rollout undo deployment/web -n shop --to-revision=1\r');
	await see('(edited)');
	t.true(text().includes('$ kubectl rollout undo deployment/web -n shop --to-revision=1'));
	keys('a');
	await see('Aborted after');
	t.is(executor.requests.length, 0, 'nothing ran');
});

test('read-only: the write step is refused and never reaches the executor', async t => {
	const {app, text, see, keys, executor} = await openPlaybook(t, {readOnly: true, script: fixes});
	t.true(text().includes('READ-ONLY'));
	keys('y');
	await see(/↷ 2\. Roll back to it\s+skipped · refused: read-only session/);
	t.false(executor.requests.some(request => request.argv.includes('undo')));
});

test('q while a step runs asks first; n keeps the console, y quits and stops the step', async t => {
	const {app, see, keys, executor} = await openPlaybook(t, {script: () => ({hold: request => request.argv.includes('history')})});
	await see('Run it?');
	keys('y');
	await see('Running…');
	keys('q');
	await see('A step is running. Quit and stop it?');
	keys('n');
	await see('Running…');
	keys('q');
	await see('A step is running. Quit and stop it?');
	keys('y');
	await waitFor(() => executor.requests[0].signal?.aborted === true, 'the running step to be stopped');
	t.is(executor.requests.length, 1);
});

test('r writes the incident report when the run is over, and says where', async t => {
	const written: unknown[] = [];
	const {app, see, keys} = await openPlaybook(t, {
		script: fixes,
		writeReport: async state => {
			written.push(state);
			return '/tmp/kconsole-report-image-pull.md';
		},
	});
	await see('Run it?');
	keys('y');
	await see(/✓ 1\./);
	keys('y');
	await see('Fixed: the finding is gone');
	keys('r');
	await see('incident report written to /tmp/kconsole-report-image-pull.md');
	t.is(written.length, 1);
});
