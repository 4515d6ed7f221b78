// The last N lines of one container's log. Older lines are dropped and counted, so a pane can
// say "1,204 earlier lines dropped" instead of growing without bound.

/** Longer lines are cut: one megabyte of JSON on one line must not stall a terminal pane. */
export const maxLineLength = 8192;

export class LogBuffer {
	#lines: string[] = [];
	/** Index of the oldest kept line in #lines; compacted lazily so dropping is O(1) per line. */
	#start = 0;
	#dropped = 0;
	#total = 0;
	#version = 0;
	#view: readonly string[] | null = [];

	constructor(readonly capacity = 5000) {
		if (capacity < 1) throw new RangeError('a log buffer holds at least one line');
	}

	/** Adds lines (already free of control sequences), oldest first. */
	append(lines: readonly string[]): void {
		if (lines.length === 0) return;
		for (const line of lines) this.#lines.push(line.length > maxLineLength ? `${line.slice(0, maxLineLength)}…` : line);
		this.#total += lines.length;
		const excess = this.#lines.length - this.#start - this.capacity;
		if (excess > 0) {
			this.#start += excess;
			this.#dropped += excess;
		}
		if (this.#start >= this.capacity) {
			this.#lines = this.#lines.slice(this.#start);
			this.#start = 0;
		}
		this.#version++;
		this.#view = null;
	}

	/** The kept lines, oldest first; the same array until the next change. */
	lines(): readonly string[] {
		this.#view ??= this.#lines.slice(this.#start);
		return this.#view;
	}

	/** Lines dropped to stay within capacity. */
	get dropped(): number {
		return this.#dropped;
	}

	/** Lines ever appended. */
	get total(): number {
		return this.#total;
	}

	get version(): number {
		return this.#version;
	}

	clear(): void {
		this.#lines = [];
		this.#start = 0;
		this.#dropped = 0;
		this.#total = 0;
		this.#version++;
		this.#view = [];
	}
}
