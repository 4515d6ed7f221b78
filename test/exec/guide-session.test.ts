import {chmod, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type {Mode} from '../../source/core/command/policy.js';
import {createRun} from '../../source/core/guide/guide-reducer.js';
import type {GuideState} from '../../source/core/guide/guide-state.js';
import type {Finding} from '../../source/core/match/types.js';
import type {Step} from '../../source/core/playbook/types.js';
import {watchedKinds} from '../../source/core/objects/types.js';
import {openAuditLog, type AuditEntry} from '../../source/exec/audit-log.js';
import {createExecutor} from '../../source/exec/executor.js';
import {createGuideSession, type GuideSession} from '../../source/exec/guide-session.js';
import {ClusterStore} from '../../source/kube/cluster-store.js';
import {describePod, imagePullFinding, imagePullPlaybook, setImage, step, waitRollout} from '../core/guide/playbook-fixtures.js';
import {deployment} from './wait/objects.js';

/** Findings the test sets by hand, with the same subscribe contract as LiveFindings. */
function handFindings(initial: Finding[]) {
	let current = initial;
	const listeners = new Set<() => void>();
	return {
		findings: () => current,
		subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
		set(next: Finding[]) {
			current = next;
			for (const listener of [...listeners]) listener();
		},
	};
}

async function setup(options: {mode?: Mode; steps?: Step[]; presets?: Record<string, string>} = {}) {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'kconsole-session-'));
	const kubectl = path.join(directory, 'kubectl');
	const ran = path.join(directory, 'ran');
	await writeFile(kubectl, `#!/bin/sh\necho "$*" >> '${ran}'\necho "ok: $*"\n`);
	await chmod(kubectl, 0o755);
	const auditFile = path.join(directory, 'audit.jsonl');
	const store = new ClusterStore({batchMs: 1});
	for (const kind of watchedKinds) store.setConnection(kind, {status: 'live'});
	store.upsert('Deployment', deployment('web', {generation: 3, observedGeneration: 2}));
	const finding = imagePullFinding();
	const findings = handFindings([finding]);
	const mode = options.mode ?? 'read-write';
	const executor = createExecutor({mode, target: {context: 'kind-dev', kubeconfigPaths: ['/k/config'], origin: '--kubeconfig', namespace: 'shop'}, store, findings, audit: openAuditLog(auditFile), kubectl, user: 'ada'});
	const run = createRun({playbook: imagePullPlaybook(options.steps), finding, mode, context: {context: 'kind-dev', namespace: 'shop'}, presets: options.presets, now: Date.now()});
	const session = createGuideSession({run, executor, findings, resolveGraceMs: 2000});
	return {
		session,
		store,
		findings,
		ran: async () => (existsSync(ran) ? (await readFile(ran, 'utf8')).trimEnd().split('\n') : []),
		audit: async () => (existsSync(auditFile) ? (await readFile(auditFile, 'utf8')).trimEnd().split('\n').map(line => JSON.parse(line) as AuditEntry) : []),
	};
}

/** Resolves once the state satisfies `ready`, checked after every change; fails after the deadline. */
async function until(session: GuideSession, ready: (state: GuideState) => boolean, deadlineMs = 5000): Promise<GuideState> {
	if (ready(session.getState())) return session.getState();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`state not reached; steps: ${session.getState().steps.map(each => each.status).join(', ')}`));
		}, deadlineMs);
		const unsubscribe = session.subscribe(() => {
			if (!ready(session.getState())) return;
			clearTimeout(timer);
			unsubscribe();
			resolve(session.getState());
		});
	});
}

const stepStatus = (index: number, status: string) => (state: GuideState) => state.steps[index].status === status;

