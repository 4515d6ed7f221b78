// Wall-clock time with a speed factor for durations: timestamps stay real (so kubectl and
// kconsole compute ages as against any cluster), while back-offs and pulls run `speed`
// times faster.

export type Timer = {cancel(): void};

export class Clock {
	readonly speed: number;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly nowFunction: () => number;
	private stopped = false;

	constructor(options: {speed?: number; now?: () => number} = {}) {
		this.speed = options.speed && options.speed > 0 ? options.speed : 1;
		this.nowFunction = options.now ?? Date.now;
	}

	now(): number {
		return this.nowFunction();
	}

	/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
	iso(time = this.now()): string {
		return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	}

	/** RFC 3339 with microseconds, as Kubernetes writes metav1.MicroTime (eventTime). */
	isoMicro(time = this.now()): string {
		return new Date(time).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
	}

	/** Run fn after `simMs` of simulated time (simMs / speed of real time). */
	after(simMs: number, fn: () => void): Timer {
		if (this.stopped) return {cancel() {}};
		const handle = setTimeout(() => {
			this.timers.delete(handle);
			fn();
		}, Math.max(0, simMs / this.speed));
		this.timers.add(handle);
		return {
			cancel: () => {
				clearTimeout(handle);
				this.timers.delete(handle);
			},
		};
	}

	/** Run fn every `simMs` of simulated time until cancelled or the clock stops. */
	every(simMs: number, fn: () => void): Timer {
		if (this.stopped) return {cancel() {}};
		const handle = setInterval(fn, Math.max(1, simMs / this.speed));
		this.timers.add(handle);
		return {
			cancel: () => {
				clearInterval(handle);
				this.timers.delete(handle);
			},
		};
	}

	/** Cancel every timer; later after/every calls do nothing. */
	stop(): void {
		this.stopped = true;
		for (const handle of this.timers) clearTimeout(handle);
		this.timers.clear();
	}
}
