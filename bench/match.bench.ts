// Object updates and log lines per second through the Matcher with the whole playbook library.
// `npm run bench match` or `node --import=tsx bench/match.bench.ts`.
import {readdirSync} from 'node:fs';
import {relative} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Matcher} from '../source/core/match/matcher.js';
import type {KubeObject} from '../source/core/objects/types.js';
import type {Playbook} from '../source/core/playbook/types.js';
import {loadPlaybooks} from '../source/library/load-playbooks.js';
import {at, endpoints, event, healthyNodeConditions, healthyPod, namespace, node, now, service} from '../test/core/match/fixtures/kube.js';
import {corednsBind, oomKilled, proxyRefused, resolverFailure, tagNotFound, wrongCommand, type Scenario} from '../test/core/match/fixtures/scenarios.js';
import type {Figure} from './run.js';

const objectCount = 10_000;
const minimumMs = 2000;
const linesPerBatch = 100;

/** The shipped playbooks, or the parser's fixtures while `playbooks/` is still empty. */
export async function library(): Promise<{playbooks: Playbook[]; source: string}> {
	const shipped = fileURLToPath(new URL('../playbooks/', import.meta.url));
	const fixtures = fileURLToPath(new URL('../test/fixtures/playbooks/', import.meta.url));
	const directory = markdownIn(shipped) ? shipped : fixtures;
	const {playbooks, problems} = await loadPlaybooks({shippedDirectory: directory});
	const where = relative(process.cwd(), directory) || directory;
	return {playbooks, source: `${playbooks.length} playbook${playbooks.length === 1 ? '' : 's'} from ${where}${problems.length ? `, ${problems.length} problems skipped` : ''}`};
}

function markdownIn(directory: string): boolean {
	try {
		return readdirSync(directory).some(file => file.endsWith('.md') && file.toLowerCase() !== 'readme.md');
	} catch {
		return false;
	}
}

/** Two versions of every object (a watch update changes resourceVersion and some status). */
function workload(): Array<[KubeObject, KubeObject]> {
	const pairs: Array<[KubeObject, KubeObject]> = [];
	const failing: Array<() => Scenario> = [tagNotFound, proxyRefused, wrongCommand, oomKilled, corednsBind, resolverFailure];
	const add = (object: KubeObject, change: (copy: any) => void) => {
		const next = structuredClone(object) as any;
		next.metadata.resourceVersion = String(Number(object.metadata.resourceVersion ?? 1) + 1);
		change(next);
		pairs.push([object, next]);
	};
	for (let index = 0; index < 20; index++) add(namespace(`team-${index}`, index === 7 ? 'Terminating' : 'Active'), () => {});
	for (let index = 0; index < 10; index++) {
		add(node(`worker-${index}`, healthyNodeConditions), copy => {
			copy.status.conditions[3].lastHeartbeatTime = at(9.5);
		});
	}
	for (let index = 0; index < 35; index++) {
		add(service(`svc-${index}`, {app: `svc-${index}`}, `team-${index % 20}`), () => {});
		add(endpoints(`svc-${index}`, index % 5 === 0 ? [] : ['10.244.1.5'], [], `team-${index % 20}`), () => {});
	}
	for (let index = 0; pairs.length < objectCount * 0.1 + 100; index++) {
		const scenario = failing[index % failing.length]();
		const name = `${scenario.pod.metadata.name}-${index}`;
		scenario.pod.metadata.name = name;
		scenario.pod.metadata.namespace = `team-${index % 20}`;
		add(scenario.pod, copy => {
			const state = copy.status.containerStatuses[0].state;
			if (state.waiting?.message) state.waiting.message = state.waiting.message.replace(/back-off \w+/, 'back-off 5m0s');
		});
		for (const original of scenario.events.filter(candidate => candidate.type === 'Warning')) {
			original.involvedObject.name = name;
			original.involvedObject.namespace = original.metadata.namespace = `team-${index % 20}`;
			add(original, copy => {
				copy.count = (copy.count ?? 1) + 1;
				copy.lastTimestamp = at(9);
			});
		}
	}
	for (let index = 0; pairs.length < objectCount * 0.2; index++) {
		const about = healthyPod({deployment: `svc-${index % 35}`, name: `svc-${index % 35}-7d4b9c8f6d-${index}`, namespace: `team-${index % 20}`});
		add(event({about, reason: 'Pulled', type: 'Normal', message: 'Container image "nginx:1.25" already present on machine', last: at(8)}), copy => {
			copy.count = 2;
		});
	}
	for (let index = 0; pairs.length < objectCount; index++) {
		add(healthyPod({deployment: `svc-${index % 35}`, name: `svc-${index % 35}-7d4b9c8f6d-${index}`, namespace: `team-${index % 20}`}), copy => {
			copy.status.conditions[0].lastTransitionTime = at(9);
		});
	}
	return pairs;
}

type Rate = {wall: number; cpu: number};

function median(values: number[]): number {
	return Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
}

/**
 * Runs `step` (which returns how much it did) for at least `limitMs`; the rate per wall-clock second
 * and per second of this process's CPU time, which a busy shared machine does not distort as much.
 */
