// Recent log lines of failing containers, as evidence for the matcher. Healthy pods cost
// nothing: a container is looked at only while it restarts or stays unready, once per
// instance (its restartCount), with a bounded number of fetches in flight.
import type {ContainerStatus, Pod} from '../core/objects/types.js';
import type {ContainerLog} from '../core/match/types.js';
import {KubeApiError} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';
import {fetchLogLines} from './log-stream.js';
import {podServiceAccount} from './rbac-suspects.js';

/** What to read of one container: the crashed instance, the running one, or both. */
export type EvidenceNeed = {container: string; restartCount: number; previous: boolean; current: boolean};

export type EvidenceOptions = {
	/** Lines fetched per instance. */
	tailLines?: number;
	/** Fetches in flight at once. */
	concurrency?: number;
	/** A running container gets this long to become ready before its log counts as evidence. */
	startupGraceMs?: number;
	/** After a failed fetch (network), the same container is not tried again for this long. */
	retryMs?: number;
	now?: () => number;
};

/**
 * The containers worth a look: restarted ones that are not ready (their previous instance
 * crashed), running ones that stay unready past the grace period, and ones that ended in failure.
 * Ready containers, waiting ones without restarts (image pulls) and finished pods have nothing
 * to tell, unless the pod's service account is bound to a missing role (`rbacSuspect`): then its
 * running containers are read, since RBAC failures show only in the log.
 */
