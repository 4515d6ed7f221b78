// The playbook library as commands load it: shipped playbooks plus --playbooks DIRs, with
// problems reported on stderr rather than stopping the command.
import type {Writable} from 'node:stream';
import {formatProblem, type LoadedLibrary} from '../library/load-playbooks.js';

/** One `warning:` line per problem; a broken playbook is left out, the others work. */
export function reportLibraryProblems(library: LoadedLibrary, stderr: Writable): void {
	for (const problem of library.problems) stderr.write(`kconsole: warning: ${formatProblem(problem)} (see kconsole playbooks lint)\n`);
}
