// Reads playbook files from disk: the shipped `playbooks/` directory and the user's
// `--playbooks DIR`s. One unreadable or broken file never keeps the others out.
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {checkLibrary, type LibraryEntry} from '../core/playbook/check-library.js';
import {parsePlaybook} from '../core/playbook/parse-playbook.js';
import type {Playbook, Problem} from '../core/playbook/types.js';

/** Two levels up from source/library and from dist/library alike. */
export const shippedPlaybooksDirectory = fileURLToPath(new URL('../../playbooks/', import.meta.url));

export type LoadedLibrary = {playbooks: Playbook[]; problems: Problem[]; notes: Problem[]};

export type LoadOptions = {
	/** User directories (a path to one .md file works too), read after the shipped ones. */
	dirs?: string[];
	/** Read the shipped playbooks (default true). */
	shipped?: boolean;
	/** Where the shipped playbooks are; tests point it elsewhere. */
	shippedDirectory?: string;
};

/** Problems about a whole directory or an unreadable file have line 0, which formatProblem leaves out. */
export async function loadPlaybooks(options: LoadOptions = {}): Promise<LoadedLibrary> {
	const sources = [
		...(options.shipped === false ? [] : [{directory: options.shippedDirectory ?? shippedPlaybooksDirectory, shipped: true}]),
		...(options.dirs ?? []).map(directory => ({directory: path.resolve(directory), shipped: false})),
	];
	const problems: Problem[] = [];
	const entries: LibraryEntry[] = [];
	for (const {directory, shipped} of sources) {
		const listed = await listPlaybookFiles(directory, shipped);
		if ('problem' in listed) {
			problems.push(listed.problem);
			continue;
		}
		const parsed = await Promise.all(listed.files.map(async file => readPlaybook(file)));
		for (const result of parsed) {
			problems.push(...result.problems);
			if (result.playbook) entries.push({playbook: result.playbook, shipped});
		}
	}
	const library = checkLibrary(entries);
	return {playbooks: library.playbooks, problems: [...problems, ...library.problems], notes: library.notes};
}

/** `file:line: message`, the file relative to the working directory when it lies inside it. */
export function formatProblem(problem: Problem): string {
	const relative = path.relative(process.cwd(), problem.file);
	const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
	const file = inside ? relative : problem.file;
	return problem.line > 0 ? `${file}:${problem.line}: ${problem.message}` : `${file}: ${problem.message}`;
}

async function listPlaybookFiles(directory: string, shipped: boolean): Promise<{files: string[]} | {problem: Problem}> {
	try {
		const entries = await readdir(directory, {withFileTypes: true});
		const names = entries
			// A README explains the directory; it is not a playbook.
			.filter(entry => !entry.isDirectory() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md')
			.map(entry => entry.name)
			.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		return {files: names.map(name => path.join(directory, name))};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOTDIR') return {files: [directory]};
		// The shipped directory is absent until the library's first playbook lands.
		if (code === 'ENOENT' && shipped) return {files: []};
		return {problem: {file: directory, line: 0, message: `cannot read the playbooks directory: ${describeError(error)}`}};
	}
}

async function readPlaybook(file: string): Promise<{playbook: Playbook | null; problems: Problem[]}> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		return {playbook: null, problems: [{file, line: 0, message: `cannot read the playbook: ${describeError(error)}`}]};
	}
	return parsePlaybook(text, file);
}

function describeError(error: unknown): string {
	const {code, message} = error as NodeJS.ErrnoException;
	const words: Record<string, string> = {ENOENT: 'it does not exist', EACCES: 'permission denied', EISDIR: 'it is a directory', EPERM: 'permission denied'};
	return (code && words[code]) ?? message;
}
