// A wait verifies the change made before it (the nearest earlier write or manual step): when that
// change was not made the wait is skipped with the reason instead of sitting out its timeout.
import test from 'ava';
import {createRun, guideReducer} from '../../../source/core/guide/guide-reducer.js';
import {currentStep} from '../../../source/core/guide/guide-selectors.js';
import {madeChange} from '../../../source/core/guide/unmade-change.js';
import type {GuideState} from '../../../source/core/guide/guide-state.js';
import type {Step} from '../../../source/core/playbook/types.js';
import {complete, describePod, imagePullFinding, imagePullPlaybook, setImage, step, waitRollout} from './playbook-fixtures.js';

const t0 = Date.UTC(2025, 2, 14, 9, 30, 0);
const fixByHand = step('Fix the proxy', null, 'Give the runtime the proxy settings, then mark this step done.');
const waitResolved = step('Check the failure is gone', 'wait', 'resolved');

/** What the user (and the command) did at each step that asked, in order. */
type Move = 'run' | 'fail' | 'skip' | 'done' | 'answer';

function play(state: GuideState, moves: Move[]): GuideState {
	for (const move of moves) {
		if (move === 'skip') state = guideReducer(state, {type: 'skip', now: t0});
		else if (move === 'done') state = guideReducer(state, {type: 'confirm', now: t0});
		else if (move === 'answer') state = guideReducer(state, {type: 'answer', value: 'nginx:1.27', now: t0});
		else state = complete(guideReducer(state, {type: 'confirm', now: t0}), [], move === 'run' ? 0 : 1, t0);
	}
	return state;
}

const skippedBecause = (n: number, how: string) => `the change it waits for was not made (step ${n} ${how})`;

const cases: Array<{name: string; steps: Step[]; moves: Move[]; readOnly?: boolean; waits: Array<string | 'runs'>}> = [
	{name: 'the write succeeded: the wait runs', steps: [describePod, setImage, waitRollout], moves: ['run', 'answer', 'run'], waits: ['runs']},
	{name: 'the user skipped the write', steps: [describePod, setImage, waitRollout], moves: ['run', 'answer', 'skip'], waits: [skippedBecause(2, 'skipped')]},
	{name: 'the user skipped the write at its question', steps: [describePod, setImage, waitRollout], moves: ['run', 'skip'], waits: [skippedBecause(2, 'skipped')]},
	{name: 'the write failed', steps: [describePod, setImage, waitRollout], moves: ['run', 'answer', 'fail'], waits: [skippedBecause(2, 'failed')]},
	{name: 'read-only refused the write', steps: [describePod, setImage, waitRollout], moves: ['run'], readOnly: true, waits: [skippedBecause(2, 'refused')]},
	{name: 'every wait after a skipped write is skipped', steps: [setImage, waitRollout, waitResolved], moves: ['skip'], waits: [skippedBecause(1, 'skipped'), skippedBecause(1, 'skipped')]},
	{name: 'a read between the write and the wait changes nothing', steps: [setImage, describePod, waitResolved], moves: ['skip', 'run'], waits: [skippedBecause(1, 'skipped')]},
	{name: 'the nearest change counts: a later write that succeeded', steps: [setImage, describePod, setImage, waitRollout], moves: ['skip', 'run', 'answer', 'run'], waits: ['runs']},
	{name: 'after reads only the wait runs (e.g. waiting for CI to push an image)', steps: [describePod, waitRollout], moves: ['skip'], waits: ['runs']},
	{name: 'a manual step marked done is the change', steps: [describePod, fixByHand, waitResolved], moves: ['run', 'done'], waits: ['runs']},
	{name: 'a manual step skipped is a change not made', steps: [describePod, fixByHand, waitResolved], moves: ['run', 'skip'], waits: [skippedBecause(2, 'skipped')]},
];

for (const {name, steps, moves, readOnly, waits} of cases) {
	test(`wait after a change: ${name}`, t => {
		const start = createRun({
			playbook: imagePullPlaybook(steps),
			finding: imagePullFinding(),
			mode: readOnly ? 'read-only' : 'read-write',
			context: {context: 'kind-dev', namespace: 'default'},
			now: t0,
		});
		const state = play(start, moves);
		const waitSteps = state.steps.filter(each => each.step.action?.kind === 'wait');
		t.is(waitSteps.length, waits.length);
		for (const [index, expected] of waits.entries()) {
			const wait = waitSteps[index];
			if (expected === 'runs') {
				t.is(currentStep(state), wait);
				t.like(wait, {status: 'running'});
				t.like(state.intent, {type: 'wait', stepIndex: wait.index});
			} else {
				t.like(wait, {status: 'skipped', note: expected, finishedAt: t0, display: wait.display});
				t.is(wait.startedAt, undefined, 'a skipped wait never started');
			}
		}
		if (waits.every(expected => expected !== 'runs')) t.like(state, {status: 'finished', intent: {type: 'check-resolved'}});
	});
}

// The final "is the finding gone" check waits for the watches only when something may have changed.
const changes: Array<{name: string; steps: Step[]; moves: Move[]; readOnly?: boolean; changed: boolean}> = [
	{name: 'a write that ran', steps: [setImage, waitRollout], moves: ['answer', 'run'], changed: true},
	{name: 'a manual step marked done', steps: [fixByHand, waitResolved], moves: ['done'], changed: true},
	{name: 'reads only', steps: [describePod], moves: ['run'], changed: false},
	{name: 'the write skipped', steps: [describePod, setImage, waitRollout], moves: ['run', 'answer', 'skip'], changed: false},
	{name: 'the write failed', steps: [setImage, waitRollout], moves: ['answer', 'fail'], changed: false},
	{name: 'the write refused (read-only)', steps: [describePod, setImage, waitRollout], moves: ['run', 'answer'], readOnly: true, changed: false},
];

for (const {name, steps, moves, readOnly, changed} of changes) {
	test(`madeChange: ${name}`, t => {
		const start = createRun({playbook: imagePullPlaybook(steps), finding: imagePullFinding(), mode: readOnly ? 'read-only' : 'read-write', context: {context: 'kind-dev', namespace: 'default'}, now: t0});
		t.is(madeChange(play(start, moves).steps), changed);
	});
}
