// Container logs as the kubelet keeps them: the current instance and the previous (crashed)
// one per container, bounded, with followers for `logs -f`.

export type LogLine = {time: number; text: string};

type Follower = {onLine: (line: LogLine) => void; onEnd: () => void};

type ContainerLogs = {current: LogLine[]; previous?: LogLine[]; followers: Set<Follower>};

export type ReadOptions = {previous?: boolean; tailLines?: number; sinceTime?: number};

export class LogStore {
	private readonly containers = new Map<string, ContainerLogs>();

	constructor(private readonly maxLines = 5000) {}

	append(namespace: string, pod: string, container: string, text: string, time: number): void {
		const logs = this.logsOf(namespace, pod, container);
		const line = {time, text};
		logs.current.push(line);
		if (logs.current.length > this.maxLines * 1.25) logs.current.splice(0, logs.current.length - this.maxLines);
		for (const follower of logs.followers) follower.onLine(line);
	}

	/** The container restarted: the current instance becomes the previous one; followers of the old instance end. */
	restart(namespace: string, pod: string, container: string): void {
		const logs = this.logsOf(namespace, pod, container);
		logs.previous = logs.current;
		logs.current = [];
		this.end(logs);
	}

	/** The container stopped: `logs -f` ends, as it does when a container exits. */
	stop(namespace: string, pod: string, container: string): void {
		const logs = this.containers.get(key(namespace, pod, container));
		if (logs) this.end(logs);
	}

	/** Undefined when there is no such instance (e.g. `--previous` before any restart). */
	read(namespace: string, pod: string, container: string, options: ReadOptions = {}): LogLine[] | undefined {
		const logs = this.containers.get(key(namespace, pod, container));
		let lines = options.previous ? logs?.previous : logs?.current ?? [];
		if (!lines) return undefined;
		if (options.sinceTime !== undefined) lines = lines.filter(line => line.time >= options.sinceTime!);
		if (options.tailLines !== undefined) lines = options.tailLines <= 0 ? [] : lines.slice(-options.tailLines);
		return lines;
	}

	follow(namespace: string, pod: string, container: string, onLine: (line: LogLine) => void, onEnd: () => void): () => void {
		const logs = this.logsOf(namespace, pod, container);
		const follower = {onLine, onEnd};
		logs.followers.add(follower);
		return () => logs.followers.delete(follower);
	}

	removePod(namespace: string, pod: string): void {
		const prefix = `${namespace}/${pod}/`;
		for (const [name, logs] of this.containers) {
			if (!name.startsWith(prefix)) continue;
			this.end(logs);
			this.containers.delete(name);
		}
	}

	private end(logs: ContainerLogs): void {
		const followers = [...logs.followers];
		logs.followers.clear();
		for (const follower of followers) follower.onEnd();
	}

	private logsOf(namespace: string, pod: string, container: string): ContainerLogs {
		const name = key(namespace, pod, container);
		let logs = this.containers.get(name);
		if (!logs) this.containers.set(name, (logs = {current: [], followers: new Set()}));
		return logs;
	}
}

function key(namespace: string, pod: string, container: string): string {
	return `${namespace}/${pod}/${container}`;
}
