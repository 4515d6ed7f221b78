// Which value a placeholder takes when several sources name it: the user's --set or typed answer,
// a step's capture, the finding's capture.
import test from 'ava';
import {createRun, guideReducer} from '../../../source/core/guide/guide-reducer.js';
import {currentStep} from '../../../source/core/guide/guide-selectors.js';
import type {GuideState} from '../../../source/core/guide/guide-state.js';
import {complete, imagePullFinding, imagePullPlaybook, setImage, step} from './playbook-fixtures.js';

const t0 = Date.UTC(2025, 2, 14, 9, 30, 0);

const readImage = step('See the image it runs now', 'kubectl', 'kubectl get deployment/{{deployment}} -n {{namespace}} -o wide', {capture: /image: (?<image>\S+)/});
const useImage = step('Run that image', 'kubectl', 'kubectl set image deployment/{{deployment}} {{container}}={{image}} -n {{namespace}}');
const capturedOutput = ['NAME  READY', 'image: nginx:1.28'];

/** Confirm the current step and give it `stdout`. */
function runCurrent(state: GuideState, stdout: string[]): GuideState {
	return complete(guideReducer(state, {type: 'confirm', now: t0}), stdout, 0, t0);
}

const cases: Array<{name: string; presets?: Record<string, string>; answer?: string; expected: string}> = [
	{name: 'a step\'s capture replaces the finding\'s capture', expected: 'nginx:1.28'},
	{name: '--set wins over a step\'s capture', presets: {image: 'nginx:1.27'}, expected: 'nginx:1.27'},
	{name: 'a typed answer wins over a later step\'s capture', answer: 'nginx:1.26', expected: 'nginx:1.26'},
	{name: 'an answer that takes the offered default is the user\'s value too', answer: '', expected: 'nginx:1.27-typo'},
	{name: '--set of another name leaves the capture alone', presets: {revision: '3'}, expected: 'nginx:1.28'},
];

for (const {name, presets, answer, expected} of cases) {
	test(`placeholder precedence: ${name}`, t => {
		const asks = answer !== undefined;
		let state = createRun({
			playbook: imagePullPlaybook(asks ? [setImage, readImage, useImage] : [readImage, useImage]),
			finding: imagePullFinding(),
			mode: 'read-write',
			context: {context: 'kind-dev', namespace: 'default'},
			presets,
			now: t0,
		});
		if (asks) {
			state = guideReducer(state, {type: 'answer', value: answer, now: t0});
			state = runCurrent(state, ['deployment.apps/web image updated']);
		}
		state = runCurrent(state, capturedOutput);
		t.is(currentStep(state)?.step, useImage);
		t.is(state.values.image, expected);
		t.deepEqual(currentStep(state)?.argv, ['kubectl', 'set', 'image', 'deployment/web', `web=${expected}`, '-n', 'shop']);
	});
}
