// A failed step's output reaches the live findings as a text (guide-session.ts's outputs): a
// real executor runs a stand-in kubectl that answers like an API server forbidding the request,
// and real LiveFindings match it with the shipped playbooks.
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {createRun} from '../../source/core/guide/guide-reducer.js';
import type {GuideState} from '../../source/core/guide/guide-state.js';
import {findingKey, type Finding} from '../../source/core/match/types.js';
import {watchedKinds} from '../../source/core/objects/types.js';
import type {Playbook, Step} from '../../source/core/playbook/types.js';
import {openAuditLog} from '../../source/exec/audit-log.js';
import {createExecutor} from '../../source/exec/executor.js';
import {createGuideSession, stepOutputName, type GuideSession} from '../../source/exec/guide-session.js';
import {RecentTexts} from '../../source/exec/recent-texts.js';
import {ClusterStore} from '../../source/kube/cluster-store.js';
import {LiveFindings} from '../../source/kube/live-findings.js';
import {loadPlaybooks} from '../../source/library/load-playbooks.js';
import {describePod, imagePullFinding, imagePullPlaybook, step} from '../core/guide/playbook-fixtures.js';

const {playbooks} = await loadPlaybooks();
const rbac = playbooks.find(playbook => playbook.id === 'rbac')!;

const forbidden = (user: string, verb: string, resource: string) =>
	`Error from server (Forbidden): ${resource}.rbac.authorization.k8s.io is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "rbac.authorization.k8s.io" at the cluster scope`;

const grant = step('Grant it', 'kubectl', 'kubectl create clusterrole pod-reader --verb=get --resource=pods');
const grantName = 'output of step 2: kubectl create clusterrole pod-reader --verb=get --resource=pods';

/**
 * A kubectl whose `create` is forbidden while the file `forbid` holds a user name (the user the
 * error names), and which prints `ok: ARGS` otherwise.
 */
