// A guided run written down as markdown for the incident channel or ticket: what was found,
// what was run exactly, what it printed, and how long it took to fix.
import {formatArgv} from '../command/split-command-line.js';
import {subjectLabel} from '../match/subject-label.js';
import {pathNamesSecret, redactArgv, redactSecrets, redacted} from '../text/redact.js';
import {stripControlSequences} from '../text/strip-control.js';
import {describeChanges, type DryRunChanges} from './dry-run-changes.js';
import {textUnchecked, type DryRunRecord, type GuideState, type StepState} from './guide-state.js';

/** Output lines kept per step in the report; the full output stays in the audit log. */
const reportLines = 20;

export function renderReport(state: GuideState, options: {now: number; context?: string}): string {
	const {finding, playbook, variant} = state;
	const context = options.context ?? state.context;
	const subject = finding.kind === 'Text' ? subjectLabel(finding) : `${finding.kind} ${finding.namespace ? `${finding.namespace}/` : ''}${finding.name}`;
	const object = `${subject}${finding.container ? ` (container ${finding.container})` : ''}`;
	const lines = [
		`# Incident report: ${playbook.title}`,
		'',
		`- Playbook: \`${playbook.id}\` (${playbook.title})`,
		...(variant ? [`- Variant: \`${variant.id}\` (${variant.title})`] : []),
		`- Object: ${object}`,
		...(context ? [`- Context: \`${context}\``] : []),
		`- Session: ${state.mode}`,
		`- Started: ${timestamp(state.startedAt)}`,
		'',
		'## Finding',
		'',
		redactSecrets(finding.summary),
		'',
		'## Evidence',
		'',
		...(finding.evidence.length > 0 ? finding.evidence.flatMap(evidence => quote(evidence)) : ['(none recorded)']),
		'',
		'## Steps',
		'',
		...state.steps.flatMap(step => renderStep(step)),
		'## Outcome',
		'',
		...renderOutcome(state, options.now),
	];
	return `${lines.join('\n')}\n`;
}

function renderStep(step: StepState): string[] {
	const action = step.step.action;
	const lines = [`### ${step.index + 1}. ${step.step.title}: ${statusWords[step.status]}`, ''];
	if (action) {
		const env = Object.entries(step.env ?? {}).map(([name, value]) => `# with ${redactSecrets(`${name}=${value}`)}`);
		lines.push(...fenced([`$ ${commandText(step)}`, ...env]), '');
	} else {
		lines.push('Manual step, done by hand outside kconsole.', '');
	}
	const facts: string[] = [];
	if (step.edited) facts.push('Command edited by the user before it ran.');
	if (step.startedAt !== undefined) facts.push(`Started ${timestamp(step.startedAt)}${step.durationMs === undefined ? '' : `, took ${duration(step.durationMs)}`}.`);
	if (step.exitCode !== undefined && step.exitCode !== null) facts.push(`Exit code ${step.exitCode}.`);
	if (step.signal) facts.push(`Killed by ${step.signal}.`);
	if (step.dryRun && step.dryRun.exitCode !== undefined) facts.push(`Dry run \`${formatArgv(redactArgv(step.dryRun.argv))}\`: ${dryRunWords(step.dryRun)}.`);
	if (step.error) facts.push(`Error: ${redactSecrets(step.error)}`);
	if (step.note) facts.push(`Note: ${redactSecrets(step.note)}`);
	if (facts.length > 0) lines.push(...facts.map(fact => `- ${fact}`), '');
	if (step.dryRun?.changes) lines.push('What the dry run would change:', '', ...fenced(describeChanges(redactChanges(step.dryRun.changes))), '');
	const total = step.output.length + step.outputDropped;
	if (total > 0) {
		const shown = step.output.slice(-reportLines);
		// Redacted as one text, so a private key spanning lines is found whole.
		const text = redactSecrets(shown.map(line => line.line).join('\n'));
		lines.push(shown.length < total ? `Output (last ${shown.length} of ${total} lines):` : 'Output:', '', ...fenced(text.split('\n')), '');
	}
	return lines;
}

