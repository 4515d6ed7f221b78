import test from 'ava';
import {dryRunArgv} from '../../../source/core/command/dry-run.js';
import {createRun} from '../../../source/core/guide/guide-reducer.js';
import {canConfirm, canDryRun, canEdit, currentStep, elapsedMs} from '../../../source/core/guide/guide-selectors.js';
import type {GuideState} from '../../../source/core/guide/guide-state.js';
import {complete, describePod, drive, imagePullFinding, imagePullPlaybook, setImage, step} from './playbook-fixtures.js';

const t0 = Date.UTC(2025, 2, 14, 9, 30, 0);

function imagePullRun(options: {captures?: Record<string, string>; presets?: Record<string, string>; mode?: 'read-write' | 'read-only'; steps?: Parameters<typeof imagePullPlaybook>[0]} = {}): GuideState {
	return createRun({
		playbook: imagePullPlaybook(options.steps),
		finding: imagePullFinding(options.captures),
		mode: options.mode ?? 'read-write',
		context: {context: 'kind-dev', namespace: 'default'},
		presets: options.presets,
		now: t0,
	});
}

function statuses(state: GuideState): string[] {
	return state.steps.map(step => step.status);
}

test('a full tag-not-found run: describe, ask the image, set it, wait for the rollout, check the finding', t => {
	let state = imagePullRun();
	t.is(state.variant?.id, 'tag-not-found');
	t.deepEqual(statuses(state), ['awaiting-confirmation', 'pending', 'pending']);
	t.is(currentStep(state)?.display, 'kubectl describe pod web-7d9f8-abcde -n shop');
	t.like(currentStep(state)?.verdict, {decision: 'confirm', class: 'read'});
	t.is(state.intent, null, 'nothing runs before the user confirms');

	state = drive(state, {type: 'confirm', now: t0 + 1000});
	t.deepEqual(state.intent, {id: 1, type: 'exec', stepIndex: 0, kind: 'kubectl', argv: ['kubectl', 'describe', 'pod', 'web-7d9f8-abcde', '-n', 'shop'], timeoutMs: 60_000, dryRun: false});
	t.is(currentStep(state)?.status, 'running');

	state = complete(state, ['Name: web-7d9f8-abcde', '  Warning  Failed  Failed to pull image "nginx:1.27-typo": not found'], 0, t0 + 2000, 1000);
	t.like(state.steps[0], {status: 'succeeded', exitCode: 0, startedAt: t0 + 1000, finishedAt: t0 + 2000, durationMs: 1000});
	t.is(state.steps[0].output.length, 2);

	t.is(state.current, 1);
	t.like(currentStep(state), {status: 'awaiting-input', question: {name: 'image', prompt: 'Which image should web run?', default: 'nginx:1.27-typo'}});
	t.is(state.intent, null);

	state = drive(state, {type: 'answer', value: 'nginx:1.27', now: t0 + 10_000});
	t.like(currentStep(state), {status: 'awaiting-confirmation', display: 'kubectl set image deployment/web web=nginx:1.27 -n shop'});
	t.like(currentStep(state)?.verdict, {decision: 'confirm', class: 'write'});
	t.true(canDryRun(state));

	state = drive(state, {type: 'confirm', now: t0 + 12_000});
	t.like(state.intent, {id: 2, type: 'exec', argv: ['kubectl', 'set', 'image', 'deployment/web', 'web=nginx:1.27', '-n', 'shop']});
	state = complete(state, ['deployment.apps/web image updated'], 0, t0 + 13_000);

	// A wait changes nothing, so it starts without asking.
	t.is(state.current, 2);
	t.deepEqual(state.intent, {id: 3, type: 'wait', stepIndex: 2, argv: ['rollout', 'deployment/web'], timeoutMs: 120_000});
	t.is(currentStep(state)?.display, 'wait rollout deployment/web');
	state = complete(state, ['deployment "web" successfully rolled out'], 0, t0 + 45_000);

	t.is(state.status, 'finished');
	t.deepEqual(state.intent, {id: 4, type: 'check-resolved'});
	t.deepEqual(statuses(state), ['succeeded', 'succeeded', 'succeeded']);
	t.is(currentStep(state), undefined);

	state = drive(state, {type: 'resolved', intentId: 4, value: true, now: t0 + 46_000});
	t.is(state.intent, null);
	t.true(state.resolved);
	t.is(elapsedMs(state, t0 + 999_000), 45_000);
});

