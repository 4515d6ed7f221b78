import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {UsageError, UserError, type Command, type Io} from './commands/command.js';
import {commandHelp, mainHelp} from './commands/help.js';

/** Commands load lazily so `kconsole sim` never pays for Ink, and `diagnose` never for the UI. */
const commands: Record<string, {summary: string; load: () => Promise<Command>}> = {
	console: {summary: 'the full-screen console (the default when no command is given)', load: async () => (await import('./commands/console.js')).consoleCommand},
	demo: {summary: 'the console on a simulated cluster with every failure scenario', load: async () => (await import('./commands/demo.js')).demoCommand},
	diagnose: {summary: 'look at the cluster once and print what the playbooks recognise', load: async () => (await import('./commands/diagnose.js')).diagnoseCommand},
	guide: {summary: 'fix a finding step by step in a plain terminal (no full-screen UI)', load: async () => (await import('./commands/guide.js')).guideCommand},
	match: {summary: 'match saved Kubernetes objects (and logs) against the playbooks, offline', load: async () => (await import('./commands/match.js')).matchCommand},
	playbooks: {summary: 'list, show and lint the playbooks', load: async () => (await import('./commands/playbooks.js')).playbooksCommand},
	sim: {summary: 'run the simulated cluster (a Kubernetes API for kubectl, tests and demos)', load: async () => (await import('./commands/sim.js')).simCommand},
};

export const version: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export async function main(argv: string[], io: Io): Promise<number> {
	// `kconsole` alone, or with flags only (`kconsole -n shop`), opens the console.
	if (argv.length === 0 || (argv[0].startsWith('-') && !['--help', '-h', '--version', '-v'].includes(argv[0]))) return main(['console', ...argv], io);
	const [first, ...rest] = argv;
	if (first === '--help' || first === '-h' || first === 'help') {
		if (first === 'help' && rest[0]) return main([rest[0], '--help'], io);
		io.stdout.write(mainHelp(commands));
		return 0;
	}
	if (first === '--version' || first === '-v') {
		io.stdout.write(`kconsole ${version}\n`);
		return 0;
	}
	const entry = first.startsWith('-') ? undefined : commands[first];
	if (!entry) {
		const what = first.startsWith('-') ? `unknown flag "${first}"` : `unknown command "${first}"`;
		throw new UsageError(`${what} (see kconsole --help)`);
	}
	const command = await entry.load();
	if (rest.includes('--help') || rest.includes('-h')) {
		io.stdout.write(commandHelp(command));
		return 0;
	}
	const {values, positionals} = parseCommandArgs(command, rest);
	return command.run(values, positionals, io);
}

function parseCommandArgs(command: Command, args: string[]) {
	let parsed;
	try {
		parsed = parseArgs({args, options: command.options as any, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError(`${command.name}: ${describeParseError(error)} (see kconsole ${command.name} --help)`);
	}
	const allowed = command.positionals ?? [];
	const variadic = allowed.some(name => name.endsWith('...'));
	if (!variadic && parsed.positionals.length > allowed.length) {
		throw new UsageError(`${command.name}: unexpected argument "${parsed.positionals[allowed.length]}" (see kconsole ${command.name} --help)`);
	}
	return {values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals};
}

function describeParseError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const unknown = /Unknown option '([^']+)'/.exec(message);
	if (unknown) return `unknown flag "${unknown[1]}"`;
	const missing = /Option '([^']+)' argument missing/.exec(message);
	if (missing) return `flag "${missing[1].replace(/^-\w, /, '')}" needs a value`;
	return message.split('\n')[0];
}
