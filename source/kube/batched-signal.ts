// Coalesces a burst of changes into one notification per interval, so a flood of watch events
// re-renders the console at most ~20 times a second.

export class BatchedSignal {
	readonly #listeners = new Set<() => void>();
	#timer: NodeJS.Timeout | undefined;

	constructor(readonly intervalMs = 50) {}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Something changed: listeners hear about it within intervalMs, once per interval at most. */
	notify(): void {
		if (this.#timer !== undefined || this.#listeners.size === 0) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			for (const listener of [...this.#listeners]) listener();
		}, this.intervalMs);
	}

	/** Drops a pending notification (the source is going away). */
	close(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
