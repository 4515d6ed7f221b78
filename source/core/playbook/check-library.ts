// The playbooks of one run: shipped ones, then the user's (--playbooks). Ids are unique within
// each source; a user playbook with a shipped id replaces the shipped one, which is a note, not a problem.
import type {Playbook, Problem} from './types.js';

export type LibraryEntry = {playbook: Playbook; shipped: boolean};

export function checkLibrary(entries: LibraryEntry[]): {playbooks: Playbook[]; problems: Problem[]; notes: Problem[]} {
	const problems: Problem[] = [];
	const notes: Problem[] = [];
	const first = new Map<string, Playbook>();
	const kept: LibraryEntry[] = [];
	for (const entry of entries) {
		const key = `${entry.shipped ? 'shipped' : 'user'} ${entry.playbook.id}`;
		const earlier = first.get(key);
		if (earlier) {
			// Both files are at fault; the first by file name stays loaded so matching does not depend on luck.
			problems.push(
				{file: earlier.file, line: idLine(earlier), message: `duplicate id "${earlier.id}" (also in ${locationFrom(earlier.file, entry.playbook)})`},
				{file: entry.playbook.file, line: idLine(entry.playbook), message: `duplicate id "${earlier.id}" (also in ${locationFrom(entry.playbook.file, earlier)})`},
			);
			continue;
		}
		first.set(key, entry.playbook);
		kept.push(entry);
	}
	const overridden = new Set<string>();
	for (const {playbook, shipped} of kept) {
		if (!shipped && first.has(`shipped ${playbook.id}`)) {
			overridden.add(playbook.id);
			notes.push({file: playbook.file, line: idLine(playbook), message: `overrides the shipped playbook ${playbook.id}`});
		}
	}
	const playbooks = kept.filter(({playbook, shipped}) => !shipped || !overridden.has(playbook.id)).map(({playbook}) => playbook);
	return {playbooks, problems, notes};
}

function idLine(playbook: Playbook): number {
	return playbook.idLine ?? playbook.line;
}

// The other file by name alone when both sit in one directory, which is the usual case.
function locationFrom(file: string, other: Playbook): string {
	const directory = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
	const shown = directory(file) === directory(other.file) ? other.file.slice(directory(other.file).length) : other.file;
	return `${shown}:${idLine(other)}`;
}
