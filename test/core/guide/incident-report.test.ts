import test from 'ava';
import {createRun} from '../../../source/core/guide/guide-reducer.js';
import {renderReport} from '../../../source/core/guide/incident-report.js';
import type {GuideState} from '../../../source/core/guide/guide-state.js';
import {complete, describePod, drive, imagePullFinding, imagePullPlaybook, setImage, step, waitRollout} from './playbook-fixtures.js';

const t0 = Date.UTC(2025, 2, 14, 9, 30, 0);

function start(mode: 'read-write' | 'read-only' = 'read-write'): GuideState {
	return createRun({playbook: imagePullPlaybook(), finding: imagePullFinding(), mode, context: {context: 'kind-dev', namespace: 'default'}, now: t0});
}

function resolvedRun(): GuideState {
	let state = drive(start(), {type: 'confirm', now: t0 + 2000});
	const describeOutput = Array.from({length: 30}, (_, i) => `describe line ${i + 1}`);
	state = complete(state, describeOutput, 0, t0 + 3500, 1500);
	state = drive(state, {type: 'answer', value: 'nginx:1.27', now: t0 + 20_000}, {type: 'edit', text: 'kubectl set image deployment/web web=nginx:1.27.1 -n shop', now: t0 + 25_000}, {type: 'dry-run', now: t0 + 26_000});
	state = complete(state, ['deployment.apps/web image updated (server dry run)'], 0, t0 + 27_000, 900);
	state = drive(state, {type: 'confirm', now: t0 + 30_000});
	state = complete(state, ['deployment.apps/web image updated'], 0, t0 + 31_000, 1000);
	state = complete(state, ['Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...', 'deployment "web" successfully rolled out'], 0, t0 + 125_000, 94_000);
	return drive(state, {type: 'resolved', intentId: state.intent!.id, value: true, now: t0 + 126_000});
}

test('the report of a resolved run holds the finding, evidence, exact commands, trimmed output and time to resolution', t => {
	const report = renderReport(resolvedRun(), {now: t0 + 200_000});
	const expectedParts = [
		'# Incident report: Image cannot be pulled',
		'- Playbook: `image-pull` (Image cannot be pulled)',
		'- Variant: `tag-not-found` (The tag or repository does not exist)',
		'- Object: Pod shop/web-7d9f8-abcde (container web)',
		'- Context: `kind-dev`',
		'- Started: 2025-03-14T09:30:00Z',
		'nginx:1.27-typo does not exist in the registry',
		'> Failed to pull image "nginx:1.27-typo": rpc error',
		'### 1. Look at the pod\'s events: succeeded',
		'$ kubectl describe pod web-7d9f8-abcde -n shop',
		'- Started 2025-03-14T09:30:02Z, took 1.5 s.',
		'- Exit code 0.',
		'Output (last 20 of 30 lines):',
		'### 2. Point the deployment at an image that exists: succeeded',
		'$ kubectl set image deployment/web web=nginx:1.27.1 -n shop',
		'- Command edited by the user before it ran.',
		'- Dry run `kubectl set image deployment/web web=nginx:1.27.1 -n shop --dry-run=server -o yaml`: accepted by the server.',
		'### 3. Wait for the rollout: succeeded',
		'$ wait rollout deployment/web',
		'took 1m 34s',
		'## Outcome',
		'Resolved: the finding is gone. Time to resolution: 2m 05s.',
		'Steps: 3 succeeded.',
	];
	for (const part of expectedParts) t.true(report.includes(part), `report lacks: ${part}\n\n${report}`);
	t.false(report.includes('describe line 10\n'), 'output is trimmed to the last lines');
	t.true(report.includes('describe line 11\n'));
	t.true(report.indexOf('## Evidence') < report.indexOf('## Steps') && report.indexOf('## Steps') < report.indexOf('## Outcome'));
});

test('the report of an aborted run says so, with the refused and unreached steps', t => {
	const probe = step('Check the registry is reachable', 'probe', 'tcp registry.shop.io:443');
	const playbook = imagePullPlaybook([describePod, setImage, probe, waitRollout]);
	let state = drive(createRun({playbook, finding: imagePullFinding(), mode: 'read-only', now: t0}), {type: 'confirm', now: t0 + 1000});
	state = complete(state, ['Events:'], 0, t0 + 2000, 1000);
	// In read-only the write step was refused and the probe started; the user gives up.
	state = drive(state, {type: 'abort', now: t0 + 10_000});
	const report = renderReport(state, {now: t0 + 50_000, context: 'prod-eu'});
	for (const part of [
		'- Context: `prod-eu`',
		'- Session: read-only',
		'### 2. Point the deployment at an image that exists: skipped',
		'- Note: refused: read-only session: `kubectl set image` changes the cluster',
		'### 3. Check the registry is reachable: skipped',
		'- Note: run aborted while this step was checking',
		'### 4. Wait for the rollout: not reached',
		'Aborted at 2025-03-14T09:30:10Z after 10.0 s.',
	]) t.true(report.includes(part), `report lacks: ${part}\n\n${report}`);
});

test('a run still in progress and an unresolved run are told apart', t => {
	const inProgress = renderReport(start(), {now: t0 + 7000});
	t.true(inProgress.includes('In progress: 7.0 s so far.'));
	t.true(inProgress.includes('### 2. Point the deployment at an image that exists: not reached'));

	// The describe fails, the write is skipped, so the wait after it is skipped too.
	let state = complete(drive(start(), {type: 'confirm', now: t0}), [], 1, t0 + 60_000, 1000);
	state = drive(state, {type: 'skip', now: t0 + 3_600_000 + 61_000});
	state = drive(state, {type: 'resolved', intentId: state.intent!.id, value: false, now: t0 + 3_700_000});
	const report = renderReport(state, {now: t0 + 3_800_000});
	t.true(report.includes('Not resolved: the finding is still present after 1h 01m 01s.'), report);
	t.true(report.includes('Steps: 1 failed, 2 skipped.'), report);
});