function renderOutcome(state: GuideState, now: number): string[] {
	const total = duration((state.finishedAt ?? now) - state.startedAt);
	if (state.status === 'aborted') return [`Aborted at ${timestamp(state.finishedAt!)} after ${total}.`];
	if (state.status === 'running') return [`In progress: ${total} so far.`];
	const counts = (['succeeded', 'failed', 'skipped'] as const)
		.map(status => [status, state.steps.filter(step => step.status === status).length] as const)
		.filter(([, count]) => count > 0)
		.map(([status, count]) => `${count} ${status}`)
		.join(', ');
	const steps = `Steps: ${counts || 'none'}.`;
	if (state.resolved === true) return [`Resolved: the finding is gone. Time to resolution: ${total}.`, '', steps];
	if (state.resolved === false) return [`Not resolved: the finding is still present after ${total}.`, '', steps];
	if (state.resolved === null) return [`Finished after ${total}; not checked: ${textUnchecked}.`, '', steps];
	return [`Finished after ${total}; whether the finding is gone was not checked.`, '', steps];
}

const statusWords: Record<StepState['status'], string> = {
	pending: 'not reached',
	'awaiting-input': 'waiting for an answer',
	'awaiting-confirmation': 'waiting for confirmation',
	running: 'running',
	succeeded: 'succeeded',
	failed: 'failed',
	skipped: 'skipped',
};

function dryRunWords(dryRun: DryRunRecord): string {
	if (dryRun.exitCode === 0 && !dryRun.error) return 'accepted by the server';
	return `rejected (${dryRun.error ? redactSecrets(dryRun.error) : `exit code ${dryRun.exitCode}`})`;
}

/** Values of fields named like secrets (an env var DB_PASSWORD) go, also inside a list item or map that comes or goes. */
function redactChanges(changes: DryRunChanges): DryRunChanges {
	const fields = changes.fields.map(field => {
		const secret = pathNamesSecret(field.path);
		const clean = (value: unknown) => (value === undefined ? undefined : secret ? redacted : redactValue(value));
		return {...field, before: clean(field.before), after: clean(field.after)};
	});
	return {...changes, fields};
}

function redactValue(value: unknown): unknown {
	if (typeof value === 'string') return redactSecrets(value);
	if (Array.isArray(value)) return value.map(redactValue);
	if (typeof value !== 'object' || value === null) return value;
	const map = value as Record<string, unknown>;
	// An env var or similar named item: {name: "DB_PASSWORD", value: "…"}.
	const namedSecret = typeof map.name === 'string' && pathNamesSecret(map.name);
	return Object.fromEntries(Object.entries(map).map(([key, item]) => [key, (namedSecret && key === 'value') || pathNamesSecret(key) ? redacted : redactValue(item)]));
}

/** Evidence comes from the cluster: made inert, and every line of it kept inside the quote. */
function quote(text: string): string[] {
	return redactSecrets(stripControlSequences(text)).split('\n').map(line => `> ${line}`);
}

/** The exact command, secrets replaced; the text as shown when no argv could be built. */
function commandText(step: StepState): string {
	const kind = step.step.action?.kind;
	if (!step.argv) return redactSecrets(step.display);
	const command = formatArgv(redactArgv(step.argv));
	return kind === 'probe' || kind === 'wait' ? `${kind} ${command}` : command;
}

/** A fenced block that its own content cannot close. */
function fenced(lines: string[]): string[] {
	const longestRun = Math.max(0, ...lines.flatMap(line => (line.match(/`+/g) ?? []).map(run => run.length)));
	const fence = '`'.repeat(Math.max(3, longestRun + 1));
	return [fence, ...lines, fence];
}

function timestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function duration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.round(ms / 1000);
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = String(seconds % 60).padStart(2, '0');
	return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m ${rest}s` : `${minutes}m ${rest}s`;
}
