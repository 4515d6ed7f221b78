import type {Clock} from '../clock.js';
import {StatusError} from '../store/status-error.js';

// A controller's work queue: keys added while handling store events are deduplicated and
// synced on the next turn of the event loop, outside the store's listener delivery, so a
// controller always reads a settled store and never writes from inside a listener.

export class WorkQueue {
	private readonly pending = new Set<string>();
	private scheduled = false;
	private stopped = false;

	constructor(
		private readonly clock: Clock,
		private readonly sync: (key: string) => void,
	) {}

	add(key: string): void {
		if (this.stopped) return;
		this.pending.add(key);
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => this.flush());
	}

	/** Sync `key` again after `simMs` (progress deadlines, conflicts). */
	addAfter(key: string, simMs: number): void {
		this.clock.after(simMs, () => this.add(key));
	}

	stop(): void {
		this.stopped = true;
		this.pending.clear();
	}

	private flush(): void {
		this.scheduled = false;
		if (this.stopped) return;
		const keys = [...this.pending];
		this.pending.clear();
		for (const key of keys) {
			try {
				this.sync(key);
			} catch (error) {
				// A namespace going away or a write racing a delete: the next sync sees the settled state.
				if (!(error instanceof StatusError)) throw error;
				this.addAfter(key, 1000);
			}
		}
	}
}

/** `namespace/name`. */
export function keyOf(namespace: string | undefined, name: string): string {
	return `${namespace ?? ''}/${name}`;
}

export function splitKey(key: string): [string, string] {
	const slash = key.indexOf('/');
	return [key.slice(0, slash), key.slice(slash + 1)];
}
