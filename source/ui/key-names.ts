// Ink reports a keypress as (input, flags); the console speaks in key names: `j`, `G`,
// `enter`, `shift-tab`, `ctrl-c`. Text that arrives in one chunk (a paste, or keys sent
// faster than they are read) becomes one name per character, in order.
import type {Key} from 'ink';

export type KeyName = string;

const special: Array<[keyof Key, KeyName]> = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageup'],
	['pageDown', 'pagedown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'enter'],
	['escape', 'escape'],
	['backspace', 'backspace'],
	['delete', 'delete'],
];

const controlCharacters: Record<string, KeyName> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007f': 'backspace',
	'\b': 'backspace',
	'\u001b': 'escape',
};

/** The key names one useInput call stands for. */
export function keyNames(input: string, key: Key): KeyName[] {
	if (key.tab) return [key.shift ? 'shift-tab' : 'tab'];
	for (const [flag, name] of special) if (key[flag]) return [name];
	if (key.ctrl && input.length === 1) return [`ctrl-${input.toLowerCase()}`];
	const names: KeyName[] = [];
	for (const character of input) {
		const code = character.codePointAt(0)!;
		if (controlCharacters[character]) names.push(controlCharacters[character]);
		else if (code < 0x20) names.push(`ctrl-${String.fromCodePoint(code + 0x60)}`);
		else names.push(character);
	}
	return names;
}

/** A key name as the help overlay and hint bar show it. */
export function keyLabel(name: KeyName): string {
	const labels: Record<string, string> = {
		up: 'Up',
		down: 'Down',
		left: 'Left',
		right: 'Right',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
		enter: 'Enter',
		escape: 'Esc',
		backspace: 'Bksp',
		tab: 'Tab',
		'shift-tab': 'S-Tab',
		' ': 'Space',
	};
	if (labels[name]) return labels[name];
	if (name.startsWith('ctrl-')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	return name;
}

/** One printable character the prompt line can take. */
export function isPrintable(name: KeyName): boolean {
	return [...name].length === 1 && name.codePointAt(0)! >= 0x20;
}
