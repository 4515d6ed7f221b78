import {PassThrough} from 'node:stream';
import test from 'ava';
import {createRunPrinter, createStyle} from '../../source/commands/guide-printer.js';
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
