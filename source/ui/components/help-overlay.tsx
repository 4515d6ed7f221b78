// `?`: every key, generated from the keymap, grouped by where it works.
import {Box, Text} from 'ink';
import {keyLabel} from '../key-names.js';
import {keymap, type Scope} from '../keymap.js';
import {fit, type Theme} from '../theme.js';

const groups: Array<[Scope[], string]> = [
	[['global'], 'Everywhere'],
	[['move'], 'Moving (lists, logs, describe, output)'],
	[['findings', 'resources', 'events'], 'Findings, pods, events'],
	[['logs'], 'Logs'],
	[['playbook'], 'Playbook (the guided fix)'],
	[['prompt'], 'Typing a filter or command'],
];

/** The help text as lines: a heading per group, one line per command with its keys. */
export function helpLines(): Array<{heading?: string; keys?: string; description?: string}> {
	const lines: Array<{heading?: string; keys?: string; description?: string}> = [];
	for (const [scopes, heading] of groups) {
		const bindings = keymap.filter(binding => scopes.includes(binding.scope));
		if (bindings.length === 0) continue;
		lines.push({heading});
		for (const binding of bindings) lines.push({keys: binding.keys.map(keyLabel).join(' '), description: binding.description});
	}
	return lines;
}

export function HelpOverlay({width, height, theme}: {width: number; height: number; theme: Theme}) {
	const lines = helpLines();
	const rows = Math.max(1, height - 1);
	// As few columns as hold every line, so each is as wide as the screen allows.
	const columnCount = Math.max(1, Math.min(Math.ceil(lines.length / rows), Math.floor(width / 40)));
	const columnWidth = Math.floor((width - (columnCount - 1) * 2) / columnCount);
	const columns = Array.from({length: columnCount}, (_, index) => lines.slice(index * rows, (index + 1) * rows));
	const hidden = Math.max(0, lines.length - columnCount * rows);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text inverse bold color={theme.accent}>
				{fit(` Keys${hidden > 0 ? ` (${hidden} more lines: make the terminal bigger)` : ''} · Esc or ? closes`, width, theme)}
			</Text>
			<Box flexDirection="row">
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={columnWidth} marginRight={index < columnCount - 1 ? 2 : 0}>
						{column.map((line, lineIndex) =>
							line.heading ? (
								<Text key={lineIndex} bold color={theme.accent} wrap="truncate-end">
									{line.heading}
								</Text>
							) : (
								<Text key={lineIndex} wrap="truncate-end">
									<Text bold>{fit(line.keys ?? '', 13, theme)}</Text>
									<Text> {line.description}</Text>
								</Text>
							),
						)}
					</Box>
				))}
			</Box>
		</Box>
	);
}