function timed(limitMs: number, step: () => number): Rate {
	let done = 0;
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	let elapsed = 0;
	while (elapsed < limitMs) {
		done += step();
		elapsed = performance.now() - start;
	}
	const cpu = process.cpuUsage(cpuStart);
	return {wall: done / (elapsed / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6)};
}

/** A warm-up pass, then the median of three passes of at least two seconds. */
function rate(step: () => number): Rate {
	timed(500, step);
	const passes = [timed(minimumMs, step), timed(minimumMs, step), timed(minimumMs, step)];
	return {wall: median(passes.map(pass => pass.wall)), cpu: median(passes.map(pass => pass.cpu))};
}

/** Objects re-upserted in turn (alternating versions), findings read as a UI frame would. */
function objectUpdatesPerSecond(playbooks: Playbook[], pairs: Array<[KubeObject, KubeObject]>): Rate {
	const matcher = new Matcher(playbooks, {now: () => now});
	for (const [first] of pairs) matcher.upsert(first);
	let turn = 0;
	return rate(() => {
		for (let index = 0; index < 5000; index++) {
			const pair = pairs[(turn * 7919 + index) % pairs.length];
			matcher.upsert(pair[(turn + index) & 1]);
		}
		matcher.findings();
		turn++;
		return 5000;
	});
}

const appLines = [
	(index: number) => `2024-05-01T12:0${index % 10}:${String(index % 60).padStart(2, '0')}.${String(index % 1000).padStart(3, '0')}Z INFO  [http-nio-8080-exec-${index % 10}] c.a.orders.web.RequestLogger - GET /api/v1/orders/${index} status=200 duration=${index % 97}ms`,
	(index: number) => `10.244.0.${index % 250} - - [01/May/2024:12:04:${String(index % 60).padStart(2, '0')} +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.30"`,
	(index: number) => `{"level":"info","ts":1714564800.${index},"caller":"worker/loop.go:88","msg":"processed batch","batch":${index},"items":${index % 50},"took":"${index % 30}ms"}`,
	(index: number) => `time="2024-05-01T12:04:00Z" level=debug msg="cache refresh" keys=${index % 400} hits=${index % 91}`,
	(index: number) => `[2024-05-01 12:04:00,${String(index % 1000).padStart(3, '0')}] WARNING in app: slow query took ${index % 900}ms: SELECT * FROM items WHERE id = ${index}`,
];

const errorLines = [
	'fatal: dial tcp: lookup orders-db on 10.96.0.10:53: no such host',
	'Error: getaddrinfo ENOTFOUND orders-db',
	'Listen: listen tcp :53: bind: permission denied',
	"python: can't open file '/app/main.py': [Errno 2] No such file or directory",
];

/** Batches of typical lines, one in 1,000 an error line a playbook may know, for failing containers. */
function logLinesPerSecond(playbooks: Playbook[]): Rate {
	const matcher = new Matcher(playbooks, {now: () => now});
	const pods = Array.from({length: 500}, (_, index) => {
		const scenario = [wrongCommand, resolverFailure, corednsBind][index % 3]();
		scenario.pod.metadata.name = `${scenario.pod.metadata.name}-${index}`;
		matcher.upsert(scenario.pod);
		return {namespace: scenario.pod.metadata.namespace!, name: scenario.pod.metadata.name, container: scenario.pod.spec.containers[0].name};
	});
	const lines = Array.from({length: 100_000}, (_, index) => (index % 1000 === 999 ? errorLines[(index / 1000) % errorLines.length | 0] : appLines[index % appLines.length](index)));
	const batches = Array.from({length: lines.length / linesPerBatch}, (_, index) => lines.slice(index * linesPerBatch, (index + 1) * linesPerBatch));
	let turn = 0;
	return rate(() => {
		for (let index = 0; index < 100; index++, turn++) {
			const target = pods[turn % pods.length];
			matcher.addLogLines(target.namespace, target.name, target.container, batches[turn % batches.length]);
		}
		return 100 * linesPerBatch;
	});
}

export async function measure(playbooks: Playbook[], source: string): Promise<Figure[]> {
	const pairs = workload();
	const updates = objectUpdatesPerSecond(playbooks, pairs);
	const lines = logLinesPerSecond(playbooks);
	const objects = `object updates, ${pairs.length.toLocaleString('en-US')} objects (80% healthy pods; ${source})`;
	const logRules = playbooks.some(playbook => [...playbook.match, ...playbook.variants.flatMap(variant => variant.match)].some(rule => rule.log));
	const logs = `log lines of failing containers, batches of ${linesPerBatch} (${source}${logRules ? '' : '; no log rule, so lines are dropped unread'})`;
	return [
		{name: objects, value: updates.wall, unit: 'updates/s'},
		{name: `${objects} per CPU second`, value: updates.cpu, unit: 'updates/s'},
		{name: logs, value: lines.wall, unit: 'lines/s'},
		{name: `${logs} per CPU second`, value: lines.cpu, unit: 'lines/s'},
	];
}

export async function run(): Promise<Figure[]> {
	const {playbooks, source} = await library();
	return measure(playbooks, source);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	for (const figure of await run()) console.log(`${figure.name}: ${figure.value.toLocaleString('en-US')} ${figure.unit}`);
}
