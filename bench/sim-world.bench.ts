// The simulated world at scale: how long `--pods 30000` takes to create, what it costs once
// settled (CPU share of the process, memory), and a flood's cost.
// `npm run bench sim-world` or `node --import=tsx bench/sim-world.bench.ts`.
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {Clock} from '../source/sim/clock.js';
import {installDefaults} from '../source/sim/store/defaults.js';
import {LogStore} from '../source/sim/store/log-store.js';
import {ObjectStore} from '../source/sim/store/object-store.js';
import {addHealthyPods, createWorld, installScenarios} from '../source/sim/world.js';
import {memoryAfterGc} from './memory-after-gc.js';
import type {Figure} from './run.js';

const podCount = 30_000;

/** Share of one core the process used over `ms` of wall time. */
async function cpuShare(ms: number): Promise<number> {
	const start = process.cpuUsage();
	const started = performance.now();
	await new Promise(resolve => setTimeout(resolve, ms));
	const used = process.cpuUsage(start);
	return ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
}

export async function run(): Promise<Figure[]> {
	const clock = new Clock({speed: 20});
	const store = new ObjectStore(clock);
	installDefaults(store);
	const logs = new LogStore();
	const world = await createWorld({clock, store, logs});
	await installScenarios(world, ['all']);
	const figures: Figure[] = [];
	const started = performance.now();
	addHealthyPods(world, podCount);
	figures.push({name: `add ${podCount} healthy pods`, value: performance.now() - started, unit: 'ms'});
	await new Promise(resolve => setTimeout(resolve, 3000));
	figures.push({name: 'settled world (all scenarios + pods), CPU over 5 s', value: await cpuShare(5000), unit: '% of a core'});
	figures.push({name: 'heap used', value: process.memoryUsage().heapUsed / 1e6, unit: 'MB'});
	const memory = await memoryAfterGc();
	figures.push({name: 'heap used after a full GC', value: memory.heapUsed / 1e6, unit: 'MB'});
	figures.push({name: 'Buffers outside the heap after a full GC', value: memory.arrayBuffers / 1e6, unit: 'MB'});
	const stop = world.flood({eventsPerSecond: 500, logLinesPerSecond: 5000});
	figures.push({name: 'flooding 500 events/s + 5,000 log lines/s, CPU over 5 s', value: await cpuShare(5000), unit: '% of a core'});
	stop();
	await world.stop();
	clock.stop();
	return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	for (const figure of await run()) console.log(`${figure.name}: ${figure.value.toFixed(1)} ${figure.unit}`);
}