async function setup() {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'kconsole-session-output-'));
	const kubectl = path.join(directory, 'kubectl');
	const forbid = path.join(directory, 'forbid');
	await writeFile(kubectl, [
		'#!/bin/sh',
		`if [ -e '${forbid}' ]; then case " $* " in *" create "*)`,
		`  echo "Error from server (Forbidden): clusterroles.rbac.authorization.k8s.io is forbidden: User \\"$(cat '${forbid}')\\" cannot create resource \\"clusterroles\\" in API group \\"rbac.authorization.k8s.io\\" at the cluster scope" >&2; exit 1;;`,
		'esac; fi',
		'echo "ok: $*"',
		'',
	].join('\n'));
	await chmod(kubectl, 0o755);
	const store = new ClusterStore({batchMs: 1});
	for (const kind of watchedKinds) store.setConnection(kind, {status: 'live'});
	const live = new LiveFindings(store, playbooks, {batchMs: 1});
	const outputs = new RecentTexts(live);
	const executor = createExecutor({mode: 'read-write', target: {context: 'kind-dev', kubeconfigPaths: ['/k/config'], origin: '--kubeconfig', namespace: 'shop'}, store, findings: live, audit: openAuditLog(path.join(directory, 'audit.jsonl')), kubectl, user: 'ada'});
	const sessions: GuideSession[] = [];
	const start = (options: {playbook?: Playbook; steps?: Step[]; finding?: Finding; presets?: Record<string, string>} = {}) => {
		const run = createRun({playbook: options.playbook ?? imagePullPlaybook(options.steps ?? [describePod, grant]), finding: options.finding ?? imagePullFinding(), mode: 'read-write', context: {context: 'kind-dev', namespace: 'shop'}, presets: options.presets, now: Date.now()});
		const session = createGuideSession({run, executor, findings: live, outputs, resolveGraceMs: 0});
		sessions.push(session);
		return session;
	};
	return {
		start,
		live,
		outputs,
		forbid: async (user: string | null) => (user === null ? rm(forbid, {force: true}) : writeFile(forbid, user)),
		texts: () => live.findings().filter(finding => finding.kind === 'Text'),
		dispose() {
			for (const session of sessions) session.dispose();
			live.stop();
			store.close();
		},
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
const confirm = (session: GuideSession) => session.dispatch({type: 'confirm', now: Date.now()});
const outline = (findings: Finding[]) => findings.map(finding => `${finding.playbook}/${finding.variant} ${finding.name}: ${finding.summary}`);

test('a step that fails with Forbidden is matched under its name: the rbac finding is there when the step is reported failed', async t => {
	const fixture = await setup();
	t.teardown(fixture.dispose);
	await fixture.forbid('dev@example.com');
	const session = fixture.start();
	let seenAtFailure: Finding[] | undefined;
	session.subscribe(() => {
		if (seenAtFailure === undefined && session.getState().steps[1].status === 'failed') seenAtFailure = fixture.texts();
	});
	confirm(session);
	await until(session, stepStatus(1, 'awaiting-confirmation'));
	confirm(session);
	await until(session, stepStatus(1, 'failed'));
	t.is(session.outputName(0), undefined, 'the step that worked is not matched');
	t.is(session.outputName(1), grantName);
	t.deepEqual(outline(seenAtFailure ?? []), [`rbac/user-cluster ${grantName}: dev@example.com may not create clusterroles across the cluster`]);
	t.deepEqual(fixture.texts()[0].captures, {kind: 'Text', name: grantName, user: 'dev@example.com', verb: 'create', resourceRef: 'clusterroles', resource: 'clusterroles', apiGroup: 'rbac.authorization.k8s.io'});
});

test('the same step in a later run replaces the output: a new failure stands in for the old, a success removes it', async t => {
	const fixture = await setup();
	t.teardown(fixture.dispose);
	const runGrant = async () => {
		const session = fixture.start({steps: [grant]});
		confirm(session);
		return until(session, state => state.steps[0].status === 'failed' || state.steps[0].status === 'succeeded');
	};
	await fixture.forbid('dev@example.com');
	await runGrant();
	await fixture.forbid('ops@example.com');
	await runGrant();
	t.deepEqual(outline(fixture.texts()), ['rbac/user-cluster output of step 1: kubectl create clusterrole pod-reader --verb=get --resource=pods: ops@example.com may not create clusterroles across the cluster']);
	await fixture.forbid(null);
	t.is((await runGrant()).steps[0].status, 'succeeded');
	t.deepEqual(fixture.texts(), [], 'the command works now: its old failure is no finding');
});

test('a rejected dry run is matched under the step; the edited command that fails again replaces it', async t => {
	const fixture = await setup();
	t.teardown(fixture.dispose);
	await fixture.forbid('dev@example.com');
	const session = fixture.start({steps: [grant]});
	session.dispatch({type: 'dry-run', now: Date.now()});
	await until(session, state => state.steps[0].dryRun?.exitCode === 1);
	t.deepEqual(fixture.texts().map(finding => finding.name), ['output of step 1: kubectl create clusterrole pod-reader --verb=get --resource=pods']);
	session.dispatch({type: 'edit', text: 'kubectl create clusterrole reader --verb=get --resource=pods', now: Date.now()});
	confirm(session);
	await until(session, stepStatus(0, 'failed'));
	t.deepEqual(fixture.texts().map(finding => finding.name), ['output of step 1: kubectl create clusterrole reader --verb=get --resource=pods']);
	t.is(session.outputName(0), 'output of step 1: kubectl create clusterrole reader --verb=get --resource=pods');
});

test('a step the user cancels is not matched: its output was cut short', async t => {
	const fixture = await setup();
	t.teardown(fixture.dispose);
	const script = `echo '${forbidden('dev@example.com', 'create', 'clusterroles')}' >&2; sleep 30`;
	const session = fixture.start({steps: [{title: 'Hang', line: 1, prose: '', action: {kind: 'sh', text: script, argv: ['/bin/sh', '-c', script], line: 2}}]});
	confirm(session);
	await until(session, state => state.steps[0].output.length > 0);
	session.cancelStep();
	await until(session, stepStatus(0, 'failed'));
	t.is(session.outputName(0), undefined);
	t.deepEqual(fixture.texts(), []);
});

test('an rbac run whose own step is forbidden finds a second rbac finding and goes on with its own', async t => {
	const fixture = await setup();
	t.teardown(fixture.dispose);
	await fixture.forbid('dev@example.com');
	fixture.live.setText("kconsole's watch of clusterroles", forbidden('dev@example.com', 'list', 'clusterroles').replace('Error from server (Forbidden): ', ''));
	const finding = fixture.texts()[0];
	t.is(finding.variant, 'user-cluster');
	const session = fixture.start({playbook: rbac, finding, presets: {roleName: 'list-clusterroles'}});
	confirm(session);
	await until(session, stepStatus(1, 'awaiting-confirmation'));
	confirm(session);
	const state = await until(session, stepStatus(2, 'awaiting-confirmation'));
	t.is(state.steps[1].status, 'failed');
	t.is(findingKey(state.finding), findingKey(finding), 'the run still fixes its own finding');
	t.deepEqual(outline(fixture.texts()), [
		`rbac/user-cluster kconsole's watch of clusterroles: dev@example.com may not list clusterroles across the cluster`,
		'rbac/user-cluster output of step 2: kubectl create clusterrole list-clusterroles --verb=list --resource=clusterroles: dev@example.com may not create clusterroles across the cluster',
	]);
	session.dispatch({type: 'skip', now: Date.now()});
	confirm(session);
	const end = await session.settled();
	t.is(end.status, 'finished');
	t.is(end.resolved, null, 'a text that did not change says nothing about whether the permission is there now');
});

test('a run on a text finding that goes away is resolved', async t => {
	const fixture = await setup();
	t.teardown(fixture.dispose);
	fixture.live.setText("kconsole's watch of clusterroles", forbidden('dev@example.com', 'list', 'clusterroles'));
	const session = fixture.start({playbook: rbac, finding: fixture.texts()[0], presets: {roleName: 'list-clusterroles'}});
	fixture.live.setText("kconsole's watch of clusterroles", null);
	for (let index = 0; index < session.getState().steps.length; index++) session.dispatch({type: 'skip', now: Date.now()});
	t.true((await session.settled()).resolved);
});

test('stepOutputName: the step number and its command, secrets redacted, long commands cut', t => {
	const named = (display: string, argv?: string[]) => stepOutputName({index: 2, display, argv, step: {title: 'x', line: 1, prose: '', action: {kind: argv ? 'kubectl' : 'sh', text: display, argv: argv ?? [], line: 1}}});
	t.is(named('kubectl get pods -n shop', ['kubectl', 'get', 'pods', '-n', 'shop']), 'output of step 3: kubectl get pods -n shop');
	t.is(named('x', ['kubectl', 'create', 'secret', 'generic', 'db', '--from-literal=password=hunter2']), "output of step 3: kubectl create secret generic db '--from-literal=password=<redacted>'");
	const long = named(`sh -c 'curl https://ada:s3cret@example.com/${'a'.repeat(150)}'`);
	t.is(long.length, 'output of step 3: '.length + 120);
	t.true(long.startsWith("output of step 3: sh -c 'curl https://ada:<redacted>@example.com/aaa") && long.endsWith('a…'), long);
	t.regex(named('sh -c \'echo one\necho two\''), /^output of step 3: sh -c 'echo one echo two'$/);
});