test('an empty answer takes the default; a preset answers the question without asking', t => {
	const byDefault = drive(imagePullRun({steps: [setImage]}), {type: 'answer', value: '  ', now: t0});
	t.deepEqual(currentStep(byDefault)?.argv, ['kubectl', 'set', 'image', 'deployment/web', 'web=nginx:1.27-typo', '-n', 'shop']);

	const preset = imagePullRun({steps: [setImage], presets: {image: 'nginx:1.27'}});
	t.like(currentStep(preset), {status: 'awaiting-confirmation', question: undefined});
	t.deepEqual(currentStep(preset)?.argv, ['kubectl', 'set', 'image', 'deployment/web', 'web=nginx:1.27', '-n', 'shop']);
});

test('a question without a derivable default waits for a typed answer', t => {
	const ask = step('Pick a tag', 'kubectl', 'kubectl set image deployment/{{deployment}} {{container}}={{tag}} -n {{namespace}}', {ask: {name: 'tag', prompt: 'Tag?', default: 'nginx:{{tag}}'}});
	let state = imagePullRun({steps: [ask]});
	t.is(currentStep(state)?.question?.default, undefined);
	state = drive(state, {type: 'answer', value: '', now: t0});
	t.like(currentStep(state), {status: 'awaiting-input', error: 'type a value for {{tag}}'});
});

test('skip moves on without running anything', t => {
	const state = drive(imagePullRun(), {type: 'skip', now: t0 + 500});
	t.like(state.steps[0], {status: 'skipped', finishedAt: t0 + 500});
	t.is(currentStep(state)?.status, 'awaiting-input');
	t.is(state.intent, null);
});

test('skipping a running step cancels it: its late result is ignored', t => {
	let state = drive(imagePullRun(), {type: 'confirm', now: t0});
	const cancelled = state.intent!.id;
	state = drive(state, {type: 'skip', now: t0 + 100});
	t.like(state.steps[0], {status: 'skipped', note: 'skipped while running: the command was cancelled'});
	t.is(state.intent, null);
	const late = drive(state, {type: 'output', intentId: cancelled, stream: 'stdout', line: 'late'}, {type: 'result', intentId: cancelled, exitCode: 0, durationMs: 5, now: t0 + 200});
	t.is(late, state);
});

test('abort stops the run: no further intents, later steps stay pending', t => {
	let state = drive(imagePullRun(), {type: 'abort', now: t0 + 3000});
	t.is(state.status, 'aborted');
	t.is(state.intent, null);
	t.like(state.steps[0], {status: 'skipped', note: 'run aborted before this step ran'});
	t.deepEqual(statuses(state).slice(1), ['pending', 'pending']);
	t.is(drive(state, {type: 'confirm', now: t0 + 4000}, {type: 'skip', now: t0 + 4000}, {type: 'dry-run', now: t0 + 4000}), state);
	t.is(elapsedMs(state, t0 + 60_000), 3000);

	state = drive(imagePullRun(), {type: 'confirm', now: t0});
	const running = state.intent!.id;
	state = drive(state, {type: 'abort', now: t0 + 50});
	t.like(state.steps[0], {status: 'failed'});
	t.regex(state.steps[0].note!, /cancelled and may have partly taken effect/);
	t.is(drive(state, {type: 'result', intentId: running, exitCode: 0, durationMs: 50, now: t0 + 60}), state);
});

test('edit replaces the command; bad input keeps the step waiting with the reason', t => {
	const asked = drive(imagePullRun({steps: [setImage]}), {type: 'answer', value: 'nginx:1.27', now: t0});
	const cases = [
		{name: 'a new tag', text: 'kubectl set image deployment/web web=nginx:1.26 -n shop', argv: ['kubectl', 'set', 'image', 'deployment/web', 'web=nginx:1.26', '-n', 'shop'], error: undefined},
		{name: 'placeholders in the edit are filled', text: 'kubectl set image deployment/{{deployment}} web=nginx:1.26 -n {{namespace}}', argv: ['kubectl', 'set', 'image', 'deployment/web', 'web=nginx:1.26', '-n', 'shop'], error: undefined},
		{name: 'shell syntax', text: 'kubectl get pods | grep web', argv: undefined, error: /shell syntax "\|"/},
		{name: 'another program', text: 'helm rollback web 3', argv: undefined, error: /must start with kubectl/},
		{name: 'nothing', text: '   ', argv: undefined, error: /empty/},
	];
	for (const {name, text, argv, error} of cases) {
		const state = drive(asked, {type: 'edit', text, now: t0});
		const edited = currentStep(state)!;
		t.true(edited.edited, name);
		t.is(edited.status, 'awaiting-confirmation', name);
		t.deepEqual(edited.argv, argv, name);
		if (error) {
			t.regex(edited.error ?? '', error, name);
			t.false(canConfirm(state), name);
			t.is(drive(state, {type: 'confirm', now: t0}).intent, null, name);
		} else {
			t.is(edited.error, undefined, name);
			const intent = drive(state, {type: 'confirm', now: t0}).intent;
			t.deepEqual(intent?.type === 'exec' ? intent.argv : undefined, argv, name);
		}
	}
});