test('a whole run: confirm, answer, the wait sees the store, the finding goes, everything audited', async t => {
	const {session, store, findings, ran, audit} = await setup();
	t.is(session.getState().intent, null, 'nothing runs before the user confirms');
	session.dispatch({type: 'confirm', now: Date.now()});
	let state = await until(session, stepStatus(1, 'awaiting-input'));
	t.deepEqual(state.steps[0].output.map(line => line.line), ['ok: --kubeconfig=/k/config --context=kind-dev describe pod web-7d9f8-abcde -n shop']);
	session.dispatch({type: 'answer', value: 'nginx:1.27', now: Date.now()});
	session.dispatch({type: 'confirm', now: Date.now()});
	state = await until(session, stepStatus(2, 'running'));
	t.deepEqual(await ran(), [
		'--kubeconfig=/k/config --context=kind-dev describe pod web-7d9f8-abcde -n shop',
		'--kubeconfig=/k/config --context=kind-dev set image deployment/web web=nginx:1.27 -n shop',
	]);
	// The controller catches up: the wait ends on its own.
	store.upsert('Deployment', deployment('web', {generation: 3}));
	findings.set([]);
	state = await session.settled();
	t.is(state.status, 'finished');
	t.true(state.resolved);
	t.deepEqual(state.steps.map(each => each.status), ['succeeded', 'succeeded', 'succeeded']);
	t.regex(state.steps[2].output.at(-1)?.line ?? '', /^deployment\/web rolled out: 2\/2 updated, 2 available/);
	const entries = await audit();
	t.deepEqual(entries.map(entry => [entry.step, entry.kind, entry.confirmedBy, entry.exitCode]), [[1, 'kubectl', 'user', 0], [2, 'kubectl', 'user', 0], [3, 'wait', 'auto', 0]]);
	session.dispose();
});

test('read-only: the write step is refused by the guide, audited, and never runs', async t => {
	const {session, ran, audit} = await setup({mode: 'read-only', steps: [describePod, setImage], presets: {image: 'nginx:1.27'}});
	session.dispatch({type: 'confirm', now: Date.now()});
	const state = await session.settled();
	t.deepEqual(state.steps.map(each => each.status), ['succeeded', 'skipped']);
	t.is((await ran()).length, 1);
	const entries = await audit();
	t.is(entries.length, 2);
	t.like(entries.find(entry => entry.refused), {step: 2, classification: 'write', mode: 'read-only', confirmedBy: null});
	t.regex(entries.find(entry => entry.refused)?.refused ?? '', /read-only session: `kubectl set image` changes the cluster/);
});

/** A sh step as the parser makes it: the script is the text, argv only shows it. */
function shStep(title: string, text: string, timeoutMs?: number): Step {
	return {title, line: 1, prose: '', action: {kind: 'sh', text, argv: ['/bin/sh', '-c', text], line: 2, ...(timeoutMs ? {timeoutMs} : {})}};
}

const sleeper = shStep('Hang', 'sleep 30; echo never');
const after = step('Look again', 'kubectl', 'kubectl get pods -n {{namespace}}');

test('cancelling a running step kills it; the run goes on to the next decision', async t => {
	const {session} = await setup({steps: [sleeper, after]});
	session.dispatch({type: 'confirm', now: Date.now()});
	await until(session, stepStatus(0, 'running'));
	const started = Date.now();
	session.cancelStep();
	const state = await until(session, stepStatus(1, 'awaiting-confirmation'));
	t.true(Date.now() - started < 4000);
	t.like(state.steps[0], {status: 'failed', error: 'cancelled', signal: 'SIGTERM'});
	session.dispose();
});

test('a step that hangs is stopped at its timeout', async t => {
	const {session} = await setup({steps: [shStep('Hang', 'sleep 30', 300), after]});
	session.dispatch({type: 'confirm', now: Date.now()});
	const state = await until(session, stepStatus(1, 'awaiting-confirmation'));
	t.like(state.steps[0], {status: 'failed', timedOut: true, error: 'timed out after 0.3s'});
	session.dispose();
});

test('aborting while a step runs stops it and nothing more runs', async t => {
	const {session, ran} = await setup({steps: [sleeper, after]});
	session.dispatch({type: 'confirm', now: Date.now()});
	await until(session, stepStatus(0, 'running'));
	session.dispatch({type: 'abort', now: Date.now()});
	const state = await session.settled();
	t.is(state.status, 'aborted');
	t.deepEqual(state.steps.map(each => each.status), ['failed', 'pending']);
	t.deepEqual(await ran(), []);
});

test('a finding that stays is reported as not resolved after the grace period', async t => {
	const {session} = await setup({steps: [describePod]});
	session.dispatch({type: 'confirm', now: Date.now()});
	const state = await session.settled();
	t.false(state.resolved);
});
