import type {Command} from './command.js';

export function mainHelp(commands: Record<string, {summary: string}>): string {
	const width = Math.max(...Object.keys(commands).map(name => name.length));
	const lines = Object.entries(commands).map(([name, {summary}]) => `  ${name.padEnd(width)}  ${summary}`);
	return [
		'kconsole: a terminal console for troubleshooting Kubernetes',
		'',
		'Usage: kconsole [command] [options]',
		'',
		'Commands:',
		...lines,
		'',
		'Options:',
		'  -h, --help     show help (also: kconsole COMMAND --help)',
		'  -v, --version  print the version',
		'',
	].join('\n');
}

export function commandHelp(command: Command): string {
	const rows = Object.entries(command.options).map(([name, spec]) => {
		const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
		const fallback = spec.default === undefined || spec.default === false ? '' : ` (default ${spec.default})`;
		return [flag, `${spec.description}${fallback}`] as const;
	});
	rows.push(['-h, --help', 'show this help']);
	const width = Math.max(...rows.map(([flag]) => flag.length));
	return [
		`Usage: ${command.usage}`,
		'',
		command.summary,
		...(command.details ? ['', command.details.trimEnd()] : []),
		'',
		'Options:',
		...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
		'',
	].join('\n');
}
