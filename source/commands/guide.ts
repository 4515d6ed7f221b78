// `kconsole guide`: the guided fix in a plain terminal (slow SSH links, CI jobs, screen
// readers). It watches the cluster like the console does, finds the finding to fix, and walks
// through the playbook's steps, asking before each one; the executor enforces the policy.
import {fillText} from '../core/command/placeholders.js';
import {createRun} from '../core/guide/guide-reducer.js';
import {textUnchecked, type GuideState} from '../core/guide/guide-state.js';
import {subjectLabel} from '../core/match/subject-label.js';
import type {Playbook, Step} from '../core/playbook/types.js';
import {parseDuration} from '../core/text/duration.js';
import {defaultAuditLogPath} from '../exec/audit-log.js';
import {createClusterExecutor} from '../exec/cluster-executor.js';
import {exportReport} from '../exec/export-report.js';
import {createGuideSession} from '../exec/guide-session.js';
import {isNamespaced, watchedKindFor} from '../exec/kind-words.js';
import {RecentTexts} from '../exec/recent-texts.js';
import {ClusterStore} from '../kube/cluster-store.js';
import {checkReachable, loadTarget} from '../kube/kube-target.js';
import {LiveFindings} from '../kube/live-findings.js';
import {LogEvidence} from '../kube/log-evidence.js';
import {watchCluster} from '../kube/watch-cluster.js';
import {loadPlaybooks} from '../library/load-playbooks.js';
import {UsageError, UserError, type Command, type Values} from './command.js';
import {createAnswerReader, type AnswerReader} from './guide-answers.js';
import {matching, pickFinding, settleFindings, targetTextName, type FindingQuery} from './guide-finding.js';
import {createLineMode} from './guide-line-mode.js';
import {colourWanted, createStyle, seconds, type Style} from './guide-printer.js';
import {kubeFlagsFrom, kubeOptions} from './kube-options.js';
import {outputMatches} from './output-matches.js';
import {reportLibraryProblems} from './playbook-library.js';

/** How long the first picture (sync, log evidence, the target's finding) may take. */
const settleMs = 10_000;

