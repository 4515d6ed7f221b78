// Lines per second through stripControlSequences: every log line shown passes through it.
// `npm run bench strip-control` or `node --import=tsx bench/strip-control.bench.ts`.
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {stripControlSequences} from '../source/core/text/strip-control.js';
import type {Figure} from './run.js';

const lineCount = 200_000;

function logLines(colouredEvery: number): string[] {
	const lines: string[] = [];
	for (let i = 0; i < lineCount; i++) {
		const time = `2026-11-22T04:${String(i % 60).padStart(2, '0')}:17.${String(i % 1000).padStart(3, '0')}Z`;
		lines.push(i % colouredEvery === 0
			? `\u001b[2m${time}\u001b[0m \u001b[32mINFO\u001b[0m request id=${i} path=/api/v1/items status=200 \u001b[1m12ms\u001b[22m`
			: `${time} INFO request id=${i} path=/api/v1/items/${i % 97} status=200 duration=12ms user-agent="kube-probe/1.32"`);
	}
	return lines;
}

/** The best of five passes over all lines, after one pass to warm up the JIT. */
function linesPerSecond(lines: string[]): number {
	let kept = 0;
	let best = Number.POSITIVE_INFINITY;
	for (let pass = 0; pass < 6; pass++) {
		const start = performance.now();
		for (const line of lines) kept += stripControlSequences(line).length;
		if (pass > 0) best = Math.min(best, performance.now() - start);
	}
	if (kept === 0) throw new Error('nothing kept');
	return Math.round(lines.length / (best / 1000));
}

export async function run(): Promise<Figure[]> {
	return [
		{name: `plain ASCII log lines (${lineCount.toLocaleString('en-US')})`, value: linesPerSecond(logLines(Number.POSITIVE_INFINITY)), unit: 'lines/s'},
		{name: 'typical: 1 line in 10 coloured', value: linesPerSecond(logLines(10)), unit: 'lines/s'},
		{name: 'every line coloured (5 SGR sequences)', value: linesPerSecond(logLines(1)), unit: 'lines/s'},
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	for (const figure of await run()) console.log(`${figure.name.padEnd(48)} ${figure.value.toLocaleString('en-US').padStart(14)} ${figure.unit}`);
}
