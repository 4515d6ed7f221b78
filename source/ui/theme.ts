// Colours and symbols for what the terminal can show: colour names only when colour is on
// (NO_COLOR, TERM=dumb), box-drawing and bullets only when the terminal has the glyphs.
import type {Health} from '../core/objects/health.js';
import type {TerminalCapabilities} from './console-session.js';

export type Theme = {
	error?: string;
	warning?: string;
	ok?: string;
	accent?: string;
	muted?: string;
	symbols: {
		rule: string;
		selected: string;
		severity: string;
		done: string;
		failed: string;
		running: string;
		pending: string;
		skipped: string;
		ellipsis: string;
		focus: string;
	};
};

const unicode = {rule: '─', selected: '›', severity: '●', done: '✓', failed: '✗', running: '▶', pending: '·', skipped: '↷', ellipsis: '…', focus: '▸'};
const ascii = {rule: '-', selected: '>', severity: '*', done: '+', failed: 'x', running: '>', pending: '.', skipped: '-', ellipsis: '~', focus: '>'};

export function themeFor(terminal: TerminalCapabilities): Theme {
	const symbols = terminal.unicode ? unicode : ascii;
	if (!terminal.colour) return {symbols};
	return {error: 'red', warning: 'yellow', ok: 'green', accent: 'cyan', muted: 'gray', symbols};
}

export function healthColour(theme: Theme, health: Health): string | undefined {
	return health === 'failing' ? theme.error : health === 'pending' ? theme.warning : undefined;
}

/** Text cut to `width` columns with an ellipsis, or padded to it. */
export function fit(text: string, width: number, theme: Theme, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const characters = [...text];
	if (characters.length > width) return width === 1 ? theme.symbols.ellipsis : characters.slice(0, width - 1).join('') + theme.symbols.ellipsis;
	return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** For measuring what a pane would show, where colour does not matter. */
export const plainTheme: Theme = themeFor({colour: false, unicode: false});
