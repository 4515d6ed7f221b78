// A wait verifies a change: the nearest earlier step that changes something, a kubectl write or a
// manual step (the user's own change). When that step did not succeed there is nothing to wait
// for, so the wait is skipped rather than left to sit out its timeout. Waits with no change
// before them (after reads only: "wait for CI to push the image") run as before.
import type {StepState} from './guide-state.js';

/** Why the wait at `index` has nothing to wait for, or undefined when it should run. */
export function unmadeChange(steps: StepState[], index: number): string | undefined {
	for (let earlier = index - 1; earlier >= 0; earlier--) {
		const step = steps[earlier];
		if (!makesChange(step)) continue;
		if (step.status === 'succeeded') return undefined;
		return `the change it waits for was not made (step ${earlier + 1} ${outcome(step)})`;
	}
	return undefined;
}

/** Whether any step may have changed something (a host script may too), so the cluster needs a moment to show it. */
export function madeChange(steps: StepState[]): boolean {
	return steps.some(step => step.status === 'succeeded' && (makesChange(step) || step.step.action?.kind === 'sh'));
}

/** The step as it was decided: an edit may have turned a read into a write or back. */
function makesChange(step: StepState): boolean {
	const action = step.step.action;
	return action === null || (action.kind === 'kubectl' && step.verdict.class === 'write');
}

function outcome(step: StepState): string {
	if (step.status === 'skipped' && step.note?.startsWith('refused: ')) return 'refused';
	return step.status === 'failed' ? 'failed' : 'skipped';
}
