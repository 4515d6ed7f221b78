import test from 'ava';
import type {ContainerLog} from '../../source/core/match/types.js';
import {LogEvidence} from '../../source/kube/log-evidence.js';
import {createPod, crashLooping, podIn, running, updatePodStatus, writeLog} from './sim-pods.js';
import {injectFault, startSimTarget} from './sim-target.js';

const logRequests = (requests: Array<{path: string; query: string}>) => requests.filter(request => request.path.endsWith('/log')).map(request => `${request.path}?${request.query}`);

test('only failing containers are read, once per instance, again after a restart, and forgotten with their pod', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	const evidence = new LogEvidence(target, {tailLines: 50});
	try {
		const healthy = createPod(sim, podIn('default', 'healthy', {...running, restartCount: 3, lastState: {terminated: {exitCode: 1}}}));
		writeLog(sim, healthy, ['all good']);
		let crashy = createPod(sim, podIn('default', 'crashy', crashLooping(1)));
		writeLog(sim, crashy, ['\u001B[31mpanic: bind: permission denied\u001B[0m']);
		writeLog(sim, crashy, [], {restart: true});
		const updates: ContainerLog[] = [];
		evidence.onUpdate(log => updates.push(log));
		sim.clearRequests();

		evidence.update(healthy);
		evidence.update(crashy);
		await evidence.idle();
		t.deepEqual(logRequests(sim.requests()), ['/api/v1/namespaces/default/pods/crashy/log?container=app&previous=true&tailLines=50&limitBytes=262144']);
		const first = {namespace: 'default', pod: 'crashy', container: 'app', lines: [], previous: ['panic: bind: permission denied']};
		t.deepEqual(evidence.logs(), [first]);
		t.deepEqual(updates, [first]);

		// The same instance again (the pod changes often while it crash-loops): nothing more is read.
		evidence.update(crashy);
		await evidence.idle();
		t.is(logRequests(sim.requests()).length, 1);

		// It crashed once more: the new previous instance is read.
		writeLog(sim, crashy, ['panic: bind: permission denied (again)']);
		writeLog(sim, crashy, [], {restart: true});
		crashy = updatePodStatus(sim, 'default', 'crashy', status => (status.restartCount = 2));
		evidence.update(crashy);
		await evidence.idle();
		t.is(logRequests(sim.requests()).length, 2);
		t.deepEqual(evidence.logs()[0].previous, ['panic: bind: permission denied (again)']);

		evidence.forget('default', 'crashy');
		t.deepEqual(evidence.logs(), []);
	} finally {
		evidence.stop();
		await sim.stop();
	}
});

test('fetches run a few at a time', async t => {
	const {sim, target} = await startSimTarget({bare: true});
	const evidence = new LogEvidence(target, {concurrency: 2});
	try {
		const pods = Array.from({length: 8}, (_, index) => createPod(sim, podIn('default', `crashy-${index}`, crashLooping(1))));
		for (const pod of pods) {
			writeLog(sim, pod, [`crash of ${pod.metadata.name}`]);
			writeLog(sim, pod, [], {restart: true});
		}
		await injectFault(sim, {latencyMs: 150});
		sim.clearRequests();
		for (const pod of pods) evidence.update(pod);
		await evidence.idle();
		const arrivals = sim
			.requests()
			.filter(request => request.path.endsWith('/log'))
			.map(request => Date.parse(request.time));
		t.is(arrivals.length, 8);
		// Each answer takes 150 ms: with two in flight, no third request can arrive within 140 ms of one.
		for (const arrival of arrivals) t.true(arrivals.filter(other => other >= arrival && other < arrival + 140).length <= 2, String(arrivals.map(time => time - arrivals[0])));
		t.is(evidence.logs().length, 8);
	} finally {
		evidence.stop();
		await sim.stop();
	}
});
