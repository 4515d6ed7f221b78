// One container's log, opened on demand (the console's log pane): tail, previous instance,
// follow. Lines land in a bounded LogBuffer, stripped of control sequences; listeners hear
// about new lines in batches.
import {BatchedSignal} from './batched-signal.js';
import {describeCause} from './connection-error.js';
import {LogBuffer} from './log-buffer.js';
import {LineSplitter, splitLogText} from './log-lines.js';
import {kubeRequest, readBody} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';

export type ContainerRef = {namespace: string; pod: string; container: string};

export type LogQuery = {
	follow?: boolean;
	/** Only the last N lines (default: everything the node still holds). */
	tailLines?: number;
	/** The previous (crashed) instance of the container. */
	previous?: boolean;
	/** Refuse more than this many bytes (the API server's limitBytes). */
	limitBytes?: number;
};

export type LogStreamState = {status: 'connecting' | 'streaming' | 'ended' | 'stopped' | 'error'; message?: string};

export function logPath(ref: ContainerRef, query: LogQuery): string {
	const parameters = new URLSearchParams({container: ref.container});
	if (query.follow) parameters.set('follow', 'true');
	if (query.previous) parameters.set('previous', 'true');
	if (query.tailLines !== undefined) parameters.set('tailLines', String(query.tailLines));
	if (query.limitBytes !== undefined) parameters.set('limitBytes', String(query.limitBytes));
	return `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/pods/${encodeURIComponent(ref.pod)}/log?${parameters}`;
}

/** A finished log (no follow) as clean lines; rejects with KubeApiError or the network error. */
export async function fetchLogLines(target: KubeTarget, ref: ContainerRef, query: Omit<LogQuery, 'follow'>, options: {signal?: AbortSignal; timeoutMs?: number} = {}): Promise<string[]> {
	const response = await kubeRequest(target, logPath(ref, query), {...options, accept: 'text/plain, */*'});
	return splitLogText(await readBody(response));
}

export class LogStream {
	readonly buffer: LogBuffer;
	/** Settles when the stream ends, fails or is stopped; never rejects. */
	readonly done: Promise<void>;
	readonly #signal: BatchedSignal;
	readonly #abort = new AbortController();
	#state: LogStreamState = {status: 'connecting'};

	constructor(
		readonly target: KubeTarget,
		readonly ref: ContainerRef,
		readonly query: LogQuery,
		options: {capacity?: number; batchMs?: number} = {},
	) {
		this.buffer = new LogBuffer(options.capacity);
		this.#signal = new BatchedSignal(options.batchMs);
		this.done = this.#run();
	}

	get state(): LogStreamState {
		return this.#state;
	}

	/** Batched: at most once per ~50 ms while lines arrive, and on every state change. */
	subscribe(listener: () => void): () => void {
		return this.#signal.subscribe(listener);
	}

	stop(): void {
		if (this.#state.status === 'connecting' || this.#state.status === 'streaming') this.#setState({status: 'stopped'});
		this.#abort.abort();
	}

	async #run(): Promise<void> {
		const splitter = new LineSplitter();
		try {
			const response = await kubeRequest(this.target, logPath(this.ref, this.query), {signal: this.#abort.signal, timeoutMs: 15_000, accept: 'text/plain, */*'});
			this.#setState({status: 'streaming'});
			response.setEncoding('utf8');
			for await (const chunk of response) this.#append(splitter.push(chunk as string));
			this.#append(splitter.end());
			this.#setState({status: 'ended'});
		} catch (error) {
			if (this.#abort.signal.aborted) {
				this.#append(splitter.end());
				return;
			}
			this.#setState({status: 'error', message: describeCause(error, this.target)});
		}
	}

	#append(lines: string[]): void {
		if (lines.length === 0 || this.#state.status === 'stopped') return;
		this.buffer.append(lines);
		this.#signal.notify();
	}

	#setState(state: LogStreamState): void {
		if (this.#state.status === 'stopped') return;
		this.#state = state;
		this.#signal.notify();
	}
}

export function openLogStream(target: KubeTarget, ref: ContainerRef, query: LogQuery, options?: {capacity?: number; batchMs?: number}): LogStream {
	return new LogStream(target, ref, query, options);
}
