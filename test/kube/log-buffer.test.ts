import test from 'ava';
import {LogBuffer, maxLineLength} from '../../source/kube/log-buffer.js';

const numbered = (from: number, count: number) => Array.from({length: count}, (_, index) => `line ${from + index}`);

test('keeps the last lines up to its capacity and counts the dropped ones', t => {
	const buffer = new LogBuffer(3);
	buffer.append(numbered(1, 2));
	t.deepEqual(buffer.lines(), ['line 1', 'line 2']);
	t.is(buffer.dropped, 0);
	buffer.append(numbered(3, 3));
	t.deepEqual(buffer.lines(), ['line 3', 'line 4', 'line 5']);
	t.is(buffer.dropped, 2);
	t.is(buffer.total, 5);
});

test('stays bounded through a flood of single lines', t => {
	const buffer = new LogBuffer(100);
	for (let index = 1; index <= 10_000; index++) buffer.append([`line ${index}`]);
	t.is(buffer.lines().length, 100);
	t.is(buffer.lines()[0], 'line 9901');
	t.is(buffer.lines()[99], 'line 10000');
	t.is(buffer.dropped, 9900);
});

test('one batch larger than the capacity keeps its tail', t => {
	const buffer = new LogBuffer(2);
	buffer.append(numbered(1, 5));
	t.deepEqual(buffer.lines(), ['line 4', 'line 5']);
	t.is(buffer.dropped, 3);
});

test('the same array is returned until the next change', t => {
	const buffer = new LogBuffer(10);
	buffer.append(['a']);
	const first = buffer.lines();
	t.is(buffer.lines(), first);
	const version = buffer.version;
	buffer.append(['b']);
	t.not(buffer.lines(), first);
	t.true(buffer.version > version);
	buffer.append([]);
	t.deepEqual(buffer.lines(), ['a', 'b']);
});

test('an enormous line is cut', t => {
	const buffer = new LogBuffer(10);
	buffer.append(['x'.repeat(maxLineLength * 3)]);
	t.is(buffer.lines()[0].length, maxLineLength + 1);
	t.true(buffer.lines()[0].endsWith('…'));
});

test('clear empties the buffer and its counts', t => {
	const buffer = new LogBuffer(1);
	buffer.append(['a', 'b']);
	buffer.clear();
	t.deepEqual(buffer.lines(), []);
	t.is(buffer.dropped, 0);
});
