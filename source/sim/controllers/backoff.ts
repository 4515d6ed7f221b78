// client-go's flowcontrol.Backoff as the kubelet uses it for image pulls and container
// restarts: 10s doubling to 5m, forgotten after twice the maximum without a failure.

export const initialBackoffMs = 10_000;
export const maxBackoffMs = 300_000;

export class Backoff {
	private backoff = 0;
	private lastUpdate = Number.NEGATIVE_INFINITY;

	/** Record a failure at `time`: the window starts at 10s or doubles. */
	next(time: number): void {
		this.backoff = this.expired(time) || this.backoff === 0 ? initialBackoffMs : Math.min(this.backoff * 2, maxBackoffMs);
		this.lastUpdate = time;
	}

	/** IsInBackOffSince: has less than the current window passed since `eventTime`? */
	inBackoffSince(eventTime: number, now: number): boolean {
		if (this.backoff === 0 || this.expired(eventTime)) return false;
		return now - eventTime < this.backoff;
	}

	/** IsInBackOffSinceUpdate: has less than the window passed since the last failure? */
	inBackoffSinceUpdate(now: number): boolean {
		if (this.backoff === 0 || this.expired(now)) return false;
		return now - this.lastUpdate < this.backoff;
	}

	/** When the window that started at `since` ends. */
	endsAt(since: number): number {
		return since + this.backoff;
	}

	get lastFailure(): number {
		return this.lastUpdate;
	}

	get current(): number {
		return this.backoff;
	}

	reset(): void {
		this.backoff = 0;
		this.lastUpdate = Number.NEGATIVE_INFINITY;
	}

	private expired(time: number): boolean {
		return time - this.lastUpdate > 2 * maxBackoffMs;
	}
}
