// What a failed step's output matches, for the line line mode prints under the step: each
// finding on that output, with the command that fixes it when `kconsole guide --kind Text
// --target TEXT` given the finding's evidence finds the same thing again.
import {matchAll} from '../core/match/matcher.js';
import type {Finding} from '../core/match/types.js';
import type {Playbook} from '../core/playbook/types.js';
import type {OutputMatch} from './guide-printer.js';
import {targetTextName} from './guide-finding.js';
import type {KubeFlags} from './kube-options.js';

export type OutputMatchOptions = {
	/** The text name the step's output is matched under (GuideSession.outputName); undefined: none. */
	name: string | undefined;
	findings: readonly Finding[];
	/** The finding the run fixes: the same problem found again gets no fix of its own. */
	run: Finding;
	playbooks: readonly Playbook[];
	/** The flags this guide was started with that say where to look, repeated in the fix. */
	flags: KubeFlags;
};

export function outputMatches(options: OutputMatchOptions): OutputMatch[] {
	const {name, run, playbooks} = options;
	if (name === undefined) return [];
	return options.findings.filter(finding => finding.kind === 'Text' && finding.name === name).map(finding => {
		const title = playbooks.find(playbook => playbook.id === finding.playbook)?.title ?? finding.playbook;
		const same = finding.playbook === run.playbook && finding.variant === run.variant && finding.summary === run.summary;
		return {playbook: finding.playbook, title, summary: finding.summary, same, fix: same ? undefined : fixCommand(finding, playbooks, options.flags)};
	});
}

/** `kconsole guide PLAYBOOK --kind Text --target EVIDENCE`, if that finds this finding again (same playbook and variant). */
function fixCommand(finding: Finding, playbooks: readonly Playbook[], flags: KubeFlags): string[] | undefined {
	const text = finding.evidence.join('\n');
	const again = matchAll({objects: [], texts: {[targetTextName]: text}}, [...playbooks]);
	if (!again.some(each => each.playbook === finding.playbook && each.variant === finding.variant)) return undefined;
	return ['kconsole', 'guide', finding.playbook, '--kind', 'Text', '--target', text, ...whereArgs(flags)];
}

function whereArgs(flags: KubeFlags): string[] {
	return [
		...(flags.kubeconfig ? ['--kubeconfig', flags.kubeconfig] : []),
		...(flags.context ? ['--context', flags.context] : []),
		...(flags.namespace ? ['-n', flags.namespace] : []),
		...flags.playbookDirs.flatMap(directory => ['--playbooks', directory]),
		...(flags.readOnly ? ['--read-only'] : []),
	];
}
