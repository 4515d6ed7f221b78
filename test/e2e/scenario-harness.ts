// Scenario e2e: what `kconsole diagnose -A` reports for the simulated cluster (computed in-process,
// the same sync and matcher the command uses), and `kconsole guide … --yes` run as a user would
// (the built CLI, see guide-process.ts) until its last wait sees the failure gone.
import {matchAll} from '../../source/core/match/matcher.js';
import type {Finding} from '../../source/core/match/types.js';
import {loadTarget} from '../../source/kube/kube-target.js';
import {syncOnce} from '../../source/kube/sync-once.js';
import {loadPlaybooks} from '../../source/library/load-playbooks.js';
import type {SimHandle} from '../../source/sim/start-sim.js';
import {spawnGuide, type GuideProcess} from './guide-process.js';

const {playbooks} = await loadPlaybooks();

/** All findings, root causes first, as `kconsole diagnose -A -o json` prints them. */
export async function diagnose(sim: SimHandle): Promise<Finding[]> {
	const target = loadTarget({kubeconfig: sim.kubeconfigPath, allNamespaces: true, env: {}});
	const sync = await syncOnce(target, {logs: true});
	return matchAll({objects: sync.objects, logs: sync.logs}, playbooks, {listedKinds: sync.listedKinds});
}

/** `playbook/variant kind/name`, `-` for no variant. */
export function label(finding: Finding): string {
	return `${finding.playbook}/${finding.variant ?? '-'} ${finding.kind}/${finding.name}`;
}

/** Findings about one namespace's objects, or (namespace null) about cluster-scoped ones. */
export function about(findings: Finding[], namespace: string | null, kind?: string): Finding[] {
	return findings.filter(finding => (namespace === null ? finding.namespace === null || finding.kind === 'Namespace' : finding.namespace === namespace) && (!kind || finding.kind === kind));
}

/**
 * Diagnoses until the first finding about the namespace is `playbook/variant` (the scenario's
 * failure has had time to show), and returns it; fails with what was reported last.
 */
export async function firstFinding(sim: SimHandle, namespace: string | null, expected: string, options: {kind?: string; timeoutMs?: number} = {}): Promise<Finding> {
	const deadline = Date.now() + (options.timeoutMs ?? 30_000);
	let last: Finding[] = [];
	while (Date.now() < deadline) {
		last = about(await diagnose(sim), namespace, options.kind);
		const [first] = last;
		if (first && `${first.playbook}/${first.variant ?? '-'}` === expected) return first;
		await new Promise(resolve => setTimeout(resolve, 200));
	}
	throw new Error(`the first finding about ${namespace ?? 'cluster-scoped objects'} never became ${expected}; last: ${last.map(label).join(', ') || 'none'}`);
}

export type GuideRun = {exit: number; stdout: string; stderr: string; process: GuideProcess};

/** `kconsole guide PLAYBOOK --kind KIND --target … --yes --set …`, to its end. */
export async function guideYes(sim: SimHandle, finding: Finding, sets: Record<string, string> = {}, onStart?: (guide: GuideProcess) => void): Promise<GuideRun> {
	const target = finding.namespace && finding.kind !== 'Namespace' ? `${finding.namespace}/${finding.name}` : finding.name;
	const args = [finding.playbook, '--kind', finding.kind, '--target', target, '--yes', ...Object.entries(sets).flatMap(([name, value]) => ['--set', `${name}=${value}`])];
	const guide = spawnGuide(sim, args, {answers: ''});
	onStart?.(guide);
	const exit = await guide.exit;
	return {exit, stdout: guide.stdout(), stderr: guide.stderr(), process: guide};
}

/** The commands a guide run printed before running them (`$ kubectl …`), in order. */
export function commandsRun(stdout: string): string[] {
	return [...stdout.matchAll(/^ {2}\$ (.+)$/gm)].map(match => match[1]);
}
