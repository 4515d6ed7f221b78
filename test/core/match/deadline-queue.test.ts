import test from 'ava';
import {DeadlineQueue} from '../../../source/core/match/deadline-queue.js';

test('pops in time order whatever the push order', t => {
	const queue = new DeadlineQueue<string>();
	const times = [50, 10, 40, 10, 30, 70, 20, 60];
	for (const [index, time] of times.entries()) queue.push(time, `s${index}`);
	const popped: number[] = [];
	while (queue.next !== Number.POSITIVE_INFINITY) popped.push(queue.pop()!.at);
	t.deepEqual(popped, [...times].sort((a, b) => a - b));
	t.is(queue.pop(), undefined);
});
