// `kconsole playbooks list | show ID | lint [DIR]`: the library as the other commands see it.
import path from 'node:path';
import type {Problem} from '../core/playbook/types.js';
import {formatProblem, loadPlaybooks} from '../library/load-playbooks.js';
import {UsageError, UserError, type Command, type Io, type Values} from './command.js';
import {alignedTable} from './findings-output.js';
import {formatPlaybook} from './format-playbook.js';
import {playbookDirsFrom, playbookOptions} from './kube-options.js';
import {reportLibraryProblems} from './playbook-library.js';

export const playbooksCommand: Command = {
	name: 'playbooks',
	summary: 'list, show and lint the playbooks',
	usage: 'kconsole playbooks list | show ID | lint [DIR]',
	details: [
		'list       id, severity and title of every playbook',
		'show ID    one playbook: what it recognises, its variants, its steps and their commands',
		'lint [DIR] check playbooks: one `file:line: message` per problem, exit status 1 if any.',
		'           With DIR, checks DIR as your playbooks next to the shipped ones (an id that',
		'           overrides a shipped playbook is noted); without, the whole library.',
		'',
		'--playbooks DIR adds your playbooks to the shipped ones; one with a shipped id replaces it.',
	].join('\n'),
	options: {...playbookOptions},
	positionals: ['list|show|lint', 'ID|DIR'],
	async run(values, positionals, io) {
		const [action, argument] = positionals;
		switch (action) {
			case 'list':
				if (argument !== undefined) throw new UsageError(`playbooks list: unexpected argument "${argument}"`);
				return list(values, io);
			case 'show':
				if (argument === undefined) throw new UsageError('playbooks show: which playbook? (kconsole playbooks show ID; ids: kconsole playbooks list)');
				return show(argument, values, io);
			case 'lint':
				return lint(argument, values, io);
			case undefined:
				throw new UsageError('playbooks: say list, show ID or lint [DIR] (see kconsole playbooks --help)');
			default:
				throw new UsageError(`playbooks: unknown action "${action}" (use list, show ID or lint [DIR])`);
		}
	},
};

async function list(values: Values, io: Io): Promise<number> {
	const library = await loadPlaybooks({dirs: playbookDirsFrom(values)});
	reportLibraryProblems(library, io.stderr);
	const rows = [...library.playbooks].sort((a, b) => a.id.localeCompare(b.id)).map(playbook => [playbook.id, playbook.severity, playbook.title]);
	if (rows.length === 0) {
		io.stderr.write('no playbooks\n');
		return 0;
	}
	io.stdout.write(alignedTable(['ID', 'SEVERITY', 'TITLE'], rows));
	return 0;
}

async function show(id: string, values: Values, io: Io): Promise<number> {
	const library = await loadPlaybooks({dirs: playbookDirsFrom(values)});
	const playbook = library.playbooks.find(each => each.id === id);
	if (!playbook) {
		const problem = library.problems.find(each => each.message.includes(`"${id}"`));
		throw new UserError(problem ? `playbook "${id}" has problems: ${formatProblem(problem)}` : `no playbook "${id}" (see kconsole playbooks list)`);
	}
	io.stdout.write(formatPlaybook(playbook, shownFile(playbook.file)));
	return 0;
}

async function lint(directory: string | undefined, values: Values, io: Io): Promise<number> {
	const dirs = [...playbookDirsFrom(values), ...(directory === undefined ? [] : [directory])];
	const library = await loadPlaybooks({dirs});
	// Linting your own directory: the shipped playbooks' problems are ours, not yours.
	const concerns = (problem: Problem) => directory === undefined || dirs.some(dir => isWithin(problem.file, path.resolve(dir)));
	const problems = library.problems.filter(concerns);
	const notes = library.notes.filter(concerns);
	const sorted = [...problems, ...notes].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	for (const problem of sorted) io.stdout.write(`${formatProblem(problem)}\n`);
	const checked = library.playbooks.filter(playbook => directory === undefined || dirs.some(dir => isWithin(playbook.file, path.resolve(dir)))).length;
	io.stderr.write(problems.length === 0 ? `${count(checked, 'playbook')} checked, no problems\n` : `${count(problems.length, 'problem')}\n`);
	return problems.length > 0 ? 1 : 0;
}

function isWithin(file: string, directory: string): boolean {
	const relative = path.relative(directory, file);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function shownFile(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function count(value: number, word: string): string {
	return `${value} ${word}${value === 1 ? '' : 's'}`;
}

export default playbooksCommand;
