import test from 'ava';
import {LineSplitter, splitLogText} from '../../source/kube/log-lines.js';

test('lines split across chunks come out whole', t => {
	const splitter = new LineSplitter();
	t.deepEqual(splitter.push('first li'), []);
	t.deepEqual(splitter.push('ne\nsecond\nthi'), ['first line', 'second']);
	t.deepEqual(splitter.push('rd'), []);
	t.deepEqual(splitter.end(), ['third']);
	t.deepEqual(splitter.end(), []);
});

const cases: Array<{name: string; text: string; lines: string[]}> = [
	{name: 'colours are removed', text: '\u001B[31mERROR\u001B[0m bind: permission denied\n', lines: ['ERROR bind: permission denied']},
	{name: 'a window title change is removed', text: 'ok\u001B]0;pwned\u0007 done\n', lines: ['ok done']},
	{name: 'a clipboard write (OSC 52) is removed', text: 'x\u001B]52;c;ZWNobyBoaQ==\u001B\\y\n', lines: ['xy']},
	{name: 'clear screen and cursor moves are removed', text: '\u001B[2J\u001B[H\u001B[10;5Hhello\n', lines: ['hello']},
	{name: 'CRLF line ends are plain line ends', text: 'one\r\ntwo\r\n', lines: ['one', 'two']},
	{name: 'a carriage return mid-line keeps what a terminal shows', text: 'progress 10%\rprogress 100%\n', lines: ['progress 100%']},
	{name: 'a last line without a newline is kept', text: 'a\nb', lines: ['a', 'b']},
	{name: 'tabs stay', text: 'key\tvalue\n', lines: ['key\tvalue']},
	{name: 'empty lines stay', text: 'a\n\nb\n', lines: ['a', '', 'b']},
];

for (const {name, text, lines} of cases) {
	test(name, t => {
		t.deepEqual(splitLogText(text), lines);
	});
}

test('an escape sequence split across chunks is still removed', t => {
	const splitter = new LineSplitter();
	t.deepEqual([...splitter.push('red: \u001B[3'), ...splitter.push('1mX\u001B[0m\n')], ['red: X']);
});

test('a line that never ends is flushed instead of held forever', t => {
	const splitter = new LineSplitter();
	const lines = splitter.push('y'.repeat(100_000));
	t.is(lines.length, 1);
	t.is(lines[0].length, 100_000);
});