test('an edit can turn a read into a write, and the verdict follows it', t => {
	const state = drive(imagePullRun(), {type: 'edit', text: 'kubectl delete pod web-7d9f8-abcde -n shop', now: t0});
	t.like(currentStep(state)?.verdict, {decision: 'confirm', class: 'write'});
	t.true(canDryRun(state));

	const readOnly = drive(imagePullRun({mode: 'read-only'}), {type: 'edit', text: 'kubectl delete pod web-7d9f8-abcde -n shop', now: t0});
	t.like(currentStep(readOnly), {status: 'awaiting-confirmation', error: 'read-only session: `kubectl delete` changes the cluster'});
	t.false(canConfirm(readOnly));
});

test('dry-run sends the server-side dry-run argv and returns the step to confirmation', t => {
	let state = drive(imagePullRun({steps: [setImage]}), {type: 'answer', value: 'nginx:1.27', now: t0});
	const argv = currentStep(state)!.argv!;
	state = drive(state, {type: 'dry-run', now: t0 + 100});
	t.like(state.intent, {type: 'exec', kind: 'kubectl', dryRun: true, argv: dryRunArgv(argv)!});
	t.is(currentStep(state)?.status, 'running');
	t.false(canConfirm(state), 'one thing runs at a time');

	state = complete(state, ['deployment.apps/web image updated (server dry run)'], 0, t0 + 300, 200);
	t.is(state.intent, null);
	t.like(currentStep(state), {status: 'awaiting-confirmation', output: [], startedAt: undefined});
	t.like(currentStep(state)?.dryRun, {exitCode: 0, durationMs: 200, output: [{stream: 'stdout', line: 'deployment.apps/web image updated (server dry run)'}]});
	t.true(canConfirm(state));

	state = drive(state, {type: 'confirm', now: t0 + 400});
	t.like(state.intent, {dryRun: false, argv});
});

