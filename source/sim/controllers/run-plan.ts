import type {ProgramRun} from '../registry/programs/program.js';

// What the runtime makes of a program's run for one container: when it exits and why (the
// kernel's OOM kill when its working set passes the memory limit), which lines it writes
// before that, grouped by time, and when its readiness probe first passes.

export type RunPlan = {
	exit?: {at: number; code: number; reason: 'Completed' | 'Error' | 'OOMKilled'};
	linesByTime: Map<number, string[]>;
	/** Undefined when the container never becomes ready by a probe before exiting. */
	readyAt?: number;
	/** When the startup lines are done (occasional lines start after). */
	quietAt: number;
};

export function planRun(run: ProgramRun, options: {memoryLimit?: number; probe?: {initialDelaySeconds?: number}}): RunPlan {
	let exit: RunPlan['exit'] = run.exit ? {...run.exit, reason: run.exit.code === 0 ? 'Completed' : 'Error'} : undefined;
	const peak = run.peakMemory;
	if (peak && options.memoryLimit !== undefined && peak.bytes > options.memoryLimit && (!exit || peak.at < exit.at)) exit = {at: peak.at, code: 137, reason: 'OOMKilled'};
	const linesByTime = new Map<number, string[]>();
	for (const line of run.lines) {
		if (exit && line.at > exit.at) continue;
		linesByTime.set(line.at, [...(linesByTime.get(line.at) ?? []), line.text]);
	}
	let readyAt: number | undefined;
	if (options.probe && run.readyAfter !== undefined) {
		readyAt = Math.max(run.readyAfter, (options.probe.initialDelaySeconds ?? 0) * 1000);
		if (exit && readyAt >= exit.at) readyAt = undefined;
	}
	return {exit, linesByTime, readyAt, quietAt: Math.max(0, ...run.lines.map(line => line.at)) + 1};
}
