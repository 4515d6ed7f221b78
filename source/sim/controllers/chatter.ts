import type {Clock, Timer} from '../clock.js';
import type {LogStore} from '../store/log-store.js';

// Occasional log lines from running containers (access logs, heartbeats) on one shared
// timer, so thousands of quiet pods cost nothing and chatty ones cost one tick between them.

type Speaker = {namespace: string; pod: string; container: string; line: (now: number) => string};

export class Chatter {
	private readonly speakers = new Map<string, Speaker>();
	private readonly timer: Timer;

	constructor(private readonly clock: Clock, private readonly logs: LogStore, options: {intervalMs?: number; probability?: number} = {}) {
		const probability = options.probability ?? 0.3;
		this.timer = clock.every(options.intervalMs ?? 15_000, () => {
			const now = clock.now();
			for (const speaker of this.speakers.values()) {
				if (Math.random() < probability) logs.append(speaker.namespace, speaker.pod, speaker.container, speaker.line(now), now);
			}
		});
	}

	add(namespace: string, pod: string, container: string, line: (now: number) => string): void {
		this.speakers.set(`${namespace}/${pod}/${container}`, {namespace, pod, container, line});
	}

	remove(namespace: string, pod: string, container: string): void {
		this.speakers.delete(`${namespace}/${pod}/${container}`);
	}

	removePod(namespace: string, pod: string): void {
		for (const [key, speaker] of this.speakers) if (speaker.namespace === namespace && speaker.pod === pod) this.speakers.delete(key);
	}

	stop(): void {
		this.timer.cancel();
		this.speakers.clear();
	}
}