test('dry-run-changes: what the session found is kept on the dry run; late or stray ones are ignored', t => {
	let state = drive(imagePullRun({steps: [setImage]}), {type: 'answer', value: 'nginx:1.27', now: t0}, {type: 'dry-run', now: t0 + 100});
	const changes = {object: {apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web'}, creates: false, fields: [{path: 'spec.template.spec.containers[web].image', change: 'changed' as const, before: 'nginx:1.2', after: 'nginx:1.27'}]};
	const intentId = state.intent!.id;
	t.is(drive(state, {type: 'dry-run-changes', intentId: intentId + 1, changes}), state, 'another intent\'s');
	state = drive(state, {type: 'dry-run-changes', intentId, changes});
	t.deepEqual(currentStep(state)?.dryRun?.changes, changes);
	state = complete(state, ['apiVersion: apps/v1'], 0, t0 + 300, 200);
	t.like(currentStep(state)?.dryRun, {exitCode: 0, changes});
	t.is(drive(state, {type: 'dry-run-changes', intentId, changes: {...changes, fields: []}}), state, 'after the result');

	const running = drive(state, {type: 'confirm', now: t0 + 400});
	t.is(drive(running, {type: 'dry-run-changes', intentId: running.intent!.id, changes}), running, 'the step itself, not a dry run');
});

test('dry-run is offered only for writes', t => {
	const read = imagePullRun();
	t.false(canDryRun(read));
	t.is(drive(read, {type: 'dry-run', now: t0}), read);
});

test('read-only refuses the write step with a note and goes on', t => {
	let state = imagePullRun({mode: 'read-only'});
	t.like(currentStep(state)?.verdict, {decision: 'confirm', class: 'read'});
	state = complete(drive(state, {type: 'confirm', now: t0}), ['Events: …'], 0, t0 + 1000);
	t.like(state.steps[1], {status: 'skipped', note: 'refused: read-only session: `kubectl set image` changes the cluster', question: undefined});
	t.like(state.steps[1].verdict, {decision: 'deny', class: 'write'});
	// Nothing changed, so the rollout wait after the write has nothing to wait for.
	t.like(state.steps[2], {status: 'skipped', note: 'the change it waits for was not made (step 2 refused)'});
	t.like(state, {status: 'finished', intent: {type: 'check-resolved'}});
});

test('read-only refuses a host command; read-write asks with a warning and passes its env', t => {
	const listen = step('See what listens on the port', 'sh', 'ss -tlnp');
	const readOnly = imagePullRun({mode: 'read-only', steps: [listen, describePod]});
	t.like(readOnly.steps[0], {status: 'skipped', note: 'refused: read-only session: host commands never run'});
	t.is(readOnly.current, 1);

	const portListener = step('See what listens on the node port', 'sh', 'ss -tlnp "sport = :{{port}}"');
	const readWrite = imagePullRun({steps: [portListener], captures: {port: '31611'}});
	t.like(currentStep(readWrite)?.verdict, {decision: 'confirm', class: null});
	t.regex(currentStep(readWrite)!.verdict.reason, /on this machine with your shell/);
	t.false(canDryRun(readWrite));
	const running = drive(readWrite, {type: 'confirm', now: t0});
	t.like(running.intent, {type: 'exec', kind: 'sh', dryRun: false, timeoutMs: 60_000, env: {KCONSOLE_port: '31611'}});
	// The value travels in the environment; the script only names the variable.
	const script = running.intent?.type === 'exec' ? running.intent.argv.at(-1) : undefined;
	t.false(script?.includes('31611'));
	t.is(currentStep(running)?.display.includes('KCONSOLE_port'), true);
});

test('a host command is edited as shell text, its placeholders still passed through the environment', t => {
	const listen = step('See what listens on the port', 'sh', 'ss -tlnp');
	const state = drive(imagePullRun({steps: [listen], captures: {port: '31611'}}), {type: 'edit', text: 'ss -tlnp | grep {{port}}', now: t0});
	t.like(currentStep(state), {edited: true, error: undefined, env: {KCONSOLE_port: '31611'}});
	t.is(currentStep(state)?.argv?.at(-1), 'ss -tlnp | grep "${KCONSOLE_port}"');
});

test('a placeholder value that is not safe stops the step with a clear error', t => {
	let state = imagePullRun({captures: {pod: 'a; rm -rf /'}});
	const stopped = currentStep(state)!;
	t.is(stopped.status, 'awaiting-confirmation');
	t.is(stopped.argv, undefined);
	t.true(stopped.error?.includes('{{pod}}') && stopped.error.includes('a; rm -rf /'), stopped.error);
	t.false(canConfirm(state));
	t.true(canEdit(state));
	t.is(drive(state, {type: 'confirm', now: t0}).intent, null);

	state = drive(state, {type: 'edit', text: 'kubectl describe pod web-7d9f8-abcde -n shop', now: t0});
	t.is(currentStep(state)?.error, undefined);
	t.like(drive(state, {type: 'confirm', now: t0}).intent, {argv: ['kubectl', 'describe', 'pod', 'web-7d9f8-abcde', '-n', 'shop']});
});

test('an unsafe answer is not taken: the question stays open with the reason', t => {
	const state = drive(imagePullRun({steps: [setImage]}), {type: 'answer', value: 'nginx:1.27; rm -rf /', now: t0});
	t.is(currentStep(state)?.status, 'awaiting-input');
	t.true(currentStep(state)?.error?.includes('{{image}}'), currentStep(state)?.error);
	t.is(state.values.image, 'nginx:1.27-typo');
});

test('a capture from one step\'s output fills a later step', t => {
	const history = step('Find the last good revision', 'kubectl', 'kubectl rollout history deployment/{{deployment}} -n {{namespace}}', {capture: /^(?<revision>\d+)\s/m});
	const undo = step('Roll back to it', 'kubectl', 'kubectl rollout undo deployment/{{deployment}} --to-revision={{revision}} -n {{namespace}}');
	let state = drive(imagePullRun({steps: [history, undo]}), {type: 'confirm', now: t0});
	state = complete(state, ['deployment.apps/web', 'REVISION  CHANGE-CAUSE', '3         <none>', '4         <none>'], 0, t0 + 1000);
	t.is(state.values.revision, '3');
	t.deepEqual(currentStep(state)?.argv, ['kubectl', 'rollout', 'undo', 'deployment/web', '--to-revision=3', '-n', 'shop']);

	let nothing = drive(imagePullRun({steps: [history, undo]}), {type: 'confirm', now: t0});
	nothing = complete(nothing, ['deployment.apps/web', 'no rollout history found'], 0, t0 + 1000);
	t.is(nothing.steps[0].note, 'the capture pattern found nothing in the output');
	t.like(currentStep(nothing), {status: 'awaiting-confirmation', error: 'no value for {{revision}}'});
});

test('a failed step records its result and the run goes on to the next decision', t => {
	const cases = [
		{name: 'non-zero exit', result: {exitCode: 1}, expected: {status: 'failed', exitCode: 1, error: undefined}},
		{name: 'timeout', result: {exitCode: null, timedOut: true, signal: 'SIGTERM'}, expected: {status: 'failed', timedOut: true, signal: 'SIGTERM', error: 'timed out after 60s'}},
		{name: 'could not start', result: {exitCode: null, error: 'kubectl: command not found'}, expected: {status: 'failed', error: 'kubectl: command not found'}},
	];
	for (const {name, result, expected} of cases) {
		let state = drive(imagePullRun(), {type: 'confirm', now: t0});
		state = drive(state, {type: 'output', intentId: state.intent!.id, stream: 'stderr', line: 'Error from server'}, {type: 'result', intentId: state.intent!.id, durationMs: 10, now: t0 + 10, ...result});
		t.like(state.steps[0], expected, name);
		t.is(state.current, 1, name);
		t.is(currentStep(state)?.status, 'awaiting-input', name);
	}
});

test('results and output for another intent id are ignored', t => {
	const state = drive(imagePullRun(), {type: 'confirm', now: t0});
	const id = state.intent!.id;
	t.is(drive(state, {type: 'result', intentId: id + 1, exitCode: 0, durationMs: 1, now: t0}), state);
	t.is(drive(state, {type: 'output', intentId: id - 1, stream: 'stdout', line: 'x'}), state);
	t.is(drive(state, {type: 'resolved', intentId: id, value: true, now: t0}), state);
});

test('manual steps are marked done; probes run on their own with their timeout', t => {
	const manual = step('Open the port in the security group', null, 'Open port {{port}} in the cloud console.');
	const probe = step('Test the registry port', 'probe', 'tcp registry.shop.svc:5000');
	let state = imagePullRun({steps: [manual, probe], captures: {port: '31611'}});
	t.like(currentStep(state), {status: 'awaiting-confirmation', display: 'Open port 31611 in the cloud console.', verdict: {decision: 'confirm', class: null}});
	state = drive(state, {type: 'confirm', now: t0 + 5000});
	t.like(state.steps[0], {status: 'succeeded', finishedAt: t0 + 5000});
	t.deepEqual(state.intent, {id: 1, type: 'probe', stepIndex: 1, argv: ['tcp', 'registry.shop.svc:5000'], timeoutMs: 10_000});
});

test('a step\'s timeout option overrides the default for its kind', t => {
	const slow = step('Wait longer', 'wait', 'rollout deployment/{{deployment}}', {timeoutMs: 300_000});
	t.like(imagePullRun({steps: [slow]}).intent, {type: 'wait', timeoutMs: 300_000});
});

test('escape sequences in output are removed before the pane or a capture sees them', t => {
	const history = step('Find the last good revision', 'kubectl', 'kubectl rollout history deployment/{{deployment}} -n {{namespace}}', {capture: /^(?<revision>\d+)\s/m});
	let state = drive(imagePullRun({steps: [history]}), {type: 'confirm', now: t0});
	state = complete(state, ['\u001B[1m3\u001B[0m         <none>\u001B]0;owned\u0007']);
	t.is(state.steps[0].output[0].line, '3         <none>');
	t.is(state.values.revision, '3');
});

test('output is bounded: old lines are dropped and counted', t => {
	let state = drive(imagePullRun(), {type: 'confirm', now: t0});
	const id = state.intent!.id;
	for (let i = 0; i < 620; i++) state = drive(state, {type: 'output', intentId: id, stream: 'stdout', line: `line ${i}`});
	t.is(currentStep(state)?.output.length, 500);
	t.is(currentStep(state)?.outputDropped, 120);
	t.is(currentStep(state)?.output[0].line, 'line 120');
});

test('variant without steps uses the playbook\'s default steps', t => {
	const state = imagePullRun({steps: []});
	t.is(state.steps.length, 1);
	t.is(state.steps[0].step, describePod);
});
