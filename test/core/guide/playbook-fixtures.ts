// Playbook objects shaped like the parser's output for the shipped image-pull playbook,
// so guide tests drive a realistic run without reading files.
import {splitCommandLine} from '../../../source/core/command/split-command-line.js';
import type {GuideAction, GuideState} from '../../../source/core/guide/guide-state.js';
import {guideReducer} from '../../../source/core/guide/guide-reducer.js';
import type {Finding} from '../../../source/core/match/types.js';
import type {Action, ActionKind, Playbook, Step} from '../../../source/core/playbook/types.js';

export function step(title: string, kind: ActionKind | null, text = '', options: Partial<Pick<Action, 'ask' | 'capture' | 'timeoutMs'>> = {}): Step {
	if (kind === null) return {title, line: 1, prose: text, action: null};
	const split = splitCommandLine(text);
	if (!split.ok) throw new Error(split.error);
	return {title, line: 1, prose: `Why: ${title}.`, action: {kind, text, argv: split.argv, line: 2, ...options}};
}

export const describePod = step('Look at the pod\'s events', 'kubectl', 'kubectl describe pod {{pod}} -n {{namespace}}');
export const setImage = step('Point the deployment at an image that exists', 'kubectl', 'kubectl set image deployment/{{deployment}} {{container}}={{image}} -n {{namespace}}', {
	ask: {name: 'image', prompt: 'Which image should {{container}} run?', default: '{{image}}'},
});
export const waitRollout = step('Wait for the rollout', 'wait', 'rollout deployment/{{deployment}}');

export function imagePullPlaybook(variantSteps: Step[] = [describePod, setImage, waitRollout]): Playbook {
	return {
		id: 'image-pull',
		title: 'Image cannot be pulled',
		severity: 'error',
		priority: 50,
		summary: '{{container}} cannot pull {{image}}',
		file: 'playbooks/image-pull.md',
		line: 1,
		match: [{line: 7, pod: {waiting: ['ErrImagePull', 'ImagePullBackOff']}}],
		variants: [{
			id: 'tag-not-found',
			title: 'The tag or repository does not exist',
			line: 12,
			match: [{line: 15, event: {reason: ['Failed'], message: /Failed to pull image "(?<image>[^"]+)".*(manifest unknown|not found)/}}],
			explanation: 'The registry answered, but it has no image with this tag.',
			steps: variantSteps,
		}],
		explanation: 'The kubelet cannot fetch the container image.',
		steps: [describePod],
	};
}

export function imagePullFinding(captures: Record<string, string> = {}): Finding {
	return {
		playbook: 'image-pull',
		variant: 'tag-not-found',
		severity: 'error',
		namespace: 'shop',
		kind: 'Pod',
		name: 'web-7d9f8-abcde',
		container: 'web',
		summary: 'nginx:1.27-typo does not exist in the registry',
		evidence: ['Failed to pull image "nginx:1.27-typo": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27-typo": not found'],
		captures: {image: 'nginx:1.27-typo', deployment: 'web', ...captures},
	};
}

/** Dispatch actions in order, as the UI and the driver would. */
export function drive(state: GuideState, ...actions: GuideAction[]): GuideState {
	return actions.reduce(guideReducer, state);
}

/** The driver's answer to the current intent: its output lines on stdout, then its exit. */
export function complete(state: GuideState, stdout: string[], exitCode = 0, now = 0, durationMs = 100): GuideState {
	const id = state.intent?.id;
	if (id === undefined) throw new Error('no intent to complete');
	return drive(
		state,
		...stdout.map(line => ({type: 'output' as const, intentId: id, stream: 'stdout' as const, line})),
		{type: 'result', intentId: id, exitCode, durationMs, now},
	);
}
