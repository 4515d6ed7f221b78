// Which finding `kconsole guide` fixes: located in the live findings (so a later `wait resolved`
// watches the same thing), after the first sync and the log evidence, bounded in time; then
// narrowed by playbook and target, and picked from a numbered list when more than one is left.
// A text (`--kind Text --target TEXT`) is matched like a failed command's output.
import type {Writable} from 'node:stream';
import {subjectLabel} from '../core/match/subject-label.js';
import type {Finding} from '../core/match/types.js';
import type {WatchedKind} from '../core/objects/types.js';
import type {FindingsSource} from '../exec/wait/run-wait.js';
import {isNamespaced} from '../exec/kind-words.js';
import type {ClusterStore} from '../kube/cluster-store.js';
import {interrupted, type AnswerReader} from './guide-answers.js';

/** The name `--kind Text --target TEXT` matches TEXT under: the subject of its findings. */
export const targetTextName = 'text given with --target';

export type FindingQuery = {
	playbook?: string;
	/** The object to fix, when --target names one; kind Text: the text below, under targetTextName. */
	target?: {kind: WatchedKind | 'Text'; namespace: string | null; name: string};
	/** With --kind Text: the output to match (an error line a command printed, or several lines). */
	text?: string;
	/** Where the session looks: one namespace, or null for all. */
	namespace: string | null;
};

/** Waits for the watch's first picture, the log evidence and (for a named target) its finding, whichever comes first after the deadline. */
export async function settleFindings(options: {store: ClusterStore; findings: FindingsSource; evidenceIdle: () => Promise<void>; query: FindingQuery; deadlineMs: number; signal: AbortSignal}): Promise<void> {
	const {store, findings, query, signal} = options;
	// A --target text is matched the moment it is set; the cluster's picture has nothing to add.
	if (query.target?.kind === 'Text') return;
	const deadline = Date.now() + options.deadlineMs;
	await until(store.subscribe.bind(store), () => store.settled(), deadline, signal);
	await within(options.evidenceIdle(), deadline, signal);
	if (query.target) await until(findings.subscribe.bind(findings), () => matching(findings.findings(), query).length > 0, deadline, signal);
}

/** Resolves when `ready()` holds (re-checked on every notification), or at the deadline or abort. */
async function until(subscribe: (listener: () => void) => () => void, ready: () => boolean, deadline: number, signal: AbortSignal): Promise<void> {
	if (ready()) return;
	let unsubscribe = () => {};
	const met = new Promise<void>(resolve => {
		unsubscribe = subscribe(() => ready() && resolve());
	});
	await within(met, deadline, signal);
	unsubscribe();
}

/** Resolves with the promise, or at the deadline or abort, whichever comes first. */
async function within(promise: Promise<unknown>, deadline: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) return;
	let timer: NodeJS.Timeout | undefined;
	let stop = () => {};
	const limit = new Promise<void>(resolve => {
		stop = resolve;
		timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
		signal.addEventListener('abort', stop, {once: true});
	});
	await Promise.race([promise, limit]);
	clearTimeout(timer);
	signal.removeEventListener('abort', stop);
}

export function matching(findings: readonly Finding[], query: FindingQuery): Finding[] {
	return findings.filter(finding => {
		if (query.playbook && finding.playbook !== query.playbook) return false;
		if (query.target) {
			const {kind, namespace, name} = query.target;
			return finding.kind === kind && finding.name === name && (kind === 'Text' || !isNamespaced(kind) || finding.namespace === namespace);
		}
		// With one namespace, other namespaces' troubles are not ours; cluster-wide ones (nodes) are.
		if (query.namespace === null) return true;
		return finding.namespace === null ? finding.kind !== 'Namespace' || finding.name === query.namespace : finding.namespace === query.namespace;
	});
}

/** The finding to fix: the only one when the user named what they want, else the user's pick. Null: the user quit. */
export async function pickFinding(candidates: Finding[], options: {named: boolean; reader: AnswerReader; out: Writable}): Promise<Finding | null> {
	const {reader, out} = options;
	if (candidates.length === 1 && options.named) return candidates[0];
	out.write(`${candidates.length === 1 ? 'One finding' : `${candidates.length} findings`}:\n`);
	candidates.forEach((finding, index) => {
		out.write(`  ${String(index + 1).padStart(String(candidates.length).length)}. ${finding.severity.padEnd(7)} ${finding.playbook.padEnd(20)} ${subjectLabel(finding)}: ${finding.summary}\n`);
	});
	for (;;) {
		const answer = await reader.ask(`Fix which? [${candidates.length === 1 ? '1' : `1-${candidates.length}`}] or [q]uit: `);
		if (answer === null || answer === interrupted || /^q(uit)?$/i.test(answer.trim())) return null;
		const number = Number(answer.trim());
		if (Number.isInteger(number) && number >= 1 && number <= candidates.length) return candidates[number - 1];
		out.write(`  type a number from 1 to ${candidates.length}, or q\n`);
	}
}
