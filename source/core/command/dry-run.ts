// A write command as a server-side dry run: the API server runs validation and admission and
// keeps nothing. Only for commands whose kubectl (v1.32) takes `--dry-run`; anything we are
// not sure about gets no dry run rather than a guess.
import {classify} from './classify-command.js';
import {argumentsEnd, booleanFlag, flagValue, kubectlCommand} from './kubectl-argv.js';

// Command paths with a `--dry-run` flag (checked with `kubectl <path> --help`). Not in this
// list: `rollout restart` (no --dry-run before kubectl 1.33), `create token`, edit, exec, debug.
const dryRunCommands = new Set([
	'create', 'apply', 'apply set-last-applied', 'patch', 'replace', 'delete', 'scale', 'label', 'annotate', 'taint',
	'expose', 'run', 'autoscale', 'cordon', 'uncordon', 'drain', 'rollout undo', 'auth reconcile',
	'set env', 'set image', 'set resources', 'set selector', 'set serviceaccount', 'set subject',
]);
const createSubcommandsWithoutDryRun = new Set(['token']);

// Commands whose own output says little ("deployment patched"): ask for the object they would
// leave. `set *` too. Not rollout undo: its -o prints the deployment as it was before the undo.
const showResult = new Set(['patch', 'replace']);

export function dryRunArgv(argv: string[]): string[] | null {
	if (classify(argv) === 'read') return null;
	const command = kubectlCommand(argv);
	if (!command || command.path.length === 0) return null;
	const path = command.path.join(' ');
	if (!dryRunCommands.has(path) && !(command.path[0] === 'create' && !createSubcommandsWithoutDryRun.has(command.path[1]))) return null;
	const end = argumentsEnd(argv);
	const existing = flagValue(argv, {long: 'dry-run'}, command.end, end);
	const bare = argv.slice(command.end, end).includes('--dry-run');
	// A dry run the author chose stays theirs: server is already what we would do, anything else we leave alone.
	if (existing !== undefined || bare) return existing === 'server' && !bare ? [...argv] : null;
	if (!acceptsServerDryRun(argv, command.path, command.end, end)) return null;
	const added = ['--dry-run=server'];
	const wantsObject = showResult.has(path) || command.path[0] === 'set';
	if (wantsObject && flagValue(argv, {long: 'output', short: 'o'}, command.end, end) === undefined) added.push('-o', 'yaml');
	return insertFlags(argv, command.end, end, added);
}

/**
 * Whether the object the command prints (with -o) is the one the write would leave, so comparing it
 * with the object now says what would change. `rollout undo` prints the object as it was before the undo.
 */
export function printsResultingObject(argv: string[]): boolean {
	return kubectlCommand(argv)?.path.join(' ') !== 'rollout undo';
}

/** Flags that kubectl refuses with --dry-run=server, or that make the command something else. */
function acceptsServerDryRun(argv: string[], path: string[], from: number, end: number): boolean {
	// --raw sends the request as given, --edit opens an editor, --local never contacts the server.
	if (['create', 'replace', 'delete'].includes(path[0]) && flagValue(argv, {long: 'raw'}, from, end) !== undefined) return false;
	if (path[0] === 'create' && booleanFlag(argv, 'edit', from, end)) return false;
	if (booleanFlag(argv, 'local', from, end)) return false;
	if (path[0] === 'run') {
		if (['stdin', 'tty', 'attach', 'rm'].some(flag => booleanFlag(argv, flag, from, end))) return false;
		// -i and -t may be bundled with other boolean shorthands (`-it`, `-qi`), and -i=true is -i too.
		if (argv.slice(from, end).some(arg => /^-[qRit]*[it]/.test(arg) && !arg.startsWith('--'))) return false;
	}
	return true;
}

/**
 * Append the flags after the command's arguments (before a `--`), where people write them. If the
 * last argument is a flag that may be waiting for its value, put them right after the command path
 * instead, so `--dry-run=server` can never become that flag's value.
 */
function insertFlags(argv: string[], pathEnd: number, end: number, flags: string[]): string[] {
	const last = argv[end - 1];
	const at = end > pathEnd && last.startsWith('-') && !last.includes('=') ? pathEnd : end;
	return [...argv.slice(0, at), ...flags, ...argv.slice(at)];
}
