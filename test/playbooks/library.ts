// The shipped library as the product loads it, and the two questions every playbook test asks:
// what does the matcher report for these objects, and what would a guided run of a finding do.
import {createRun, guideReducer} from '../../source/core/guide/guide-reducer.js';
import type {GuideState} from '../../source/core/guide/guide-state.js';
import {matchAll} from '../../source/core/match/matcher.js';
import type {ContainerLog, Finding} from '../../source/core/match/types.js';
import type {KubeObject} from '../../source/core/objects/types.js';
import type {Playbook} from '../../source/core/playbook/types.js';
import {formatProblem, loadPlaybooks} from '../../source/library/load-playbooks.js';
import {now} from '../core/match/fixtures/kube.js';

const loaded = await loadPlaybooks();
if (loaded.problems.length > 0) throw new Error(`the shipped playbooks have problems:\n${loaded.problems.map(formatProblem).join('\n')}`);

export const playbooks: Playbook[] = loaded.playbooks;

export function playbook(id: string): Playbook {
	const found = playbooks.find(candidate => candidate.id === id);
	if (!found) throw new Error(`no shipped playbook ${id}`);
	return found;
}

export type Input = {objects?: KubeObject[]; logs?: ContainerLog[]; texts?: Record<string, string>};

export function findings(input: Input): Finding[] {
	return matchAll({objects: input.objects ?? [], logs: input.logs, texts: input.texts}, playbooks, {now: () => now});
}

/** `playbook/variant Kind/name`, in the order reported; `-` for no variant. */
export function outline(list: Finding[]): string[] {
	return list.map(finding => `${finding.playbook}/${finding.variant ?? '-'} ${finding.kind}/${finding.name}`);
}

/** The finding a playbook reports for these objects (the first, when it reports several). */
export function findingOf(id: string, input: Input): Finding {
	const found = findings(input).find(finding => finding.playbook === id);
	if (!found) throw new Error(`${id} reported nothing; findings: ${outline(findings(input)).join(', ') || 'none'}`);
	return found;
}

export type PlannedStep = {title: string; command: string; error?: string};

/**
 * A guided run of the finding's playbook in which the user accepts every default, confirms every
 * step and every command succeeds, printing `outputs[stepIndex]` (for `capture=`). What each step
 * would run, or why it could not be built.
 */
export function planRun(finding: Finding, options: {presets?: Record<string, string>; outputs?: Record<number, string>} = {}): PlannedStep[] {
	const planned: PlannedStep[] = [];
	const recorded = new Set<number>();
	const record = (index: number, entry: PlannedStep) => {
		if (recorded.has(index)) return;
		recorded.add(index);
		planned.push(entry);
	};
	let state: GuideState = createRun({
		playbook: playbook(finding.playbook),
		finding,
		mode: 'read-write',
		context: {context: 'kind-dev', namespace: finding.namespace ?? 'default'},
		presets: options.presets,
		now: 0,
	});
	while (state.status === 'running') {
		const step = state.steps[state.current];
		if (step.status === 'awaiting-input') {
			const answered = guideReducer(state, {type: 'answer', value: '', now: 0});
			if (answered.steps[step.index].status === 'awaiting-input') {
				record(step.index, {title: step.step.title, command: step.display, error: answered.steps[step.index].error ?? `asks for {{${step.question?.name}}} without a default`});
				state = guideReducer(answered, {type: 'skip', now: 0});
			} else {
				state = answered;
			}
			continue;
		}
		if (step.status === 'awaiting-confirmation') {
			record(step.index, {title: step.step.title, command: step.display, ...(step.error ? {error: step.error} : {})});
			state = guideReducer(state, step.error ? {type: 'skip', now: 0} : {type: 'confirm', now: 0});
			continue;
		}
		const intent = state.intent;
		if (step.status !== 'running' || !intent || intent.type === 'check-resolved') throw new Error(`unexpected step state ${step.status}`);
		// A command the policy lets run without asking (probe, wait) starts at once: record it as it runs.
		record(step.index, {title: step.step.title, command: step.display});
		for (const line of (options.outputs?.[step.index] ?? '').split('\n')) {
			if (line) state = guideReducer(state, {type: 'output', intentId: intent.id, stream: 'stdout', line});
		}
		state = guideReducer(state, {type: 'result', intentId: intent.id, exitCode: 0, durationMs: 1, now: 0});
	}
	return planned;
}
