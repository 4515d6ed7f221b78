// `kconsole diagnose`: one look at the cluster, findings printed, exit status for scripts.
import {matchAll} from '../core/match/matcher.js';
import type {Finding} from '../core/match/types.js';
import {checkReachable, loadTarget, type KubeTarget} from '../kube/kube-target.js';
import {syncOnce} from '../kube/sync-once.js';
import {loadPlaybooks} from '../library/load-playbooks.js';
import type {Command} from './command.js';
import {outputFormat, printFindings} from './findings-output.js';
import {kubeFlagsFrom, kubeOptions} from './kube-options.js';
import {reportLibraryProblems} from './playbook-library.js';

export const diagnoseCommand: Command = {
	name: 'diagnose',
	summary: 'look at the cluster once and print what the playbooks recognise',
	usage: 'kconsole diagnose [-n NS | -A] [--context NAME] [-o table|json]',
	details: [
		'Lists pods, events, deployments, services, nodes … once, reads the recent logs of failing',
		'containers, and prints one line per finding. -o json prints the findings as a JSON array.',
		'',
		'Exit status: 0 no findings, 1 findings, 2 error (no cluster, bad flags).',
	].join('\n'),
	options: {
		...kubeOptions,
		output: {type: 'string', short: 'o', value: 'FORMAT', description: 'table or json', default: 'table'},
		'no-logs': {type: 'boolean', description: 'do not read container logs (findings from objects and events only)'},
	},
	async run(values, _positionals, io) {
		const format = outputFormat(values.output, 'diagnose');
		const flags = kubeFlagsFrom(values);
		const target = loadTarget({...flags, env: io.env});
		await checkReachable(target);
		const [library, sync] = await Promise.all([loadPlaybooks({dirs: flags.playbookDirs}), syncOnce(target, {logs: values['no-logs'] !== true})]);
		reportLibraryProblems(library, io.stderr);
		for (const problem of sync.problems) {
			io.stderr.write(`kconsole: warning: cannot list ${problem.kind} objects (${problem.message}); findings about them are missing\n`);
		}
		const findings = inScope(matchAll({objects: sync.objects, logs: sync.logs}, library.playbooks, {listedKinds: sync.listedKinds}), target);
		return printFindings(findings, format, io, {after: ` in ${scope(target)}; add -o json for the evidence, or run kconsole to fix them step by step`, none: `no findings in ${scope(target)}`});
	},
};

/** With -n, cluster-wide findings (nodes) stay, but other namespaces' own troubles are not ours. */
function inScope(findings: Finding[], target: KubeTarget): Finding[] {
	if (target.allNamespaces) return findings;
	return findings.filter(finding => (finding.namespace === null ? finding.kind !== 'Namespace' || finding.name === target.namespace : finding.namespace === target.namespace));
}

function scope(target: KubeTarget): string {
	const where = target.allNamespaces ? 'all namespaces' : `namespace ${target.namespace}`;
	return `${where} (context ${target.context})`;
}

export default diagnoseCommand;
