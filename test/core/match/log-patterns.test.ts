import test from 'ava';
import {LogPatterns, withoutNamedGroups} from '../../../source/core/match/log-patterns.js';

const stripping = [
	{name: 'named group', source: 'lookup (?<host>[^ ]+) on', expected: 'lookup (?:[^ ]+) on'},
	{name: 'lookbehinds stay', source: '(?<=port )(?<port>\\d+)(?<!0)', expected: '(?<=port )(?:\\d+)(?<!0)'},
	{name: 'escaped parenthesis stays', source: '\\(?<name>', expected: '\\(?<name>'},
	{name: 'inside a character class stays', source: '[(?<a>]x', expected: '[(?<a>]x'},
	{name: 'escaped bracket does not open a class', source: '\\[(?<level>\\w+)\\]', expected: '\\[(?:\\w+)\\]'},
];

for (const {name, source, expected} of stripping) {
	test(`withoutNamedGroups: ${name}`, t => {
		t.is(withoutNamedGroups(source), expected);
		t.notThrows(() => new RegExp(withoutNamedGroups(source)));
	});
}

test('the combined prefilter finds exactly the patterns that match, group names repeated across patterns', t => {
	const patterns = new LogPatterns();
	const host = patterns.add(/lookup (?<host>[\w.-]+): no such host/);
	const again = patterns.add(/getaddrinfo ENOTFOUND (?<host>[\w.-]+)/);
	const shouting = patterns.add(/OUT OF MEMORY/i);
	const backReference = patterns.add(/(["'])(?<quoted>[^"']+)\1 not found/);
	t.is(patterns.add(/lookup (?<host>[\w.-]+): no such host/), host, 'the same pattern twice has one id');
	const out: number[] = [];
	const cases: Array<[string, number[]]> = [
		['GET /healthz 200 1ms', []],
		['dial tcp: lookup orders-db: no such host', [host]],
		['Error: getaddrinfo ENOTFOUND orders-db', [again]],
		['java.lang.OutOfMemoryError: out of memory', [shouting]],
		['module "left-pad" not found', [backReference]],
		['module "left-pad\' not found', []],
	];
	for (const [line, expected] of cases) {
		t.is(patterns.match(line, out), expected.length > 0, line);
		if (expected.length > 0) t.deepEqual(out, expected, line);
	}
});

test('a global regex is tested without state', t => {
	const patterns = new LogPatterns();
	patterns.add(/panic: /g);
	const out: number[] = [];
	t.true(patterns.match('panic: runtime error', out));
	t.true(patterns.match('panic: runtime error', out));
});