test('evidence from the cluster stays quoted and inert', t => {
	const finding = {...imagePullFinding(), evidence: ['first line\nsecond line', 'title \u001B]0;pwned\u0007set']};
	const report = renderReport(createRun({playbook: imagePullPlaybook(), finding, mode: 'read-write', now: t0}), {now: t0});
	t.true(report.includes('> first line\n> second line\n> title set\n'), report);
});

test('secrets in commands and output are redacted in the report', t => {
	const login = step('Create the pull secret', 'kubectl', 'kubectl create secret docker-registry regcred --docker-server=registry.shop.io --docker-username=ci --docker-password={{registryPassword}} -n {{namespace}}');
	const token = step('Check the registry', 'kubectl', 'kubectl get pods -n {{namespace}} --token {{apiToken}}');
	const playbook = imagePullPlaybook([login, token]);
	let state = createRun({playbook, finding: imagePullFinding({registryPassword: 'hunter2hunter2', apiToken: 'abcdef123456'}), mode: 'read-write', now: t0});
	state = complete(drive(state, {type: 'confirm', now: t0}), ['secret/regcred created', 'password: hunter2hunter2'], 0, t0 + 10);
	state = complete(drive(state, {type: 'confirm', now: t0 + 20}), ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA', '-----END RSA PRIVATE KEY-----'], 0, t0 + 30);
	const report = renderReport(state, {now: t0 + 40});
	t.false(report.includes('hunter2'), report);
	t.false(report.includes('abcdef123456'), report);
	t.false(report.includes('MIIEpAIBAAKCAQEA'), report);
	t.true(report.includes('--docker-password=<redacted>'), report);
	t.true(report.includes('--token \'<redacted>\''), report);
});

test('output holding backticks cannot close its fence', t => {
	let state = drive(start(), {type: 'confirm', now: t0});
	state = complete(state, ['```', 'still output'], 0, t0 + 100);
	const report = renderReport(state, {now: t0 + 200});
	t.true(report.includes('````\n```\nstill output\n````'), report);
});

test('what a dry run would change is in the report, values of secret-named fields left out', t => {
	let state = drive(start(), {type: 'skip', now: t0 + 1000}, {type: 'answer', value: 'nginx:1.27', now: t0 + 2000}, {type: 'dry-run', now: t0 + 3000});
	state = drive(state, {type: 'dry-run-changes', intentId: state.intent!.id, changes: {
		object: {apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web'},
		creates: false,
		fields: [
			{path: 'spec.template.spec.containers[web].image', change: 'changed', before: 'nginx:1.27-typo', after: 'nginx:1.27'},
			{path: 'spec.template.spec.containers[web].env[DB_PASSWORD].value', change: 'changed', before: 'hunter2', after: 'hunter3'},
			{path: 'spec.template.spec.containers[web].env[API_TOKEN]', change: 'added', after: {name: 'API_TOKEN', value: 'tok-123456'}},
			{path: 'spec.template.spec.containers[web].args[0]', change: 'added', after: '--password=swordfish'},
			{path: 'spec.template.spec.containers[sidecar]', change: 'added', after: {name: 'sidecar', env: [{name: 'SMTP_PASSWORD', value: 'letmein'}]}},
		],
	}});
	state = complete(state, ['apiVersion: apps/v1'], 0, t0 + 4000, 900);
	const report = renderReport(state, {now: t0 + 5000});
	t.true(report.includes([
		'What the dry run would change:',
		'',
		'```',
		'would change 5 fields of deployment shop/web:',
		'  spec.template.spec.containers[web].image: "nginx:1.27-typo" → "nginx:1.27"',
		'  spec.template.spec.containers[web].env[DB_PASSWORD].value: "<redacted>" → "<redacted>"',
		'  spec.template.spec.containers[web].env[API_TOKEN]: (none) → "<redacted>"',
		'  spec.template.spec.containers[web].args[0]: (none) → "--password=<redacted>"',
		'  spec.template.spec.containers[sidecar]: (none) → {"name":"sidecar","env":[{"name":"SMTP_PASSWORD","value":"<redacted>"}]}',
		'```',
	].join('\n')), report);
	for (const secret of ['hunter', 'tok-123456', 'swordfish', 'letmein']) t.false(report.includes(secret), secret);
});

test('a run on a failed command\'s output names it as such and says its end could not be checked', t => {
	const finding = {...imagePullFinding(), playbook: 'image-pull', kind: 'Text', namespace: null, name: 'output of step 2: kubectl get secrets -n shop', container: null};
	let state = createRun({playbook: imagePullPlaybook([step('Look', 'kubectl', 'kubectl get secrets -n {{namespace}}')]), finding, mode: 'read-write', context: {context: 'kind-dev', namespace: 'shop'}, now: t0});
	state = complete(drive(state, {type: 'confirm', now: t0}), ['ok'], 0, t0 + 1000, 1000);
	state = drive(state, {type: 'resolved', intentId: state.intent!.id, value: null, now: t0 + 2000});
	const report = renderReport(state, {now: t0 + 3000});
	t.true(report.includes('- Object: output of step 2: kubectl get secrets -n shop\n'), report);
	t.true(report.includes('Finished after 1.0 s; not checked: the finding is about output, which changes only when the command that printed it runs again.'), report);
});
