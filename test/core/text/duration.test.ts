import test from 'ava';
import {formatDuration, parseDuration} from '../../../source/core/text/duration.js';

const parsed: Array<[string, string, number | undefined]> = [
	['milliseconds', '500ms', 500],
	['seconds', '30s', 30_000],
	['minutes', '2m', 120_000],
	['hours', '1h', 3_600_000],
	['zero is no time limit to give', '0s', undefined],
	['no unit', '30', undefined],
	['no number', 's', undefined],
	['a fraction', '1.5s', undefined],
	['a negative number', '-1s', undefined],
	['a space before the unit', '30 s', undefined],
	['two units', '1m30s', undefined],
	['an unknown unit', '2d', undefined],
];

for (const [name, text, ms] of parsed) {
	test(`parse: ${name}`, t => {
		t.is(parseDuration(text), ms);
	});
}

const formatted: Array<[number, string]> = [
	[500, '500ms'],
	[1500, '1500ms'],
	[30_000, '30s'],
	[90_000, '90s'],
	[180_000, '3m'],
	[3_600_000, '1h'],
	[5_400_000, '90m'],
];

for (const [ms, text] of formatted) {
	test(`format: ${ms}ms is ${text}, which reads back as ${ms}ms`, t => {
		t.is(formatDuration(ms), text);
		t.is(parseDuration(text), ms);
	});
}
