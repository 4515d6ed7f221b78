// Keeps a ClusterStore equal to the cluster: one client-node informer per watched kind. A 410
// relists inside the informer; any other error stops a client-node 1.4 informer for good, so
// each kind is restarted here with capped backoff, and its connection state says what happens.
import {createInterface} from 'node:readline';
import * as k8s from '@kubernetes/client-node';
import {watchedKinds, type KubeObject, type WatchedKind} from '../core/objects/types.js';
import {backoffDelay, watchBackoff, type BackoffPolicy} from './backoff.js';
import type {ClusterStore, ConnectionState} from './cluster-store.js';
import {describeCause} from './connection-error.js';
import {collectionPath, kindResources, type KindResource} from './kind-resources.js';
import {KubeApiError, kubeRequest} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';
import {listObjects} from './list-objects.js';

export type ClusterWatch = {
	/** The namespace namespaced kinds are watched in; null: all namespaces. */
	readonly namespace: string | null;
	/** Restarts the namespaced informers in another namespace (null: all); cluster-scoped ones keep running. */
	setNamespace(namespace: string | null): void;
	stop(): Promise<void>;
};

export type WatchOptions = {kinds?: readonly WatchedKind[]; backoff?: BackoffPolicy};

export function watchCluster(target: KubeTarget, store: ClusterStore, options: WatchOptions = {}): ClusterWatch {
	const kinds = options.kinds ?? watchedKinds;
	let namespace = target.allNamespaces ? null : target.namespace;
	store.setNamespace(namespace);
	const watchers = new Map<WatchedKind, KindWatcher>();
	const start = (kind: WatchedKind) => {
		const watcher = new KindWatcher(target, store, kindResources[kind], namespace, options.backoff ?? watchBackoff);
		watchers.set(kind, watcher);
		watcher.start();
	};
	for (const kind of kinds) start(kind);
	return {
		get namespace() {
			return namespace;
		},
		setNamespace(next) {
			if (next === namespace) return;
			namespace = next;
			const restarted = kinds.filter(kind => kindResources[kind].namespaced);
			for (const kind of restarted) void watchers.get(kind)!.stop();
			store.setNamespace(next);
			for (const kind of restarted) start(kind);
		},
		async stop() {
			await Promise.all([...watchers.values()].map(async watcher => watcher.stop()));
		},
	};
}

// Objects cross client-node typed as its own classes; on the wire they are plain JSON, which is what we keep.
type WireObject = k8s.KubernetesObject;

type Attempt = {informer: k8s.ListWatch<WireObject>; watch: StreamWatch; abort: AbortController};

class KindWatcher {
	#stopped = false;
	#failures = 0;
	#liveSince: number | undefined;
	#attempt: Attempt | undefined;
	#retryTimer: NodeJS.Timeout | undefined;

	constructor(
		readonly target: KubeTarget,
		readonly store: ClusterStore,
		readonly resource: KindResource,
		readonly namespace: string | null,
		readonly backoff: BackoffPolicy,
	) {}

