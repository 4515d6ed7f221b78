import {EventEmitter} from 'node:events';
import test from 'ava';
import {enterFullScreen, type ScreenStream} from '../../source/ui/full-screen.js';
import {terminalCapabilities} from '../../source/ui/terminal-capabilities.js';

const capabilities: Array<[string, Record<string, string>, boolean, {colour: boolean; unicode: boolean}]> = [
	['a usual terminal', {TERM: 'xterm-256color', LANG: 'en_US.UTF-8'}, true, {colour: true, unicode: true}],
	['tmux', {TERM: 'tmux-256color'}, true, {colour: true, unicode: true}],
	['NO_COLOR keeps glyphs, drops colour', {TERM: 'xterm-256color', NO_COLOR: '1'}, true, {colour: false, unicode: true}],
	['an empty NO_COLOR is not set', {TERM: 'xterm', NO_COLOR: ''}, true, {colour: true, unicode: true}],
	['NO_COLOR wins over FORCE_COLOR', {TERM: 'xterm', NO_COLOR: '1', FORCE_COLOR: '1'}, true, {colour: false, unicode: true}],
	['TERM=dumb: no colour, ASCII', {TERM: 'dumb'}, true, {colour: false, unicode: false}],
	['the Linux console: colour, ASCII', {TERM: 'linux'}, true, {colour: true, unicode: false}],
	['the C locale: ASCII', {TERM: 'xterm', LANG: 'C'}, true, {colour: true, unicode: false}],
	['not a terminal: no colour', {TERM: 'xterm'}, false, {colour: false, unicode: true}],
	['FORCE_COLOR for a detached server', {TERM: 'xterm', FORCE_COLOR: '3'}, false, {colour: true, unicode: true}],
];

for (const [name, env, isTTY, expected] of capabilities) {
	test(`capabilities: ${name}`, t => {
		t.deepEqual(terminalCapabilities(env, {isTTY}), expected);
	});
}

class FakeScreen extends EventEmitter {
	written = '';
	columns = 120;
	rows = 36;
	write(chunk: string): boolean {
		this.written += chunk;
		return true;
	}
}

test('full screen: alternate screen in, cleared only when the size really changes, restored once', t => {
	const screen = new FakeScreen();
	const restore = enterFullScreen(screen as unknown as ScreenStream);
	t.true(screen.written.startsWith('\u001b[?1049h'), 'the alternate screen');
	t.true(screen.written.includes('\u001b[?25l'), 'the cursor hidden');
	screen.written = '';
	screen.emit('resize');
	t.is(screen.written, '', 'a resize event without a new size clears nothing');
	screen.columns = 80;
	screen.rows = 24;
	screen.emit('resize');
	t.is(screen.written, '\u001b[2J\u001b[3J\u001b[H');
	screen.written = '';
	restore();
	restore();
	t.is(screen.written, '\u001b[?25h\u001b[?1049l', 'cursor shown, alternate screen left, once');
	screen.written = '';
	screen.columns = 100;
	screen.emit('resize');
	t.is(screen.written, '', 'no more clearing after the console is gone');
});
