import test, {type ExecutionContext} from 'ava';
import {LogsPane, splitMatches, visibleLines} from '../../source/ui/components/logs-pane.js';
import {consoleFixture, TestLog, waitFor} from './helpers/console-fixture.js';
import {renderPane} from './helpers/pane-harness.js';

async function openLogs(t: ExecutionContext, options: {height?: number} = {}) {
	const fixture = await consoleFixture();
	const pane = renderPane(fixture.session, LogsPane, {height: options.height ?? 10});
	t.teardown(pane.cleanup);
	pane.press('l');
	await waitFor(() => fixture.logs.length === 1, 'the log stream to open');
	return {...fixture, pane, log: fixture.logs[0]};
}

const numbered = (from: number, count: number) => Array.from({length: count}, (_, index) => `line ${from + index}`);

test('l on a finding follows its pod and container; the pane shows the end as lines arrive', async t => {
	const {pane, log} = await openLogs(t);
	t.deepEqual(log.ref, {namespace: 'shop', pod: 'web-7d4b9c8f6d-x2x9q', container: 'web'});
	t.like(log.query, {follow: true});
	log.append(numbered(1, 20));
	await pane.waitForText('line 20');
	t.true(pane.text().includes('Logs shop/web-7d4b9c8f6d-x2x9q [web]'));
	t.true(pane.text().includes('following'));
	t.notRegex(pane.text(), /^line 11$/m, 'only the last 9 lines fit');
	log.append(['line 21']);
	await pane.waitForText('line 21');
});

test('space pauses the view while lines keep arriving; resuming jumps to the end', async t => {
	const {pane, log} = await openLogs(t);
	log.append(numbered(1, 10));
	await pane.waitForText('line 10');
	pane.press(' ');
	await pane.waitForText('paused');
	log.append(numbered(11, 5));
	await pane.waitForText('paused (more below)');
	t.false(pane.text().includes('line 15'));
	pane.press(' ');
	await pane.waitForText('line 15');
});

test('k scrolls back, G follows again', async t => {
	const {pane, log} = await openLogs(t);
	log.append(numbered(1, 30));
	await pane.waitForText('line 30');
	pane.press('k', 'k', 'k');
	await pane.waitForText(/line \d+\/30/);
	t.notRegex(pane.text(), /^line 30$/m);
	t.false(pane.text().includes('following'));
	pane.press('G');
	await pane.waitForText('line 30');
	t.true(pane.text().includes('following'));
});

test('/ highlights matches without hiding other lines', async t => {
	const {pane, log} = await openLogs(t);
	log.append(['GET /health 200', 'POST /orders 500 error', 'GET /health 200']);
	await pane.waitForText('POST /orders');
	pane.press('/', ...'error|500', 'enter');
	await pane.waitForText('/error|500/');
	const line = pane.frame().split('\n').find(text => text.includes('POST /orders'))!;
	t.true(line.includes('\u001b[7m'), 'matches are in inverse');
	t.true(pane.text().includes('GET /health 200'));
});

test('the dropped-line counter shows what the buffer let go', async t => {
	const {pane, log} = await openLogs(t);
	const small = log as TestLog;
	small.append(numbered(1, 6000));
	await pane.waitForText('1,000 dropped');
	t.pass();
});

test('p switches to the previous container log and back', async t => {
	const {pane, logs} = await openLogs(t);
	pane.press('p');
	await waitFor(() => logs.length === 2, 'a second stream');
	t.like(logs[1].query, {previous: true});
	t.true(logs[0].stopped, 'the current log stream is stopped');
	await pane.waitForText('previous');
	pane.press('p');
	await waitFor(() => logs.length === 3, 'a third stream');
	t.like(logs[2].query, {follow: true});
});

const windows: Array<[string, Parameters<typeof visibleLines>, string[]]> = [
	['following shows the last rows', [['a', 'b', 'c', 'd'], null, 2, 0], ['c', 'd']],
	['scrolled shows from the top line', [['a', 'b', 'c', 'd'], 1, 2, 0], ['b', 'c']],
	['wrap folds long lines at the width', [['abcdef', 'gh'], null, 3, 4], ['abcd', 'ef', 'gh']],
	['wrap while scrolled', [['abcdef', 'gh'], 0, 2, 4], ['abcd', 'ef']],
];

for (const [name, args, expected] of windows) {
	test(`visible lines: ${name}`, t => {
		t.deepEqual(visibleLines(...args), expected);
	});
}

test('search splits a line into plain and matched parts; a bad regex matches literally', t => {
	t.deepEqual(splitMatches('a error b ERROR', 'error'), ['a ', 'error', ' b ', 'ERROR', '']);
	t.deepEqual(splitMatches('x (y', '(y'), ['x ', '(y', '']);
	t.deepEqual(splitMatches('abc', ''), ['abc']);
});
