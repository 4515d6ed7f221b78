import {chmod, mkdtemp, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import test from 'ava';
import {createAnswerReader} from '../../source/commands/guide-answers.js';
import {createLineMode} from '../../source/commands/guide-line-mode.js';
import {createStyle} from '../../source/commands/guide-printer.js';
import {createRun} from '../../source/core/guide/guide-reducer.js';
import type {Mode} from '../../source/core/command/policy.js';
import {parsePlaybook} from '../../source/core/playbook/parse-playbook.js';
import type {Playbook, Step} from '../../source/core/playbook/types.js';
import {createExecutor} from '../../source/exec/executor.js';
import {createGuideSession} from '../../source/exec/guide-session.js';
import {describePod, imagePullFinding, imagePullPlaybook, setImage, waitRollout} from '../core/guide/playbook-fixtures.js';

const target = {context: 'kind-dev', kubeconfigPaths: ['/k/config'], origin: '--kubeconfig' as const, namespace: 'shop'};

/** Line mode on plain streams: answers written up front, the transcript collected as text. */
async function lineMode(options: {answers: string; steps?: Step[]; playbook?: Playbook; yes?: boolean; mode?: Mode; presets?: Record<string, string>; end?: boolean}) {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'kconsole-line-'));
	const kubectl = path.join(directory, 'kubectl');
	await writeFile(kubectl, '#!/bin/sh\ncase "$*" in *sleep*) sleep 30;; esac\necho "kubectl $*" | cut -d" " -f1,4-\n');
	await chmod(kubectl, 0o755);
	const mode = options.mode ?? 'read-write';
	const findings = {findings: () => [], subscribe: () => () => {}};
	const executor = createExecutor({mode, target, kubectl, findings});
	const run = createRun({playbook: options.playbook ?? imagePullPlaybook(options.steps), finding: imagePullFinding(), mode, context: {context: 'kind-dev', namespace: 'shop'}, presets: options.presets, now: Date.now()});
	const session = createGuideSession({run, executor, findings, confirmedBy: options.yes ? '--yes' : 'user'});
	const input = new PassThrough();
	const output = new PassThrough();
	let transcript = '';
	output.on('data', chunk => {
		transcript += String(chunk);
	});
	const mode_ = createLineMode({session, out: output, style: createStyle(false), yes: options.yes ?? false, target});
	const reader = createAnswerReader({input, output, onInterrupt: () => mode_.interrupt()});
	mode_.attach(reader);
	input.write(options.answers);
	if (options.end !== false) input.end();
	return {session, lineMode: mode_, input, transcript: () => transcript, close: () => reader.close()};
}

test('answers from a pipe drive the run; the transcript shows commands, output and outcomes', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'y\nnginx:1.27\ny\n', steps: [describePod, setImage]});
	const {state} = await mode.run();
	t.deepEqual(state.steps.map(step => step.status), ['succeeded', 'succeeded']);
	const text = transcript();
	t.true(text.includes('Step 1/2: Look at the pod\'s events\n'));
	t.true(text.includes('  $ kubectl describe pod web-7d9f8-abcde -n shop\n'));
	t.true(text.includes('  reads · `kubectl describe` only reads the cluster · context kind-dev, namespace shop\n'));
	t.true(text.includes('Run? [y]es / [n]o, skip / [e]dit / [a]bort: y\n'), 'a read offers no dry run');
	t.true(text.includes('    │ kubectl describe pod web-7d9f8-abcde -n shop\n'), 'output is indented under its step');
	t.true(text.includes('  Which image should web run? [nginx:1.27-typo]: nginx:1.27\n'));
	t.true(text.includes('Run? [y]es / [n]o, skip / [e]dit / [d]ry-run / [a]bort: y\n'), 'a write offers a dry run');
	t.true(text.includes('  writes · `kubectl set image` changes the cluster'));
});

test('end of input aborts and nothing more runs', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'n\n', steps: [describePod, setImage]});
	const {state} = await mode.run();
	t.is(state.status, 'aborted');
	t.deepEqual(state.steps.map(step => step.status), ['skipped', 'skipped']);
	t.true(transcript().includes('(end of input)\nAborted: no answer.\n'));
});

test('an unknown answer is asked again; an edit aimed at another context is refused and asked again', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'maybe\ne\nkubectl --context prod describe pod x\ne\nkubectl get pods -n shop\ny\n', steps: [describePod]});
	const {state} = await mode.run();
	t.like(state.steps[0], {status: 'succeeded', edited: true, argv: ['kubectl', 'get', 'pods', '-n', 'shop']});
	t.true(transcript().includes('  answer y, n, e, a\n'));
	t.regex(transcript(), /✗ refused: the command names context "prod", but this session targets "kind-dev"/);
});

test('a dry run shows what the server says, then asks again', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'd\ny\n', steps: [setImage], presets: {image: 'nginx:1.27'}});
	const {state} = await mode.run();
	t.is(state.steps[0].status, 'succeeded');
	t.true(transcript().includes('  dry run: $ kubectl set image deployment/web web=nginx:1.27 -n shop --dry-run=server -o yaml\n'));
	t.true(transcript().includes('  dry run accepted by the server: nothing was changed\n'));
});

