// Questions the UI and the driver ask of a run; derived from the state, never stored in it.
import {dryRunArgv} from '../command/dry-run.js';
import {decide} from '../command/policy.js';
import type {GuideState, StepState} from './guide-state.js';

/** The step being decided or run; undefined once the run is past its last step. */
export function currentStep(state: GuideState): StepState | undefined {
	return state.steps[state.current];
}

/** Run (or, for a manual step, mark done) the current step. */
export function canConfirm(state: GuideState): boolean {
	const step = currentStep(state);
	return state.status === 'running' && state.intent === null && step?.status === 'awaiting-confirmation' && !step.error && step.verdict.decision !== 'deny';
}

/** Replace the current step's command line (manual steps have none). */
export function canEdit(state: GuideState): boolean {
	const step = currentStep(state);
	return state.status === 'running' && state.intent === null && step?.step.action != null && (step.status === 'awaiting-input' || step.status === 'awaiting-confirmation');
}

/** The server-side dry-run argv for the current step, when it is a kubectl write the session may send. */
export function dryRunCommand(state: GuideState): string[] | undefined {
	const step = currentStep(state);
	if (!canConfirm(state) || !step?.argv || step.step.action?.kind !== 'kubectl' || step.verdict.class !== 'write') return undefined;
	const argv = dryRunArgv(step.argv);
	if (!argv || decide(state.mode, {kind: 'kubectl', argv}, {dryRun: true}).decision === 'deny') return undefined;
	return argv;
}

export function canDryRun(state: GuideState): boolean {
	return dryRunCommand(state) !== undefined;
}

/** Time since the run started; frozen once it finished or was aborted. */
export function elapsedMs(state: GuideState, now: number): number {
	return (state.finishedAt ?? now) - state.startedAt;
}
