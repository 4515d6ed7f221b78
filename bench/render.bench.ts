// The console at scale, measured on the screen a user sees. Method: the simulated cluster
// runs in a child process (bench/sim-process.ts) with 30,000 pods; this process runs the
// real console wiring (kubeconfig → watches → store → findings → App) and renders it with
// Ink into a fake TTY whose bytes are parsed by @xterm/headless. A frame "shows" something
// once xterm has parsed the bytes that draw it.
// `npm run bench render` or `node --import=tsx bench/render.bench.ts`.
import './production-react.js';
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {pathToFileURL} from 'node:url';
import {render} from 'ink';
import {createElement} from 'react';
import {createClusterSession} from '../source/commands/cluster-session.js';
import {startLiveCluster} from '../source/commands/live-cluster.js';
import {loadTarget} from '../source/kube/kube-target.js';
import {loadPlaybooks} from '../source/library/load-playbooks.js';
import {App} from '../source/ui/app.js';
import {createFakeTerminal, type FakeTerminal} from './fake-terminal.js';
import type {Figure} from './run.js';

const podCount = 30_000;
const eventsPerSecond = 1000;
const logLinesPerSecond = 5000;
const presses = 40;


export async function run(): Promise<Figure[]> {
	const child = spawn(process.execPath, ['--import=tsx', new URL('sim-process.ts', import.meta.url).pathname, String(podCount)], {stdio: ['pipe', 'pipe', 'inherit']});
	const kubeconfig = await readyLine(child.stdout!);
	const send = (command: unknown) => child.stdin!.write(`${JSON.stringify(command)}\n`);
	const home = mkdtempSync(join(tmpdir(), 'kconsole-render-bench-'));
	const terminal = createFakeTerminal(120, 36);
	let frames = 0;
	const figures: Figure[] = [];

	const launched = performance.now();
	const target = loadTarget({kubeconfig, allNamespaces: true, env: {HOME: home}});
	const library = await loadPlaybooks();
	const live = startLiveCluster(target, library.playbooks);
	const session = createClusterSession(live, {readOnly: true, terminal: {colour: true, unicode: true}, env: {HOME: home}, auditFile: join(home, 'audit.jsonl')});
	const instance = render(createElement(App, {session}), {stdout: terminal.stdout, stdin: terminal.stdin, stderr: terminal.stdout, patchConsole: false, exitOnCtrlC: false, onRender: () => frames++});
	try {
		await terminal.waitFor(screen => screen.some(line => /Pods \(\d{5,}\)/.test(line)) && selectedPod(screen) !== undefined, 120_000);
		figures.push({name: `launch to first frame showing ${podCount.toLocaleString('en-US')} pods`, value: performance.now() - launched, unit: 'ms'});
		figures.push({name: 'RSS with 30,000 pods on screen', value: rssMegabytes(), unit: 'MB'});

		const press = async (input: string, changed: (screen: string[]) => boolean) => {
			const started = performance.now();
			terminal.stdin.write(input);
			await terminal.waitFor(changed, 10_000);
			return performance.now() - started;
		};
		await press('\t', screen => screen.some(line => line.startsWith('▸ Pods')));
		const moves = async () => {
			const times: number[] = [];
			for (let i = 0; i < presses; i++) {
				// A person's pace: Ink draws at most 30 frames/s, so keys closer together than 33 ms wait for the next frame.
				await delay(100);
				const before = selectedPod(terminal.screen());
				times.push(await press('j', screen => selectedPod(screen) !== undefined && selectedPod(screen) !== before));
			}
			return times;
		};
		const idle = await moves();
		figures.push({name: 'key to frame, idle (j in the pod list), median', value: percentile(idle, 0.5), unit: 'ms'});
		figures.push({name: 'key to frame, idle, p95', value: percentile(idle, 0.95), unit: 'ms'});

		// Follow the selected pod's log, then flood it and the event stream.
		await press('l', screen => screen.some(line => /Logs \S+\/\S+ \[\S+\]/.test(line)));
		const followed = followedLog(terminal);
		await press('\u001b[Z', screen => screen.some(line => line.startsWith('▸ Events')));
		await press('\u001b[Z', screen => screen.some(line => line.startsWith('▸ Pods')));
		send({flood: {eventsPerSecond, logLinesPerSecond: 0}});
		send({logs: {...followed, linesPerSecond: logLinesPerSecond}});
		await terminal.waitFor(screen => screen.some(line => /GET \/api\/items\//.test(line)), 20_000);
		await delay(2000);
		const before = {frames, ...terminal.stats(), time: performance.now()};
		let peak = rssMegabytes();
		const sampler = setInterval(() => {
			peak = Math.max(peak, rssMegabytes());
		}, 200);
		const flooded = await moves();
		await delay(Math.max(0, 5000 - (performance.now() - before.time)));
		clearInterval(sampler);
		const seconds = (performance.now() - before.time) / 1000;
		const after = terminal.stats();
		const flood = `${eventsPerSecond.toLocaleString('en-US')} events/s + ${logLinesPerSecond.toLocaleString('en-US')} log lines/s`;
		figures.push({name: `key to frame during ${flood}, median`, value: percentile(flooded, 0.5), unit: 'ms'});
		figures.push({name: `key to frame during the flood, p95`, value: percentile(flooded, 0.95), unit: 'ms'});
		figures.push({name: `key to frame during the flood, max`, value: Math.max(...flooded), unit: 'ms'});
		figures.push({name: 'frames drawn per second during the flood', value: (frames - before.frames) / seconds, unit: 'frames/s'});
		figures.push({name: 'bytes written to the terminal per second during the flood', value: (after.bytes - before.bytes) / seconds / 1024, unit: 'KB/s'});
		figures.push({name: 'RSS peak during the flood', value: peak, unit: 'MB'});
	} finally {
		instance.unmount();
		await live.stop();
		terminal.dispose();
		send({stop: true});
		child.stdin!.end();
		await new Promise(resolve => child.once('exit', resolve));
	}
	return figures;
}

/** `namespace/name` of the pod selected in the pod list (rows start `› NAMESPACE NAME READY`). */
function selectedPod(screen: string[]): string | undefined {
	for (const line of screen) {
		const match = /^› (\S+)\s+(\S+)\s+\d+\/\d+\s/.exec(line);
		if (match) return `${match[1]}/${match[2]}`;
	}
	return undefined;
}

function followedLog(terminal: FakeTerminal): {namespace: string; pod: string; container: string} {
	for (const line of terminal.screen()) {
		const match = /Logs (\S+)\/(\S+) \[(\S+)\]/.exec(line);
		if (match) return {namespace: match[1], pod: match[2], container: match[3]};
	}
	throw new Error('no log is followed');
}

async function readyLine(stdout: NodeJS.ReadableStream): Promise<string> {
	for await (const line of createInterface({input: stdout})) {
		if (line.startsWith('ready ')) return line.slice('ready '.length);
	}
	throw new Error('the simulated cluster exited before it was ready');
}

function percentile(values: number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function rssMegabytes(): number {
	return process.memoryUsage().rss / 1024 / 1024;
}

async function delay(ms: number): Promise<void> {
	await new Promise(resolve => setTimeout(resolve, ms));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	for (const figure of await run()) console.log(`${figure.name.padEnd(72)} ${figure.value.toFixed(1).padStart(10)} ${figure.unit}`);
	process.exit(0);
}