test('--yes confirms every step and takes defaults, printing each command first', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: '', steps: [describePod, setImage], yes: true});
	const {state, problem} = await mode.run();
	t.is(problem, undefined);
	t.deepEqual(state.steps.map(step => step.status), ['succeeded', 'succeeded']);
	t.regex(transcript(), /\$ kubectl set image deployment\/web web=nginx:1\.27-typo -n shop\n.*\nRun\? .*: yes \(--yes\)\n/);
});

test('--yes stops at a question nobody can answer', async t => {
	const noDefault = {...setImage, action: {...setImage.action!, ask: {name: 'image', prompt: 'Image?'}}};
	const {lineMode: mode} = await lineMode({answers: '', steps: [noDefault], yes: true});
	const {state, problem} = await mode.run();
	t.is(state.status, 'aborted');
	t.regex(problem ?? '', /asks for \{\{image\}\} and has no default: answer it in advance with --set image=VALUE/);
});

test('read-only: the write is refused with its reason and the run goes on', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'y\n', steps: [setImage, describePod], mode: 'read-only', presets: {image: 'nginx:1.27'}});
	const {state} = await mode.run();
	t.deepEqual(state.steps.map(step => step.status), ['skipped', 'succeeded']);
	t.true(transcript().includes('  ✗ refused: read-only session: `kubectl set image` changes the cluster\n'));
});

test('Ctrl-C while a step runs stops the step; the second one aborts the run', async t => {
	const sleeper = {...describePod, action: {...describePod.action!, argv: ['kubectl', 'get', 'sleep']}};
	const {lineMode: mode, session, transcript, close} = await lineMode({answers: 'y\n', steps: [sleeper, describePod], end: false});
	const running = mode.run();
	await new Promise<void>(resolve => {
		const unsubscribe = session.subscribe(() => {
			if (session.getState().steps[0].status !== 'running') return;
			unsubscribe();
			resolve();
		});
	});
	mode.interrupt();
	await new Promise<void>(resolve => {
		const unsubscribe = session.subscribe(() => {
			if (session.getState().steps[1].status !== 'awaiting-confirmation') return;
			unsubscribe();
			resolve();
		});
	});
	t.like(session.getState().steps[0], {status: 'failed', error: 'cancelled'});
	// At the next prompt Ctrl-C aborts.
	mode.interrupt();
	const {state} = await running;
	close();
	t.is(state.status, 'aborted');
	t.true(transcript().includes('^C: stopping this step (press Ctrl-C again to abort the run)\n'));
});

test('an answer that cannot go into the command is refused each time, with the reason', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'nginx:1.27; rm -rf /\nnginx:1.27; rm -rf /\nnginx:1.27\ny\n', steps: [setImage]});
	const {state} = await mode.run();
	t.is(state.steps[0].status, 'succeeded');
	const refusals = transcript().split('\n').filter(line => line.startsWith('  ✗ '));
	t.is(refusals.length, 2, transcript());
});

/** A playbook with a manual step between a read and a check, as rbac.md writes them. */
function manualPlaybook(): Playbook {
	const text = [
		'---',
		'id: manual-role',
		'title: The pod may not list pods',
		'severity: error',
		'match:',
		'  - pod: {waiting: [ErrImagePull]}',
		'---',
		'## Steps',
		'',
		'### Look at the pod',
		'```kubectl',
		'kubectl describe pod {{pod}} -n {{namespace}}',
		'```',
		'',
		'### Create the Role',
		'Create a Role in {{namespace}} that lets the pod list pods,',
		'then mark this step done.',
		'',
		'### Look at the pod again',
		'```kubectl',
		'kubectl describe pod {{pod}} -n {{namespace}}',
		'```',
	].join('\n');
	const {playbook, problems} = parsePlaybook(text, 'manual-role.md');
	if (!playbook) throw new Error(problems.map(problem => problem.message).join('; '));
	return playbook;
}

test('a manual step shows its prose and asks whether it is done', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'y\ny\ny\n', playbook: manualPlaybook()});
	const {state} = await mode.run();
	t.deepEqual(state.steps.map(step => step.status), ['succeeded', 'succeeded', 'succeeded']);
	const text = transcript();
	t.true(text.includes([
		'Step 2/3: Create the Role',
		'  Create a Role in shop that lets the pod list pods,',
		'  then mark this step done.',
		'  Manual step: kconsole runs nothing here. Do what it says, then answer y.',
		'Done? [y]es, it is done / [n]o, skip it / [a]bort: y',
		'  ✓ marked done',
	].join('\n')), text);
	t.false(text.includes('Done? [y]es, it is done / [n]o, skip it / [e]dit'), 'nothing to edit in a manual step');
});

test('a wait after a write the user declined is skipped with the reason, and the run finishes', async t => {
	const {lineMode: mode, transcript} = await lineMode({answers: 'n\n', steps: [setImage, waitRollout], presets: {image: 'nginx:1.27'}});
	const {state} = await mode.run();
	t.is(state.status, 'finished');
	t.deepEqual(state.steps.map(step => step.status), ['skipped', 'skipped']);
	t.is(state.steps[1].startedAt, undefined, 'the wait never started');
	const text = transcript();
	t.true(text.includes([
		'Step 2/2: Wait for the rollout',
		'  Why: Wait for the rollout.',
		'  wait rollout deployment/web',
		'  checks · built-in wait: watches the cluster and changes nothing · context kind-dev, namespace shop',
		'  – skipped: the change it waits for was not made (step 1 skipped)',
	].join('\n')), text);
});