export const guideCommand: Command = {
	name: 'guide',
	summary: 'fix a finding step by step in a plain terminal (no full-screen UI)',
	usage: 'kconsole guide [PLAYBOOK] [--target NAMESPACE/NAME] [--kind KIND] [-n NS] [--yes] [--read-only]',
	details: [
		'Watches the cluster, finds the finding to fix (PLAYBOOK and --target narrow it; with neither you',
		'pick from a numbered list) and walks through its playbook. Each step shows its exact command,',
		'whether it reads or writes, and asks: [y]es / [n]o, skip / [e]dit / [d]ry-run / [a]bort.',
		'When standard input is not a terminal, answers are read from it line by line (end of input aborts).',
		'Ctrl-C while a step runs stops that step; a second Ctrl-C, or one at a prompt, aborts the run.',
		'',
		'Every action run or refused is appended to the audit log ($XDG_STATE_HOME/kconsole/audit.jsonl,',
		'default ~/.local/state/kconsole/audit.jsonl).',
		'',
		'--kind Text --target TEXT matches TEXT (an error a command printed) like a failed command\'s output.',
		'',
		'Exit status: 0 the finding is resolved (or there was nothing to fix; for --kind Text: steps ran and',
		'none failed), 1 not resolved or aborted, 2 error.',
	].join('\n'),
	options: {
		...kubeOptions,
		target: {type: 'string', value: 'NAMESPACE/NAME', description: 'the object to fix (a pod unless --kind says otherwise)'},
		kind: {type: 'string', value: 'KIND', description: 'kind of the --target object, e.g. Namespace, Service, Deployment; Text: --target is text', default: 'Pod'},
		set: {type: 'string', multiple: true, value: 'NAME=VALUE', description: "answer a step's question in advance (repeatable)"},
		yes: {type: 'boolean', short: 'y', description: 'answer yes to every step (write steps are still printed before they run)'},
		'audit-log': {type: 'string', value: 'FILE', description: 'append the audit log here instead'},
		report: {type: 'string', value: 'FILE', description: 'write a markdown incident report when the run ends'},
		timeout: {type: 'string', value: 'DURATION', description: 'time limit of each kubectl and sh step, e.g. 30s or 2m (default: the step\'s own, 60s)'},
	},
	positionals: ['PLAYBOOK'],
	async run(values, positionals, io) {
		const flags = kubeFlagsFrom(values);
		const yes = values.yes === true;
		if (yes && flags.readOnly) throw new UsageError('guide: --yes and --read-only cannot go together: a read-only session refuses the changes --yes would agree to');
		const presets = parsePresets(values.set);
		const timeoutMs = values.timeout === undefined ? undefined : parseTimeout(String(values.timeout));
		const query = parseTarget(values, positionals[0], flags.namespace);
		const target = loadTarget({...flags, namespace: query.target?.namespace ?? flags.namespace, env: io.env});
		await checkReachable(target);
		const library = await loadPlaybooks({dirs: flags.playbookDirs});
		reportLibraryProblems(library, io.stderr);
		if (query.playbook && !library.playbooks.some(playbook => playbook.id === query.playbook)) {
			throw new UserError(`no playbook "${query.playbook}" (see kconsole playbooks list)`);
		}
		query.namespace = target.allNamespaces ? null : target.namespace;
		const style = createStyle(colourWanted(io.stdout, io.env));
		const out = io.stdout;
		// Until the run starts, Ctrl-C (from the terminal or as a signal) just stops the setup.
		const setup = new AbortController();
		let onInterrupt = () => setup.abort();
		const reader: AnswerReader = createAnswerReader({input: io.stdin, output: out, onInterrupt: () => onInterrupt()});
		const store = new ClusterStore();
		const watch = watchCluster(target, store);
		const evidence = new LogEvidence(target);
		const live = new LiveFindings(store, library.playbooks, {evidence});
		if (query.text !== undefined) live.setText(targetTextName, query.text);
		const onSigint = () => onInterrupt();
		process.on('SIGINT', onSigint);
		try {
			await settleFindings({store, findings: live, evidenceIdle: async () => evidence.idle(), query, deadlineMs: settleMs, signal: setup.signal});
			if (setup.signal.aborted) {
				out.write('Aborted.\n');
				return 1;
			}
			const candidates = matching(live.findings(), query);
			if (candidates.length === 0) return nothingToFix(query, store, target.context, out);
			const finding = await pickFinding(candidates, {named: Boolean(query.playbook || query.target), reader, out});
			if (!finding) {
				out.write('Aborted: no finding picked.\n');
				return 1;
			}
			const playbook = withTimeout(library.playbooks.find(each => each.id === finding.playbook)!, timeoutMs);
			const mode = flags.readOnly ? 'read-only' : 'read-write';
			const run = createRun({playbook, finding, mode, context: {context: target.context, namespace: finding.namespace ?? target.namespace}, presets, now: Date.now()});
			printIntroduction(run, style, out);
			const auditFile = typeof values['audit-log'] === 'string' ? values['audit-log'] : defaultAuditLogPath(io.env);
			const executor = createClusterExecutor({mode, target, store, findings: live, auditFile});
			const session = createGuideSession({run, executor, findings: live, outputs: new RecentTexts(live), confirmedBy: yes ? '--yes' : 'user'});
			const matches = (step: {index: number}) => outputMatches({name: session.outputName(step.index), findings: live.findings(), run: finding, playbooks: library.playbooks, flags});
			const lineMode = createLineMode({session, out, style, yes, target, outputMatches: matches});
			lineMode.attach(reader);
			onInterrupt = () => lineMode.interrupt();
			const {state, problem} = await lineMode.run();
			session.dispose();
			printOutcome(state, style, out);
			if (typeof values.report === 'string') out.write(`Report written to ${await exportReport(state, values.report)}\n`);
			if (problem) return 2;
			return state.status === 'finished' && (state.resolved === true || (state.resolved === null && stepsWorked(state))) ? 0 : 1;
		} finally {
			process.off('SIGINT', onSigint);
			reader.close();
			live.stop();
			evidence.stop();
			await watch.stop();
			store.close();
		}
	},
};

function parseTarget(values: Values, playbook: string | undefined, namespace: string | undefined): FindingQuery {
	const kindWord = typeof values.kind === 'string' ? values.kind : 'Pod';
	if (kindWord.toLowerCase() === 'text') {
		if (typeof values.target !== 'string' || values.target.trim() === '') throw new UsageError('guide: --kind Text needs --target TEXT, the output to match (e.g. the error line a command printed)');
		return {playbook, namespace: namespace ?? null, target: {kind: 'Text', namespace: null, name: targetTextName}, text: values.target};
	}
	const kind = watchedKindFor(kindWord);
	if (!kind) throw new UsageError(`guide: --kind ${kindWord}: kconsole does not watch that kind`);
	const query: FindingQuery = {playbook, namespace: namespace ?? null};
	if (typeof values.target !== 'string') return query;
	const parts = values.target.split('/');
	const named = isNamespaced(kind);
	if (parts.some(part => part === '') || parts.length > (named ? 2 : 1)) {
		throw new UsageError(`guide: --target ${values.target}: write ${named ? 'NAMESPACE/NAME or NAME' : 'NAME'} for a ${kind}`);
	}
	const [first, second] = parts;
	query.target = {kind, namespace: named ? (second === undefined ? namespace ?? null : first) : null, name: second ?? first};
	return query;
}

