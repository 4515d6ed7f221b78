// The simulated API at scale: 30,000 pods listed as JSON and as kubectl's Table, and change
// events fanned out to 100 open watches (each frame serialized once and shared).
import {startSim} from '../source/sim/start-sim.js';
import {resourceFor} from '../source/sim/store/resources.js';
import {memoryAfterGc} from './memory-after-gc.js';
import type {Figure} from './run.js';

const podCount = 30_000;

export async function run(): Promise<Figure[]> {
	const sim = await startSim({bare: true});
	const pods = resourceFor('Pod');
	const namespaces = resourceFor('Namespace');
	for (let i = 0; i < 50; i++) sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: `bench-${i}`}});
	for (let i = 0; i < podCount; i++) {
		sim.store.create(pods, {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {name: `pod-${i}`, namespace: `bench-${i % 50}`, labels: {app: `app-${i % 300}`}},
			spec: {nodeName: 'node-1', containers: [{name: 'app', image: 'registry.example.com/app:1.0'}]},
		});
	}
	const figures: Figure[] = [];
	// The client runs in this process too, so these times include reading the response.
	const timeRequest = async (path: string, accept = 'application/json') => {
		const started = performance.now();
		const response = await fetch(`${sim.url}${path}`, {headers: {accept}});
		await response.arrayBuffer();
		return performance.now() - started;
	};
	figures.push({name: `list ${podCount} pods as JSON, right after creating them`, value: await timeRequest('/api/v1/pods'), unit: 'ms'});
	figures.push({name: `list ${podCount} pods as JSON, again (cached bytes)`, value: await timeRequest('/api/v1/pods'), unit: 'ms'});
	// Every pod a new version, then a second for the sim to itself: what a client connecting to a running sim meets.
	for (let i = 0; i < podCount; i++) {
		sim.store.mutate(pods, `bench-${i % 50}`, `pod-${i}`, draft => {
			draft.metadata.annotations = {relisted: 'yes'};
		});
	}
	await new Promise(resolve => setTimeout(resolve, 1000));
	figures.push({name: `list ${podCount} pods as JSON, all changed 1 s before`, value: await timeRequest('/api/v1/pods'), unit: 'ms'});
	const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
	figures.push({name: `list ${podCount} pods as a Table`, value: await timeRequest('/api/v1/pods', table), unit: 'ms'});
	figures.push({name: 'one kubectl page (limit=500) as a Table', value: await timeRequest('/api/v1/pods?limit=500', table), unit: 'ms'});
	const memory = await memoryAfterGc();
	figures.push({name: 'heap used after a full GC, pods listed', value: memory.heapUsed / 1e6, unit: 'MB'});
	figures.push({name: 'Buffers outside the heap after a full GC', value: memory.arrayBuffers / 1e6, unit: 'MB'});

	const watches = 100;
	const changes = 2000;
	const controllers: AbortController[] = [];
	let received = 0;
	let framesReceived = 0;
	let complete = 0;
	let allReceived = () => {};
	const done = new Promise<void>(resolve => (allReceived = resolve));
	for (let i = 0; i < watches; i++) {
		const controller = new AbortController();
		controllers.push(controller);
		const response = await fetch(`${sim.url}/api/v1/pods?watch=true&resourceVersion=${sim.store.resourceVersion}`, {signal: controller.signal});
		void (async () => {
			// Every frame ends with the only raw newline it has (JSON escapes the others), so frames are counted exactly.
			let frames = 0;
			try {
				for await (const chunk of response.body!) {
					const bytes = Buffer.from((chunk as Uint8Array).buffer, (chunk as Uint8Array).byteOffset, (chunk as Uint8Array).byteLength);
					received += bytes.length;
					const before = frames;
					for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) frames++;
					framesReceived += frames - before;
					if (before < changes && frames >= changes && ++complete === watches) allReceived();
				}
			} catch {}
		})();
	}
	const started = performance.now();
	for (let i = 0; i < changes; i++) {
		sim.store.mutate(pods, `bench-${i % 50}`, `pod-${i}`, draft => {
			draft.metadata.labels = {...draft.metadata.labels, changed: String(i)};
		});
	}
	figures.push({name: `${changes} changes dispatched to ${watches} watches`, value: performance.now() - started, unit: 'ms'});
	const timeout = setTimeout(allReceived, 60_000);
	await done;
	clearTimeout(timeout);
	figures.push({name: `until the ${watches} watches received every frame`, value: performance.now() - started, unit: 'ms'});
	figures.push({name: `watch frames received (of ${watches * changes})`, value: framesReceived, unit: 'frames'});
	figures.push({name: `watch bytes delivered to ${watches} watches`, value: Math.round(received / 1e6), unit: 'MB'});
	for (const controller of controllers) controller.abort();
	await sim.stop();
	return figures;
}
