import test from 'ava';
import {fetchLogLines, openLogStream} from '../../source/kube/log-stream.js';
import {createPod, crashLooping, podIn, running, writeLog} from './sim-pods.js';
import {eventually, startSimTarget} from './sim-target.js';

test('tail and previous read the right instance, with control sequences stripped', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	try {
		const pod = createPod(sim, podIn('default', 'web', {...running, restartCount: 1, lastState: {terminated: {exitCode: 1, reason: 'Error'}}}));
		writeLog(sim, pod, ['old 1', '\u001B[31mold 2: bind: permission denied\u001B[0m']);
		writeLog(sim, pod, ['new 1', 'new 2', '\u001B]0;title\u0007new 3'], {restart: true});
		const ref = {namespace: 'default', pod: 'web', container: 'app'};
		t.deepEqual(await fetchLogLines(target, ref, {previous: true}), ['old 1', 'old 2: bind: permission denied']);
		t.deepEqual(await fetchLogLines(target, ref, {tailLines: 2}), ['new 2', 'new 3']);
	} finally {
		await sim.stop();
	}
});

test('a followed log fills a bounded buffer, counts the dropped lines and ends with the container', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	try {
		const pod = createPod(sim, podIn('default', 'chatty', running));
		writeLog(sim, pod, ['before 1', 'before 2']);
		const stream = openLogStream(target, {namespace: 'default', pod: 'chatty', container: 'app'}, {follow: true}, {capacity: 5});
		let notified = 0;
		stream.subscribe(() => notified++);
		await eventually(() => stream.state.status === 'streaming' && stream.buffer.lines().length === 2, 5000, 'initial lines');
		writeLog(sim, pod, Array.from({length: 10}, (_, index) => `\u001B[1mline ${index + 1}\u001B[22m`));
		await eventually(() => stream.buffer.total === 12, 5000, 'followed lines');
		t.deepEqual(stream.buffer.lines(), ['line 6', 'line 7', 'line 8', 'line 9', 'line 10']);
		t.is(stream.buffer.dropped, 7);
		await eventually(() => notified >= 1, 2000, 'subscribers told');
		sim.logs.stop('default', 'chatty', 'app');
		await stream.done;
		t.is(stream.state.status, 'ended');
	} finally {
		await sim.stop();
	}
});

test('a container that never started: the server says why, in one line', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	try {
		createPod(sim, podIn('default', 'pulling', {state: {waiting: {reason: 'ImagePullBackOff'}}}, 'Pending'));
		const stream = openLogStream(target, {namespace: 'default', pod: 'pulling', container: 'app'}, {follow: true});
		await stream.done;
		t.deepEqual(stream.state, {status: 'error', message: 'container "app" in pod "pulling" is waiting to start: trying and failing to pull image'});
	} finally {
		await sim.stop();
	}
});

test('stop ends a follow at once', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	try {
		const pod = createPod(sim, podIn('default', 'quiet', running));
		writeLog(sim, pod, ['only line']);
		const stream = openLogStream(target, {namespace: 'default', pod: 'quiet', container: 'app'}, {follow: true});
		await eventually(() => stream.buffer.lines().length === 1, 5000, 'first line');
		stream.stop();
		await stream.done;
		t.is(stream.state.status, 'stopped');
		writeLog(sim, pod, ['after stop']);
		t.deepEqual(stream.buffer.lines(), ['only line']);
	} finally {
		await sim.stop();
	}
});

test('a crash-looping container shows its crashed instance without --previous', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	try {
		const pod = createPod(sim, podIn('default', 'crashy', crashLooping(2)));
		writeLog(sim, pod, ['panic: cannot connect to db']);
		writeLog(sim, pod, [], {restart: true});
		t.deepEqual(await fetchLogLines(target, {namespace: 'default', pod: 'crashy', container: 'app'}, {previous: true}), ['panic: cannot connect to db']);
	} finally {
		await sim.stop();
	}
});
