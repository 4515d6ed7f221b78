import test from 'ava';
import {createRun} from '../../source/core/guide/guide-reducer.js';
import {currentStep} from '../../source/core/guide/guide-selectors.js';
import type {Finding} from '../../source/core/match/types.js';
import {parsePlaybook} from '../../source/core/playbook/parse-playbook.js';
import {paneLines} from '../../source/ui/components/playbook-pane.js';
import {outcomeLine, outputLines} from '../../source/ui/guide-lines.js';
import {plainTheme} from '../../source/ui/theme.js';
import {complete, drive, imagePullFinding, imagePullPlaybook, setImage} from '../core/guide/playbook-fixtures.js';

// The seed's JSON patch, written over several lines as the dns playbook has it.
const playbookText = `---
id: coredns-patch
title: CoreDNS cannot bind
severity: error
match:
  - pod: {waiting: [CrashLoopBackOff]}
---
Explanation.

## Steps

### Let CoreDNS bind port 53
\`\`\`kubectl
kubectl -n {{namespace}} patch deployment coredns --type=json -p='[
  {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsUser", "value": 0},
  {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsNonRoot", "value": false}
]'
\`\`\`

### Wait for it
\`\`\`wait
rollout deployment/coredns
\`\`\`
`;

const finding: Finding = {playbook: 'coredns-patch', variant: null, severity: 'error', namespace: 'kube-system', kind: 'Pod', name: 'coredns-1', container: 'coredns', summary: 'CoreDNS cannot bind', evidence: [], captures: {pod: 'coredns-1', namespace: 'kube-system'}};
const flags = {canConfirm: true, canAnswer: false, canSkip: true, canEdit: true, canDryRun: true, canAbort: true, canReport: false, runOver: false};

test('a command written over several lines is one row per line, all of it shown, and the pane keeps its height', t => {
	const {playbook, problems} = parsePlaybook(playbookText, 'coredns-patch.md');
	t.deepEqual(problems, []);
	const run = createRun({playbook: playbook!, finding, mode: 'read-write', context: {context: 'kind-dev', namespace: 'kube-system'}, now: 0});
	const rows = paneLines(run, flags, {theme: plainTheme, now: 0, rows: 30, width: 120, scroll: 0});
	const texts = rows.map(line => line.map(span => span.text).join(''));
	t.is(rows.length, 30);
	t.false(texts.some(text => text.includes('\n')), texts.join('\n'));
	const start = texts.findIndex(text => text.includes('$ kubectl -n kube-system patch deployment coredns --type=json'));
	t.true(start > 0, texts.join('\n'));
	t.regex(texts[start + 1], /^ {3}\s*\{"op": "add", .*runAsUser/);
	t.regex(texts[start + 3], /^ {3}\]'?$/);
	t.regex(texts[start + 4], /^ write · /);
	t.true(texts.some(text => /2\. Wait for it/.test(text)));
});

test('a command line wider than the pane is wrapped, never cut: the user sees all they consent to', t => {
	const {playbook} = parsePlaybook(playbookText, 'coredns-patch.md');
	const run = createRun({playbook: playbook!, finding, mode: 'read-write', context: {context: 'kind-dev', namespace: 'kube-system'}, now: 0});
	const rows = paneLines(run, flags, {theme: plainTheme, now: 0, rows: 30, width: 60, scroll: 0});
	const texts = rows.map(line => line.map(span => span.text).join(''));
	const start = texts.findIndex(text => text.startsWith(' $ kubectl'));
	const end = texts.findIndex(text => text.startsWith(' write · '));
	t.true(texts.slice(start, end).every(text => text.length < 60), texts.join('\n'));
	const command = texts.slice(start, end).map(text => text.replace(/^( \$ | {3})/, '')).join('');
	t.true(command.includes('"path": "/spec/template/spec/containers/0/securityContext/runAsNonRoot", "value": false}'), command);
	t.true(texts.some(text => /2\. Wait for it/.test(text)));
});

test('a dry run that computed its changes shows them under the resulting object, above the verdict, so the pane\'s tail holds them', t => {
	let run = drive(createRun({playbook: imagePullPlaybook([setImage]), finding: imagePullFinding(), mode: 'read-write', context: {context: 'kind-dev', namespace: 'shop'}, now: 0}), {type: 'answer', value: 'nginx:1.27', now: 0}, {type: 'dry-run', now: 0});
	const intentId = run.intent!.id;
	run = drive(run, {type: 'dry-run-changes', intentId, changes: {
		object: {apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web'},
		creates: false,
		fields: [{path: 'spec.template.spec.containers[web].image', change: 'changed', before: 'nginx:1.27-typo', after: 'nginx:1.27'}],
	}});
	run = complete(run, ['apiVersion: apps/v1', 'kind: Deployment'], 0, 100);
	const texts = outputLines(currentStep(run), plainTheme).map(line => line.map(span => span.text).join(''));
	t.deepEqual(texts.slice(-5), [
		' apiVersion: apps/v1',
		' kind: Deployment',
		' would change 1 field of deployment shop/web:',
		'   spec.template.spec.containers[web].image: "nginx:1.27-typo" → "nginx:1.27"',
		' dry run passed',
	]);
});

test('the end of a run whose finding is about output says why it cannot tell whether it is fixed', t => {
	let state = createRun({playbook: imagePullPlaybook([setImage]), finding: {...imagePullFinding(), kind: 'Text', name: 'output of step 1: kubectl get pods'}, mode: 'read-write', presets: {image: 'nginx:1.27'}, now: 0});
	state = complete(drive(state, {type: 'confirm', now: 0}), ['deployment.apps/web image updated'], 0, 1000);
	state = drive(state, {type: 'resolved', intentId: state.intent!.id, value: null, now: 1000});
	t.deepEqual(outcomeLine(state, plainTheme, 61_000)?.map(span => span.text).join(''), ' Finished in 1s: the finding is about output, which changes only when the command that printed it runs again.');
});
