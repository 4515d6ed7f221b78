import test from 'ava';
import {age, humanDuration} from '../../../source/core/objects/age.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const cases: Array<[string, number, string]> = [
	['just now, slightly in the future', -1500, '0s'],
	['too far in the future', -3 * second, '<invalid>'],
	['seconds', 5 * second, '5s'],
	['under two minutes stays in seconds', 90 * second, '90s'],
	['minutes and seconds under ten minutes', 3 * minute + 2 * second, '3m2s'],
	['whole minutes', 4 * minute, '4m'],
	['minutes under three hours', 45 * minute, '45m'],
	['hours and minutes under eight hours', 3 * hour + 5 * minute, '3h5m'],
	['hours under two days', 30 * hour, '30h'],
	['days and hours under eight days', 5 * day + 3 * hour, '5d3h'],
	['days under two years', 400 * day, '400d'],
	['years and days', 2 * 365 * day + 3 * day, '2y3d'],
	['years', 9 * 365 * day, '9y'],
];

for (const [name, duration, expected] of cases) {
	test(`humanDuration: ${name}`, t => {
		t.is(humanDuration(duration), expected);
	});
}

test('age of a missing or bad timestamp is <unknown>', t => {
	t.is(age(undefined, Date.now()), '<unknown>');
	t.is(age('not a time', Date.now()), '<unknown>');
	t.is(age('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:01:00Z')), '60s');
});
