import test from 'ava';
import {backoffDelay, type BackoffPolicy} from '../../source/kube/backoff.js';

const policy: BackoffPolicy = {initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2};
const middle = () => 0.5;

test('doubles from the initial delay and stops at the cap', t => {
	const delays = [0, 1, 2, 3, 4, 5, 6, 7, 20].map(attempt => backoffDelay(attempt, policy, middle));
	t.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
});

test('jitter spreads a delay by at most its share and never passes the cap', t => {
	t.is(backoffDelay(1, policy, () => 0), 800);
	t.is(backoffDelay(1, policy, () => 1), 1200);
	t.is(backoffDelay(10, policy, () => 1), 30_000);
});

test('a huge attempt number is still the cap', t => {
	t.is(backoffDelay(10_000, policy, middle), 30_000);
});