	start(): void {
		this.store.setConnection(this.resource.kind, {status: 'connecting'});
		this.#run();
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		clearTimeout(this.#retryTimer);
		await this.#close();
	}

	#run(): void {
		const {kind} = this.resource;
		const path = collectionPath(this.resource, this.namespace);
		const abort = new AbortController();
		const watch = new StreamWatch(this.target);
		const current = (): boolean => !this.#stopped && this.#attempt === attempt;
		const list = async () => {
			// A server that accepts but never answers must not leave the kind connecting forever.
			const listed = await listObjects(this.target, path, {signal: abort.signal, timeoutMs: 60_000});
			if (!current()) throw new Error('superseded');
			this.store.replaceKind(kind, listed.items);
			this.store.setConnection(kind, {status: 'live'});
			this.#liveSince = Date.now();
			return listed as unknown as k8s.KubernetesListObject<WireObject>;
		};
		const informer = new k8s.ListWatch<WireObject>(path, watch, list, false);
		const attempt: Attempt = {informer, watch, abort};
		this.#attempt = attempt;
		informer.on('add', object => current() && this.store.upsert(kind, object as KubeObject));
		informer.on('update', object => current() && this.store.upsert(kind, object as KubeObject));
		informer.on('delete', object => current() && this.store.remove(kind, object as KubeObject));
		informer.on('error', error => current() && this.#failed(error));
		informer.start().catch((error: unknown) => current() && this.#failed(error));
	}

	#failed(error: unknown): void {
		void this.#close();
		// A watch that stayed up a while was a success: start the backoff over.
		if (this.#liveSince !== undefined && Date.now() - this.#liveSince > this.backoff.maxMs) this.#failures = 0;
		this.#liveSince = undefined;
		const delay = backoffDelay(this.#failures++, this.backoff);
		const state = failureState(error, this.target, Date.now() + delay);
		// Objects we may no longer read would only mislead.
		if (state.status === 'forbidden') this.store.clearKind(this.resource.kind);
		this.store.setConnection(this.resource.kind, state);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = undefined;
			if (!this.#stopped) this.#run();
		}, delay);
	}

	async #close(): Promise<void> {
		const attempt = this.#attempt;
		this.#attempt = undefined;
		if (!attempt) return;
		attempt.abort.abort();
		attempt.watch.close();
		await attempt.informer.stop();
	}
}

function failureState(error: unknown, target: KubeTarget, retryAt: number): ConnectionState {
	const message = describeCause(error, target);
	if (error instanceof KubeApiError && error.status === 403) return {status: 'forbidden', retryAt, message: error.message};
	// The server does not serve this kind (an old cluster without IngressClass, say): retried, but not "retrying".
	if (error instanceof KubeApiError && error.status === 404) return {status: 'error', retryAt, message};
	return {status: 'retrying', retryAt, message};
}

/**
 * The watch request under client-node's informer. client-node's own Watch cannot be cancelled
 * until the server answers (so a stopped informer could still open watches) and drops the
 * server's error message; this one goes through kubeRequest, honours close() at any moment and
 * reports a bad status as a KubeApiError (with the statusCode the informer reads for 410).
 */
class StreamWatch extends k8s.Watch {
	readonly #target: KubeTarget;
	readonly #open = new Set<AbortController>();
	#closed = false;

	constructor(target: KubeTarget) {
		super(target.kubeConfig);
		this.#target = target;
	}

	override async watch(path: string, queryParams: Record<string, string | number | boolean | undefined>, callback: (phase: string, object: any, event?: any) => void, done: (error: any) => void): Promise<AbortController> {
		const controller = new AbortController();
		// After close() the attempt is over: nothing opens and nobody is told.
		if (this.#closed) return controller;
		this.#open.add(controller);
		let finished = false;
		const finish = (error: unknown) => {
			if (finished) return;
			finished = true;
			this.#open.delete(controller);
			controller.abort();
			done(error);
		};
		const query = new URLSearchParams({watch: 'true'});
		for (const [key, value] of Object.entries(queryParams)) if (value !== undefined) query.set(key, String(value));
		try {
			const response = await kubeRequest(this.#target, `${path}?${query}`, {signal: controller.signal, timeoutMs: 30_000});
			// A peer that vanished without closing would otherwise hold the watch forever.
			response.socket?.setKeepAlive(true, 30_000);
			response.on('error', finish);
			const lines = createInterface({input: response, crlfDelay: Number.POSITIVE_INFINITY});
			lines.on('line', line => {
				let event: {type?: string; object?: unknown};
				try {
					event = JSON.parse(line);
				} catch {
					return;
				}
				if (event.type) callback(event.type, event.object, event);
			});
			lines.on('error', finish);
			lines.on('close', () => finish(null));
		} catch (error) {
			finish(error);
		}
		return controller;
	}

	close(): void {
		this.#closed = true;
		for (const controller of this.#open) controller.abort();
		this.#open.clear();
	}
}