export function evidenceNeeds(pod: Pod, now: number, startupGraceMs = 30_000, options: {rbacSuspect?: boolean} = {}): EvidenceNeed[] {
	if (pod.status?.phase === 'Succeeded') return [];
	const statuses: ContainerStatus[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
	const needs: EvidenceNeed[] = [];
	for (const status of statuses) {
		if (status.ready) {
			if (options.rbacSuspect && status.state?.running) needs.push({container: status.name, restartCount: status.restartCount, previous: false, current: true});
			continue;
		}
		const {running, terminated} = status.state ?? {};
		if (terminated?.exitCode === 0) continue;
		const previous = status.restartCount > 0 && status.lastState?.terminated !== undefined;
		const startedAt = Date.parse(running?.startedAt ?? '');
		const settled = status.restartCount > 0 || Number.isNaN(startedAt) || now - startedAt >= startupGraceMs;
		const current = (running !== undefined && settled) || terminated !== undefined;
		if (previous || current) needs.push({container: status.name, restartCount: status.restartCount, previous, current});
	}
	return needs;
}

/** The first moment an unready running container leaves its grace period; Infinity when none waits. */
function nextGraceEnd(pod: Pod, now: number, startupGraceMs: number): number {
	let next = Number.POSITIVE_INFINITY;
	for (const status of pod.status?.containerStatuses ?? []) {
		const startedAt = Date.parse(status.state?.running?.startedAt ?? '');
		if (status.ready || status.restartCount > 0 || Number.isNaN(startedAt)) continue;
		const end = startedAt + startupGraceMs;
		if (end > now) next = Math.min(next, end);
	}
	return next;
}

type Entry = {
	uid: string;
	restartCount: number;
	fetched: {previous: boolean; current: boolean};
	pending: boolean;
	failedAt?: number;
	log: ContainerLog;
};

type Job = {key: string; podKey: string; entry: Entry; need: EvidenceNeed; namespace: string; pod: string};

export class LogEvidence {
	readonly #containers = new Map<string, Entry>();
	readonly #queue: Job[] = [];
	readonly #inFlight = new Map<string, AbortController>();
	readonly #graceTimers = new Map<string, NodeJS.Timeout>();
	readonly #latest = new Map<string, Pod>();
	readonly #listeners = new Set<(log: ContainerLog) => void>();
	readonly #idle = new Set<() => void>();
	readonly #tailLines: number;
	readonly #concurrency: number;
	readonly #graceMs: number;
	readonly #retryMs: number;
	readonly #now: () => number;
	#rbacSuspects = new Set<string>();
	#stopped = false;

	constructor(
		readonly target: KubeTarget,
		options: EvidenceOptions = {},
	) {
		this.#tailLines = options.tailLines ?? 100;
		this.#concurrency = options.concurrency ?? 4;
		this.#graceMs = options.startupGraceMs ?? 30_000;
		this.#retryMs = options.retryMs ?? 10_000;
		this.#now = options.now ?? Date.now;
	}

	/** A container's evidence changed: it replaces whatever was known about that container. */
	onUpdate(listener: (log: ContainerLog) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Looks at a pod's latest state and fetches what it newly needs. */
	update(pod: Pod): void {
		if (this.#stopped) return;
		const namespace = pod.metadata.namespace ?? '';
		const name = pod.metadata.name;
		const podKey = `${namespace}/${name}`;
		const uid = pod.metadata.uid ?? '';
		this.#latest.set(podKey, pod);
		const now = this.#now();
		const rbacSuspect = this.#rbacSuspects.has(podServiceAccount(pod));
		const needs = new Map(evidenceNeeds(pod, now, this.#graceMs, {rbacSuspect}).map(need => [need.container, need]));
		for (const [key, entry] of this.#containers) {
			if (!key.startsWith(`${podKey}/`) || needs.has(entry.log.container)) continue;
			// Healthy again: what its running instance printed while failing is no longer evidence.
			entry.fetched.current = false;
			if (entry.log.lines.length > 0) this.#publish(entry, {...entry.log, lines: []});
		}
		for (const need of needs.values()) {
			const key = `${podKey}/${need.container}`;
			let entry = this.#containers.get(key);
			if (!entry || entry.uid !== uid || entry.restartCount !== need.restartCount) {
				this.#abort(key);
				const log: ContainerLog = {namespace, pod: name, container: need.container, lines: []};
				entry = {uid, restartCount: need.restartCount, fetched: {previous: false, current: false}, pending: false, log};
				this.#containers.set(key, entry);
			}
			const wanted = {...need, previous: need.previous && !entry.fetched.previous, current: need.current && !entry.fetched.current};
			if (entry.pending || (!wanted.previous && !wanted.current)) continue;
			if (entry.failedAt !== undefined && now - entry.failedAt < this.#retryMs) continue;
			entry.pending = true;
			this.#queue.push({key, podKey, entry, need: wanted, namespace, pod: name});
		}
		this.#scheduleGrace(podKey, pod, now);
		this.#pump();
	}

	/**
	 * Service accounts (`namespace/name`) bound to a missing ClusterRole: their pods' logs are read
	 * even when Ready, and forgotten again once the role exists.
	 */
	setRbacSuspects(suspects: ReadonlySet<string>): void {
		const changed = new Set([...suspects].filter(account => !this.#rbacSuspects.has(account)));
		for (const account of this.#rbacSuspects) if (!suspects.has(account)) changed.add(account);
		this.#rbacSuspects = new Set(suspects);
		if (changed.size === 0) return;
		for (const pod of [...this.#latest.values()]) if (changed.has(podServiceAccount(pod))) this.update(pod);
	}

	/** The pod is gone: drop its evidence and cancel its fetches. */
	forget(namespace: string, name: string): void {
		const podKey = `${namespace}/${name}`;
		this.#latest.delete(podKey);
		clearTimeout(this.#graceTimers.get(podKey));
		this.#graceTimers.delete(podKey);
		for (const key of [...this.#containers.keys()]) {
			if (!key.startsWith(`${podKey}/`)) continue;
			this.#abort(key);
			this.#containers.delete(key);
		}
		this.#removeQueued(job => job.podKey === podKey);
		this.#checkIdle();
	}

	/** Every container's current evidence (non-empty ones). */
	logs(): ContainerLog[] {
		return [...this.#containers.values()].map(entry => entry.log).filter(log => log.lines.length > 0 || (log.previous?.length ?? 0) > 0);
	}

	/** Resolves once nothing is queued or in flight. */
	async idle(): Promise<void> {
		if (this.#queue.length === 0 && this.#inFlight.size === 0) return;
		await new Promise<void>(resolve => this.#idle.add(resolve));
	}

	stop(): void {
		this.#stopped = true;
		this.#queue.length = 0;
		for (const key of [...this.#inFlight.keys()]) this.#abort(key);
		for (const timer of this.#graceTimers.values()) clearTimeout(timer);
		this.#graceTimers.clear();
		this.#checkIdle();
	}

	#pump(): void {
		while (!this.#stopped && this.#inFlight.size < this.#concurrency && this.#queue.length > 0) {
			const job = this.#queue.shift()!;
			const abort = new AbortController();
			this.#inFlight.set(job.key, abort);
			void this.#fetch(job, abort.signal).finally(() => {
				if (this.#inFlight.get(job.key) === abort) this.#inFlight.delete(job.key);
				this.#pump();
				this.#checkIdle();
			});
		}
	}

	async #fetch(job: Job, signal: AbortSignal): Promise<void> {
		const {entry, need} = job;
		const ref = {namespace: job.namespace, pod: job.pod, container: need.container};
		const read = async (previous: boolean) => {
			try {
				return await fetchLogLines(this.target, ref, {previous, tailLines: this.#tailLines, limitBytes: 256 * 1024}, {signal, timeoutMs: 15_000});
			} catch (error) {
				// 400: nothing to read (the instance is gone or never started); that is an answer too.
				if (error instanceof KubeApiError && error.status === 400) return [];
				throw error;
			}
		};
		try {
			const previous = need.previous ? await read(true) : undefined;
			const current = need.current ? await read(false) : undefined;
			if (signal.aborted || this.#containers.get(job.key) !== entry) return;
			entry.pending = false;
			entry.failedAt = undefined;
			entry.fetched = {previous: entry.fetched.previous || need.previous, current: entry.fetched.current || need.current};
			this.#publish(entry, {...entry.log, lines: current ?? entry.log.lines, previous: previous ?? entry.log.previous});
		} catch {
			if (this.#containers.get(job.key) !== entry) return;
			entry.pending = false;
			// Retried on the pod's next change after retryMs; the store's connection state tells the user about the network.
			entry.failedAt = this.#now();
		}
	}

	#publish(entry: Entry, log: ContainerLog): void {
		entry.log = log;
		for (const listener of [...this.#listeners]) listener(log);
	}

	#scheduleGrace(podKey: string, pod: Pod, now: number): void {
		clearTimeout(this.#graceTimers.get(podKey));
		this.#graceTimers.delete(podKey);
		const at = nextGraceEnd(pod, now, this.#graceMs);
		if (at === Number.POSITIVE_INFINITY) return;
		// A container failing its readiness probe sends no further pod updates: look again when its grace ends.
		const timer = setTimeout(() => {
			this.#graceTimers.delete(podKey);
			const latest = this.#latest.get(podKey);
			if (latest) this.update(latest);
		}, at - now + 10);
		timer.unref();
		this.#graceTimers.set(podKey, timer);
	}

	#abort(key: string): void {
		this.#inFlight.get(key)?.abort();
		this.#inFlight.delete(key);
		this.#removeQueued(job => job.key === key);
	}

	#removeQueued(drop: (job: Job) => boolean): void {
		for (let index = this.#queue.length - 1; index >= 0; index--) if (drop(this.#queue[index])) this.#queue.splice(index, 1);
	}

	#checkIdle(): void {
		if (this.#queue.length > 0 || this.#inFlight.size > 0) return;
		for (const resolve of [...this.#idle]) resolve();
		this.#idle.clear();
	}
}
