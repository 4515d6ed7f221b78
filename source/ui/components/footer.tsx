// The bottom line: the prompt while typing, a question before quitting, the last command's
// message, or else the keys that work here, generated from the keymap.
import {Text} from 'ink';
import {oneLine} from '../../core/text/one-line.js';
import type {ConsoleState} from '../console-state.js';
import {keyLabel} from '../key-names.js';
import {liveBindings, type KeyFlags, type PaneId} from '../keymap.js';
import {rowFilter} from '../row-filter.js';
import type {Theme} from '../theme.js';

const promptSigns = {filter: '/', search: '/', command: ':', edit: 'edit: ', answer: 'value: '} as const;

export function Footer({state, pane, flags, width, theme}: {state: ConsoleState; pane: PaneId; flags: KeyFlags; width: number; theme: Theme}) {
	if (state.mode === 'prompt' && state.prompt) {
		const {kind, text} = state.prompt;
		const invalid = (kind === 'filter' || kind === 'search') && text !== '' && rowFilter(text).invalid;
		const note = invalid ? '  (not a valid regex: matched as text)' : '';
		const help = `  ${hints(state, pane, flags)}`;
		const sign = promptSigns[kind];
		// The end of what is typed stays visible; the notes and keys give way first.
		const room = width - [...sign].length - 1;
		const shown = [...text].length > room ? `${theme.symbols.ellipsis}${[...text].slice(-(room - 1)).join('')}` : text;
		const rest = width - [...sign].length - [...shown].length - 1;
		return (
			<Text wrap="truncate-end">
				<Text bold color={theme.accent}>{sign}</Text>
				<Text>{shown}</Text>
				<Text inverse> </Text>
				{rest > note.length ? <Text color={theme.warning}>{note}</Text> : null}
				{rest > note.length + help.length ? <Text color={theme.muted}>{help}</Text> : null}
			</Text>
		);
	}
	if (state.mode === 'confirm-quit') {
		return (
			<Text wrap="truncate-end">
				<Text bold color={theme.warning}>A step is running. Quit and stop it? </Text>
				<Text>{hints(state, pane, flags)}</Text>
			</Text>
		);
	}
	if (state.message) {
		return (
			<Text wrap="truncate-end" color={state.message.error ? theme.error : theme.accent} bold={state.message.error}>
				{oneLine(state.message.text)}
			</Text>
		);
	}
	return (
		<Text wrap="truncate-end" color={theme.muted}>
			{hints(state, pane, flags).padEnd(width)}
		</Text>
	);
}

/** `Tab pane  Enter open  l logs …` for what the keyboard can do now. */
export function hints(state: ConsoleState, pane: PaneId, flags: KeyFlags): string {
	const bindings = liveBindings({mode: state.mode, pane, flags}).filter(binding => binding.hint);
	return bindings.map(binding => `${binding.keys.map(keyLabel).join('/')} ${binding.label}`).join('  ');
}
