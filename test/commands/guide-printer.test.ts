import {PassThrough} from 'node:stream';
import test from 'ava';
import {createRunPrinter, createStyle, type OutputMatch} from '../../source/commands/guide-printer.js';
import {createRun} from '../../source/core/guide/guide-reducer.js';
import type {GuideAction, GuideState} from '../../source/core/guide/guide-state.js';
import {drive, imagePullFinding, imagePullPlaybook, setImage} from '../core/guide/playbook-fixtures.js';

const resultingObject = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  namespace: shop', 'spec:', '  replicas: 2'];
const changes = {
	object: {apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web'},
	creates: false,
	fields: [{path: 'spec.template.spec.containers[web].image', change: 'changed' as const, before: 'nginx:1.27-typo', after: 'nginx:1.27'}],
};

/** The transcript of a dry run of the set-image step: the printer sees every state, as line mode's subscription does. */
function transcript(dryRunActions: (intentId: number) => GuideAction[]): string {
	const out = new PassThrough();
	let text = '';
	out.on('data', chunk => {
		text += String(chunk);
	});
	const printer = createRunPrinter(out, createStyle(false));
	let state: GuideState = createRun({playbook: imagePullPlaybook([setImage]), finding: imagePullFinding(), mode: 'read-write', context: {context: 'kind-dev', namespace: 'shop'}, presets: {image: 'nginx:1.27'}, now: 0});
	printer.update(state);
	state = drive(state, {type: 'dry-run', now: 0});
	printer.update(state);
	for (const action of dryRunActions(state.intent!.id)) {
		state = drive(state, action);
		printer.update(state);
	}
	return text.slice(text.indexOf('  dry run: '));
}

const printed = (intentId: number): GuideAction[] => [
	...resultingObject.map(line => ({type: 'output' as const, intentId, stream: 'stdout' as const, line})),
	{type: 'output', intentId, stream: 'stderr', line: 'Warning: spec.template.spec.containers[0].image: latest tag'},
];

test('what the dry run would change is printed instead of the resulting object; warnings stay', t => {
	t.is(transcript(intentId => [...printed(intentId), {type: 'dry-run-changes', intentId, changes}, {type: 'result', intentId, exitCode: 0, durationMs: 300, now: 300}]), [
		'  dry run: $ kubectl set image deployment/web web=nginx:1.27 -n shop --dry-run=server -o yaml',
		'    ! Warning: spec.template.spec.containers[0].image: latest tag',
		'    would change 1 field of deployment shop/web:',
		'      spec.template.spec.containers[web].image: "nginx:1.27-typo" → "nginx:1.27"',
		'    (the resulting object, 7 lines, is not shown: only what would change)',
		'  dry run accepted by the server: nothing was changed',
		'',
	].join('\n'));
});

test('without a comparison the resulting object is printed whole, as the server sent it', t => {
	t.is(transcript(intentId => [...printed(intentId), {type: 'result', intentId, exitCode: 0, durationMs: 300, now: 300}]), [
		'  dry run: $ kubectl set image deployment/web web=nginx:1.27 -n shop --dry-run=server -o yaml',
		...resultingObject.map(line => `    │ ${line}`),
		'    ! Warning: spec.template.spec.containers[0].image: latest tag',
		'  dry run accepted by the server: nothing was changed',
		'',
	].join('\n'));
});

test('a rejected dry run prints what the server said', t => {
	const text = transcript(intentId => [
		{type: 'output', intentId, stream: 'stderr', line: 'Error from server (NotFound): deployments.apps "web" not found'},
		{type: 'result', intentId, exitCode: 1, durationMs: 300, now: 300},
	]);
	t.true(text.endsWith('    ! Error from server (NotFound): deployments.apps "web" not found\n  dry run rejected: exit code 1\n'), text);
});

test('a dry run cut short by an abort still shows what it printed', t => {
	const text = transcript(intentId => [{type: 'output', intentId, stream: 'stdout', line: 'apiVersion: apps/v1'}, {type: 'abort', now: 100}]);
	t.true(text.includes('    │ apiVersion: apps/v1\n'), text);
	t.false(text.includes('dry run accepted'));
});

const forbiddenLine = 'Error from server (Forbidden): deployments.apps "web" is forbidden: User "dev@example.com" cannot patch resource "deployments" in API group "apps" in the namespace "shop"';
const rbacMatch: OutputMatch = {playbook: 'rbac', title: 'Not allowed by RBAC', summary: 'dev@example.com may not patch deployments in namespace shop', same: false, fix: ['kconsole', 'guide', 'rbac', '--kind', 'Text', '--target', forbiddenLine]};

/** Line mode's transcript of the set-image step failing with Forbidden, run or dry-run. */
function failedTranscript(matches: OutputMatch[], dryRun: boolean): string {
	const out = new PassThrough();
	let text = '';
	out.on('data', chunk => {
		text += String(chunk);
	});
	const asked: number[] = [];
	const printer = createRunPrinter(out, createStyle(false), {outputMatches(step) {
		asked.push(step.index);
		return matches;
	}});
	let state: GuideState = createRun({playbook: imagePullPlaybook([setImage]), finding: imagePullFinding(), mode: 'read-write', context: {context: 'kind-dev', namespace: 'shop'}, presets: {image: 'nginx:1.27'}, now: 0});
	state = drive(state, {type: dryRun ? 'dry-run' : 'confirm', now: 0});
	const intentId = state.intent!.id;
	for (const action of [{type: 'output', intentId, stream: 'stderr', line: forbiddenLine}, {type: 'result', intentId, exitCode: 1, durationMs: 200, now: 200}] as GuideAction[]) {
		state = drive(state, action);
		printer.update(state);
	}
	printer.update(state);
	return `${text.slice(text.indexOf(`    ! ${forbiddenLine}`))}asked for step ${asked.join(',')}\n`;
}

test('a failed step is followed by what its output matches and the command that fixes it, once', t => {
	t.is(failedTranscript([rbacMatch], false), [
		`    ! ${forbiddenLine}`,
		'  ✗ failed in 200 ms: exit code 1',
		`  the output matches rbac (Not allowed by RBAC): dev@example.com may not patch deployments in namespace shop; fix it with: kconsole guide rbac --kind Text --target '${forbiddenLine}'`,
		'',
		'Checking whether the finding is gone…',
		'asked for step 0',
		'',
	].join('\n'));
});

test('a rejected dry run is followed by what its output matches', t => {
	t.true(failedTranscript([rbacMatch], true).includes('  dry run rejected: exit code 1\n  the output matches rbac (Not allowed by RBAC): '));
});

test('the problem the run already fixes is named, without a fix; output that matches nothing adds no line', t => {
	t.true(failedTranscript([{...rbacMatch, same: true, fix: undefined}], false).includes('  the output matches rbac (Not allowed by RBAC): dev@example.com may not patch deployments in namespace shop; the problem this run fixes\n'));
	t.true(failedTranscript([], false).includes('  ✗ failed in 200 ms: exit code 1\n\nChecking whether'));
});