function parsePresets(value: Values[string]): Record<string, string> {
	const entries = value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
	const presets: Record<string, string> = {};
	for (const entry of entries) {
		const match = /^([A-Za-z][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
		if (!match) throw new UsageError(`guide: --set ${entry}: write NAME=VALUE`);
		presets[match[1]] = match[2];
	}
	return presets;
}

function parseTimeout(text: string): number {
	const ms = parseDuration(text);
	if (ms === undefined) throw new UsageError(`guide: --timeout ${text}: write e.g. 500ms, 30s or 2m`);
	return ms;
}

/** --timeout replaces the time limit of the playbook's command steps; probes and waits keep theirs. */
function withTimeout(playbook: Playbook, timeoutMs: number | undefined): Playbook {
	if (timeoutMs === undefined) return playbook;
	const retimed = (steps: Step[]) => steps.map(step => (step.action && (step.action.kind === 'kubectl' || step.action.kind === 'sh') ? {...step, action: {...step.action, timeoutMs}} : step));
	return {...playbook, steps: retimed(playbook.steps), variants: playbook.variants.map(variant => ({...variant, steps: retimed(variant.steps)}))};
}

function nothingToFix(query: FindingQuery, store: ClusterStore, context: string, out: NodeJS.WritableStream): number {
	const what = query.playbook ? `${query.playbook} finding` : 'finding';
	if (query.target?.kind === 'Text') {
		out.write(`nothing to fix: the --target text matches no ${query.playbook ? `${query.playbook} playbook` : 'playbook'}\n`);
		return 0;
	}
	if (query.target) {
		const {kind, namespace, name} = query.target;
		const shown = subjectLabel({kind, namespace, name});
		const connection = store.connection(kind);
		if (connection.status !== 'live') throw new UserError(`cannot see ${shown}: the watch of ${kind} objects is ${connection.status}${connection.message ? ` (${connection.message})` : ''}`);
		if (!store.get(kind, namespace, name)) throw new UserError(`${shown} does not exist in context ${context}`);
		out.write(`nothing to fix: ${shown} has no ${what}\n`);
		return 0;
	}
	const where = query.namespace === null ? 'any namespace' : `namespace ${query.namespace}`;
	out.write(`nothing to fix: no ${what}s in ${where} (context ${context})\n`);
	return 0;
}

function printIntroduction(state: GuideState, style: Style, out: NodeJS.WritableStream): void {
	const {finding, playbook, variant} = state;
	const lines = [
		style.bold(`${playbook.title}: ${subjectLabel(finding)}${finding.container ? ` (container ${finding.container})` : ''}`),
		`  ${finding.summary}`,
		...(variant ? [`  Variant: ${variant.title}`] : []),
		...(finding.evidence.length > 0 ? ['  Evidence:', ...finding.evidence.map(line => `    ${style.dim(line)}`)] : []),
		`  Context ${state.context}, namespace ${state.values.namespace}, ${state.mode} session`,
		'',
		...[playbook.explanation, variant?.explanation ?? ''].map(text => fillText(text.trim(), state.values)).filter(Boolean).flatMap(text => text.split('\n').map(line => `  ${line}`)),
	];
	out.write(`${lines.join('\n')}\n`);
}

function printOutcome(state: GuideState, style: Style, out: NodeJS.WritableStream): void {
	const took = seconds((state.finishedAt ?? Date.now()) - state.startedAt);
	out.write('\n');
	if (state.status === 'aborted') out.write(`${style.red(`Aborted after ${took}.`)}\n`);
	else if (state.resolved) out.write(`${style.green(`Resolved: the finding is gone. Time to resolution: ${took}.`)}\n`);
	else if (state.resolved === null) out.write(`${(stepsWorked(state) ? style.green : style.red)(`Finished after ${took}: ${textUnchecked}.`)}\n`);
	else out.write(`${style.red(`Not resolved: the finding is still there after ${took}.`)}\n`);
}

/** For a finding kconsole cannot re-check: something ran and nothing failed (a last `auth can-i` that says no fails). */
function stepsWorked(state: GuideState): boolean {
	return state.steps.some(step => step.status === 'succeeded') && !state.steps.some(step => step.status === 'failed');
}

export default guideCommand;
