import type {LogPatterns} from './log-patterns.js';

type LineHit = {sequence: number; line: string; patterns: number[]};

/**
 * The last `limit` lines of one container's log, keeping only the lines that match some log
 * pattern: a line that matches nothing can never be evidence, so it only advances the count.
 */
export class LineWindow {
	#count = 0;
	#hits: LineHit[] = [];
	readonly #scratch: number[] = [];

	constructor(readonly limit: number) {}

	/** Appends lines; true when the recent matching lines changed. */
	add(lines: readonly string[], patterns: LogPatterns): boolean {
		let changed = false;
		for (const line of lines) {
			const sequence = this.#count++;
			if (patterns.match(line, this.#scratch)) {
				this.#hits.push({sequence, line, patterns: [...this.#scratch]});
				changed = true;
			}
		}
		const oldest = this.#count - this.limit;
		let stale = 0;
		while (stale < this.#hits.length && this.#hits[stale].sequence < oldest) stale++;
		if (stale > 0) {
			this.#hits.splice(0, stale);
			changed = true;
		}
		return changed;
	}

	/** The most recent line that matched the pattern. */
	latest(pattern: number): string | undefined {
		for (let index = this.#hits.length - 1; index >= 0; index--) {
			if (this.#hits[index].patterns.includes(pattern)) return this.#hits[index].line;
		}
		return undefined;
	}

	get empty(): boolean {
		return this.#hits.length === 0;
	}
}

/** One container's recent lines: the running instance and the previous (crashed) one. */
export type ContainerLogWindows = {current: LineWindow; previous: LineWindow};

/** A pod's containers by name. */
export type PodLogs = Map<string, ContainerLogWindows>;

export function hasHits(logs: PodLogs | undefined): boolean {
	if (!logs) return false;
	for (const windows of logs.values()) {
		if (!windows.current.empty || !windows.previous.empty) return true;
	}
	return false;
}
