// The simulated API at scale: 30,000 pods listed as JSON and as kubectl's Table, and change
// events fanned out to 100 open watches (each frame serialized once and shared).
import {startSim} from '../source/sim/start-sim.js';
import {resourceFor} from '../source/sim/store/resources.js';
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
	figures.push({name: `list ${podCount} pods as JSON, first (serializes)`, value: await timeRequest('/api/v1/pods'), unit: 'ms'});
	figures.push({name: `list ${podCount} pods as JSON, again (cached bytes)`, value: await timeRequest('/api/v1/pods'), unit: 'ms'});
	const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
	figures.push({name: `list ${podCount} pods as a Table`, value: await timeRequest('/api/v1/pods', table), unit: 'ms'});
	figures.push({name: 'one kubectl page (limit=500) as a Table', value: await timeRequest('/api/v1/pods?limit=500', table), unit: 'ms'});

	const controllers: AbortController[] = [];
	let received = 0;
	for (let i = 0; i < 100; i++) {
		const controller = new AbortController();
		controllers.push(controller);
		const response = await fetch(`${sim.url}/api/v1/pods?watch=true&resourceVersion=${sim.store.resourceVersion}`, {signal: controller.signal});
		void (async () => {
			try {
				for await (const chunk of response.body!) received += (chunk as Uint8Array).length;
			} catch {}
		})();
	}
	const changes = 2000;
	const started = performance.now();
	for (let i = 0; i < changes; i++) {
		sim.store.mutate(pods, `bench-${i % 50}`, `pod-${i}`, draft => {
			draft.metadata.labels = {...draft.metadata.labels, changed: String(i)};
		});
	}
	figures.push({name: `${changes} changes dispatched to 100 watches`, value: performance.now() - started, unit: 'ms'});
	const deadline = Date.now() + 30_000;
	let last = -1;
	while (Date.now() < deadline && (received === 0 || received !== last)) {
		last = received;
		await new Promise(resolve => setTimeout(resolve, 500));
	}
	figures.push({name: 'until the 100 watches received every frame', value: performance.now() - started, unit: 'ms'});
	figures.push({name: 'watch bytes delivered to 100 watches', value: Math.round(received / 1e6), unit: 'MB'});
	for (const controller of controllers) controller.abort();
	await sim.stop();
	return figures;
}
