// `kconsole match`: the playbooks against objects saved from a cluster (no cluster needed),
// e.g. what a colleague sent from `kubectl get pods,replicasets,events -A -o json`.
import path from 'node:path';
import {matchAll} from '../core/match/matcher.js';
import {eventTime} from '../core/match/subject.js';
import type {Event, KubeObject} from '../core/objects/types.js';
import {loadPlaybooks} from '../library/load-playbooks.js';
import {UsageError, type Command} from './command.js';
import {outputFormat, printFindings} from './findings-output.js';
import {playbookOptions, playbookDirsFrom} from './kube-options.js';
import {parseObjects, readInput, readLogsDirectory} from './match-input.js';
import {reportLibraryProblems} from './playbook-library.js';

export const matchCommand: Command = {
	name: 'match',
	summary: 'match saved Kubernetes objects (and logs) against the playbooks, offline',
	usage: 'kconsole match --input FILE [--logs DIR] [--text FILE] [-o table|json]',
	details: [
		'FILE holds Kubernetes objects as JSON or YAML: a List, an array, one object or several YAML',
		'documents; `kubectl get pods,replicasets,events -A -o json > FILE` works as is (add',
		'services,endpoints,ingresses,namespaces,nodes for their rules). Kinds without rules',
		'(PVCs, Jobs, custom resources) are accepted and ignored. Use - to read standard input.',
		'',
		'DIR holds container logs as DIR/<namespace>/<pod>/<container>.log, and the log of the',
		'previous (crashed) instance as DIR/<namespace>/<pod>/<container>.previous.log, e.g.',
		'  kubectl logs web-1 -c app -n shop --previous > DIR/shop/web-1/app.previous.log',
		'',
		'--text FILE matches free text (command output, an error message) with the text and log rules.',
		'',
		'Events count as evidence for 15 minutes, measured back from the newest event in FILE',
		'(about when it was saved), so a file from yesterday gives the findings of yesterday.',
		'',
		'Exit status: 0 no findings, 1 findings, 2 error.',
	].join('\n'),
	options: {
		input: {type: 'string', short: 'i', value: 'FILE', description: 'Kubernetes objects, JSON or YAML (- for standard input)'},
		logs: {type: 'string', value: 'DIR', description: 'container logs as DIR/<namespace>/<pod>/<container>.log'},
		text: {type: 'string', value: 'FILE', description: 'free text to match (- for standard input)'},
		output: {type: 'string', short: 'o', value: 'FORMAT', description: 'table or json', default: 'table'},
		...playbookOptions,
	},
	async run(values, _positionals, io) {
		const format = outputFormat(values.output, 'match');
		const input = typeof values.input === 'string' ? values.input : undefined;
		const textFile = typeof values.text === 'string' ? values.text : undefined;
		if (!input && !textFile) throw new UsageError('match: --input FILE is required (or --text FILE) (see kconsole match --help)');
		if (input === '-' && textFile === '-') throw new UsageError('match: only one of --input and --text can read standard input');
		const objects = input ? parseObjects(await readInput(input, io.stdin, 'input'), input === '-' ? 'standard input' : input) : [];
		const logs = typeof values.logs === 'string' ? await readLogsDirectory(values.logs) : [];
		const texts: Record<string, string> = {};
		if (textFile) texts[textFile === '-' ? 'stdin' : path.basename(textFile)] = await readInput(textFile, io.stdin, 'text file');
		const library = await loadPlaybooks({dirs: playbookDirsFrom(values)});
		reportLibraryProblems(library, io.stderr);
		// A saved file is the complete picture: an object it does not hold does not exist.
		const listedKinds = [...new Set(objects.map(object => object.kind))];
		const now = snapshotTime(objects);
		const findings = matchAll({objects, logs, texts}, library.playbooks, {listedKinds, now: () => now});
		return printFindings(findings, format, io, {after: '; add -o json for the evidence', none: `no findings in ${objects.length} object${objects.length === 1 ? '' : 's'}`});
	},
};

/** When the objects were saved, as far as they tell: their newest event, never later than now. */
function snapshotTime(objects: readonly KubeObject[]): number {
	let newest = Number.NEGATIVE_INFINITY;
	for (const object of objects) {
		if (object.kind !== 'Event') continue;
		const time = eventTime(object as Event);
		if (time > newest) newest = time;
	}
	return Math.min(Date.now(), newest === Number.NEGATIVE_INFINITY ? Date.now() : newest);
}

export default matchCommand;
