// The cluster as kconsole last saw it: objects per watched kind plus the state of each kind's
// connection. Writers are the informers (watch-cluster.ts) or one sync (sync-once.ts); readers
// are the matcher glue (every change, synchronously) and the UI (batched, with `version`).
import {watchedKinds, type KubeObject, type WatchedKind} from '../core/objects/types.js';
import {BatchedSignal} from './batched-signal.js';
import {kindResources} from './kind-resources.js';

export type ConnectionStatus = 'connecting' | 'live' | 'retrying' | 'forbidden' | 'error';

export type ConnectionState = {
	status: ConnectionStatus;
	/** When the next attempt starts (ms since epoch), for "retrying in 4s". */
	retryAt?: number;
	/** Why it is not live: the server's message or the network error, one line. */
	message?: string;
};

export type StoreChange = {type: 'upsert' | 'remove'; kind: WatchedKind; object: KubeObject};

export class ClusterStore {
	readonly #objects = new Map<WatchedKind, Map<string, KubeObject>>();
	readonly #lists = new Map<WatchedKind, readonly KubeObject[]>();
	readonly #connections = new Map<WatchedKind, ConnectionState>();
	#connectionsView: ReadonlyMap<WatchedKind, ConnectionState> = new Map();
	readonly #changeListeners = new Set<(change: StoreChange) => void>();
	readonly #signal: BatchedSignal;
	#version = 0;
	#namespace: string | null = null;

	constructor(options: {batchMs?: number} = {}) {
		this.#signal = new BatchedSignal(options.batchMs);
		for (const kind of watchedKinds) {
			this.#objects.set(kind, new Map());
			this.#connections.set(kind, {status: 'connecting'});
		}
		this.#connectionsView = new Map(this.#connections);
	}

	/** Batched: called at most once per ~50 ms after any change (objects, connections, scope). */
	subscribe(listener: () => void): () => void {
		return this.#signal.subscribe(listener);
	}

	/** Every object change, synchronously, in order: for the matcher. */
	onChange(listener: (change: StoreChange) => void): () => void {
		this.#changeListeners.add(listener);
		return () => this.#changeListeners.delete(listener);
	}

	/** Grows with every change; a snapshot for useSyncExternalStore. */
	get version(): number {
		return this.#version;
	}

	/** The namespace namespaced kinds are watched in; null for all namespaces. */
	get namespace(): string | null {
		return this.#namespace;
	}

	/** Objects of one kind, in no particular order. The same array until that kind changes. */
	list(kind: WatchedKind): readonly KubeObject[] {
		let list = this.#lists.get(kind);
		if (!list) {
			list = [...this.#objects.get(kind)!.values()];
			this.#lists.set(kind, list);
		}
		return list;
	}

	get(kind: WatchedKind, namespace: string | null, name: string): KubeObject | undefined {
		return this.#objects.get(kind)!.get(namespace ? `${namespace}/${name}` : name);
	}

	/** Every object of every kind, for one-shot matching. */
	allObjects(): KubeObject[] {
		return watchedKinds.flatMap(kind => this.list(kind));
	}

	/** The same map until a connection changes. */
	connections(): ReadonlyMap<WatchedKind, ConnectionState> {
		return this.#connectionsView;
	}

	connection(kind: WatchedKind): ConnectionState {
		return this.#connections.get(kind)!;
	}

	/** True once every kind has answered, live or not: the first picture is complete. */
	settled(): boolean {
		return [...this.#connections.values()].every(state => state.status !== 'connecting');
	}

	// Writers.

	upsert(kind: WatchedKind, object: KubeObject): void {
		const objects = this.#objects.get(kind)!;
		const key = keyOf(object);
		const stored = objects.get(key);
		const version = object.metadata?.resourceVersion;
		// A relist hands back every object again; unchanged ones are no change.
		if (stored && version !== undefined && stored.metadata.resourceVersion === version) return;
		const complete = withKind(kind, object);
		objects.set(key, complete);
		this.#changed(kind, {type: 'upsert', kind, object: complete});
	}

	remove(kind: WatchedKind, object: KubeObject): void {
		const objects = this.#objects.get(kind)!;
		const key = keyOf(object);
		const stored = objects.get(key);
		if (!stored) return;
		objects.delete(key);
		this.#changed(kind, {type: 'remove', kind, object: stored});
	}

	/** After a full list: the kind holds exactly these objects (within the current scope). */
	replaceKind(kind: WatchedKind, objects: readonly KubeObject[]): void {
		const listed = new Set(objects.map(keyOf));
		for (const [key, stored] of this.#objects.get(kind)!) if (!listed.has(key)) this.remove(kind, stored);
		for (const object of objects) this.upsert(kind, object);
	}

	clearKind(kind: WatchedKind): void {
		for (const stored of [...this.#objects.get(kind)!.values()]) this.remove(kind, stored);
	}

	setConnection(kind: WatchedKind, state: ConnectionState): void {
		const current = this.#connections.get(kind)!;
		if (current.status === state.status && current.retryAt === state.retryAt && current.message === state.message) return;
		this.#connections.set(kind, state);
		this.#connectionsView = new Map(this.#connections);
		this.#bump();
	}

	/** Switches the namespace scope: namespaced kinds are emptied until their watchers list again. */
	setNamespace(namespace: string | null): void {
		if (namespace === this.#namespace) return;
		this.#namespace = namespace;
		for (const kind of watchedKinds) if (kindResources[kind].namespaced) this.clearKind(kind);
		this.#bump();
	}

	/** Stops pending notifications; the store keeps its contents. */
	close(): void {
		this.#signal.close();
	}

	#changed(kind: WatchedKind, change: StoreChange): void {
		this.#lists.delete(kind);
		for (const listener of [...this.#changeListeners]) listener(change);
		this.#bump();
	}

	#bump(): void {
		this.#version++;
		this.#signal.notify();
	}
}

function keyOf(object: KubeObject): string {
	const {namespace, name} = object.metadata;
	return namespace ? `${namespace}/${name}` : name;
}

// Items of a list response carry no kind or apiVersion; watch events and kubectl output do.
function withKind(kind: WatchedKind, object: KubeObject): KubeObject {
	if (object.kind === kind && object.apiVersion) return object;
	return {...object, kind, apiVersion: object.apiVersion ?? kindResources[kind].apiVersion};
}
