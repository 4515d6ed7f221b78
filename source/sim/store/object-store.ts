import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import {IdleSerializer} from './idle-serializer.js';
import {copyOf, forgetBytes, objectJson} from './object-json.js';
import {type Resource, apiVersionOf, resourceFor} from './resources.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';
import {StatusError, alreadyExists, conflict, expired, forbidden, invalid, notFound} from './status-error.js';

// Objects held by the store are never mutated in place: every change stores a new object,
// so lists and watch events can share references without copying. Each object is serialized
// once, in the turns after it is stored, so a first list of 30,000 objects copies cached bytes.

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** `old` is the previous state for MODIFIED and DELETED (watches with selectors need it). */
export type StoreEvent = {type: WatchEventType; resource: Resource; object: KubeObject; rv: number; old?: KubeObject};

export type ListOptions = {namespace?: string; labelSelector?: string; fieldSelector?: string};

export type WriteOptions = {
	dryRun?: boolean;
	/** `status` writes only status; other writes keep the stored status (kinds with a status subresource). */
	subresource?: 'status';
	/** Controllers write spec and status together. */
	internal?: boolean;
};

/** Defaulting and validation on create (old undefined) and update: mutate `object` or throw a StatusError. */
export type Admission = (resource: Resource, object: KubeObject, old: KubeObject | undefined) => void;

const namespaces = resourceFor('Namespace');
const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export class ObjectStore {
	private readonly objects = new Map<Resource, Map<string, Map<string, KubeObject>>>();
	private readonly sorted = new Map<Resource, KubeObject[]>();
	private readonly listeners = new Set<(event: StoreEvent) => void>();
	private readonly admissions: Admission[] = [];
	private history: StoreEvent[] = [];
	private compactedRv: number;
	private currentRv = 1000;
	private readonly queue: StoreEvent[] = [];
	private delivering = false;
	private readonly historyLimit: number;
	private readonly serializer = new IdleSerializer((resource, object) => this.get(resource, object.metadata.namespace, object.metadata.name) === object);

	constructor(private readonly clock: Clock, options: {historyLimit?: number} = {}) {
		this.historyLimit = options.historyLimit ?? 100_000;
		this.compactedRv = this.currentRv;
	}

	get resourceVersion(): number {
		return this.currentRv;
	}

	addAdmission(admission: Admission): void {
		this.admissions.push(admission);
	}

	/** Listeners run after each change, in order; a write made inside a listener is delivered after the current event. */
	subscribe(listener: (event: StoreEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	get(resource: Resource, namespace: string | undefined, name: string): KubeObject | undefined {
		return this.objects.get(resource)?.get(resource.namespaced ? namespace ?? '' : '')?.get(name);
	}

	/** Sorted by namespace, then name. */
	list(resource: Resource, options: ListOptions = {}): KubeObject[] {
		const labels = parseLabelSelector(options.labelSelector);
		const fields = parseFieldSelector(options.fieldSelector);
		let items: KubeObject[];
		if (resource.namespaced && options.namespace) {
			const byName = this.objects.get(resource)?.get(options.namespace);
			items = byName ? [...byName.values()].sort(compareNames) : [];
		} else {
			items = this.sortedAll(resource);
		}
		if (labels) items = items.filter(labels);
		if (fields) items = items.filter(fields);
		return items;
	}

	count(resource: Resource): number {
		let total = 0;
		for (const byName of this.objects.get(resource)?.values() ?? []) total += byName.size;
		return total;
	}

	create(resource: Resource, input: KubeObject, options: WriteOptions = {}): KubeObject {
		const object = structuredClone(input);
		object.apiVersion = apiVersionOf(resource);
		object.kind = resource.kind;
		object.metadata ??= {name: ''};
		const meta = object.metadata;
		if (!resource.namespaced) delete meta.namespace;
		if (!meta.name && meta.generateName) meta.name = this.generateName(resource, meta.namespace, meta.generateName);
		if (!meta.name) throw invalid(resource, '', 'metadata.name', 'Required value: name or generateName is required');
		this.validateName(resource, meta.name);
		if (resource.namespaced) {
			if (!meta.namespace) throw invalid(resource, meta.name, 'metadata.namespace', 'Required value');
			const namespace = this.objects.get(namespaces)?.get('')?.get(meta.namespace);
			if (!namespace) throw new StatusError(404, 'NotFound', `namespaces "${meta.namespace}" not found`, {name: meta.namespace, kind: 'namespaces'});
			if (namespace.metadata.deletionTimestamp && resource.kind !== 'Event') {
				throw forbidden(`${resource.name} "${meta.name}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`, {
					name: meta.name,
					kind: resource.name,
				});
			}
		}
		if (this.get(resource, meta.namespace, meta.name)) throw alreadyExists(resource, meta.name);
		delete meta.deletionTimestamp;
		delete meta.resourceVersion;
		meta.uid = randomUUID();
		meta.creationTimestamp = this.clock.iso();
		if (object.spec !== undefined) meta.generation = 1;
		for (const admission of this.admissions) admission(resource, object, undefined);
		if (options.dryRun) return object;
		meta.resourceVersion = String(++this.currentRv);
		this.put(resource, object);
		this.emit({type: 'ADDED', resource, object, rv: this.currentRv});
		return object;
	}

	/** PUT semantics: optimistic concurrency when the input carries a resourceVersion; a no-op keeps the version. */
	replace(resource: Resource, input: KubeObject, options: WriteOptions = {}): KubeObject {
		const name = input.metadata?.name;
		const namespace = resource.namespaced ? input.metadata?.namespace : undefined;
		const old = name ? this.get(resource, namespace, name) : undefined;
		if (!old || !name) throw notFound(resource, name ?? '');
		if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(resource, name);
		const object = structuredClone(input);
		object.apiVersion = old.apiVersion;
		object.kind = old.kind;
		const meta = object.metadata;
		meta.uid = old.metadata.uid;
		meta.creationTimestamp = old.metadata.creationTimestamp;
		meta.namespace = old.metadata.namespace;
		if (!resource.namespaced) delete meta.namespace;
		if (old.metadata.deletionTimestamp) {
			meta.deletionTimestamp = old.metadata.deletionTimestamp;
			meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
		} else if (!options.internal) {
			delete meta.deletionTimestamp;
			delete meta.deletionGracePeriodSeconds;
		}
		if (!options.internal && resource.subresources?.includes('status')) {
			if (options.subresource === 'status') object.spec = old.spec;
			else object.status = old.status;
		}
		meta.generation = old.metadata.generation;
		if (old.spec !== undefined && JSON.stringify(object.spec) !== JSON.stringify(old.spec)) meta.generation = (old.metadata.generation ?? 0) + 1;
		for (const admission of this.admissions) admission(resource, object, old);
		meta.resourceVersion = old.metadata.resourceVersion;
		if (JSON.stringify(object) === objectJson(old)) return old;
		if (options.dryRun) return object;
		meta.resourceVersion = String(++this.currentRv);
		if (this.finished(object)) {
			this.drop(resource, object);
			this.emit({type: 'DELETED', resource, object, rv: this.currentRv, old});
			return object;
		}
		this.put(resource, object);
		this.emit({type: 'MODIFIED', resource, object, rv: this.currentRv, old});
		return object;
	}

	/** Read, change a copy, write back: how controllers update objects. */
	mutate(resource: Resource, namespace: string | undefined, name: string, change: (draft: KubeObject) => void, options: WriteOptions = {}): KubeObject {
		const old = this.get(resource, namespace, name);
		if (!old) throw notFound(resource, name);
		const draft = copyOf(old);
		change(draft);
		return this.replace(resource, draft, {internal: true, ...options});
	}

	/**
	 * Graceful deletion: objects with finalizers, namespaces and scheduled pods (grace > 0) get a
	 * deletionTimestamp and stay until their finalizers are gone or the kubelet finishes them.
	 */
	delete(resource: Resource, namespace: string | undefined, name: string, options: WriteOptions & {gracePeriodSeconds?: number} = {}): KubeObject {
		const old = this.get(resource, namespace, name);
		if (!old) throw notFound(resource, name);
		const object = copyOf(old);
		const meta = object.metadata;
		let grace = 0;
		if (resource.kind === 'Pod' && object.spec?.nodeName) {
			grace = options.gracePeriodSeconds ?? meta.deletionGracePeriodSeconds ?? object.spec?.terminationGracePeriodSeconds ?? 30;
		}
		const stays = (meta.finalizers?.length ?? 0) > 0 || grace > 0 || (resource.kind === 'Namespace' && (object.spec?.finalizers?.length ?? 0) > 0);
		if (options.dryRun) return object;
		if (!stays) {
			meta.resourceVersion = String(++this.currentRv);
			this.drop(resource, object);
			this.emit({type: 'DELETED', resource, object, rv: this.currentRv, old});
			return object;
		}
		meta.deletionTimestamp ??= this.clock.iso(this.clock.now() + grace * 1000);
		meta.deletionGracePeriodSeconds = Math.min(grace, meta.deletionGracePeriodSeconds ?? grace);
		if (resource.kind === 'Namespace') object.status = {...object.status, phase: 'Terminating'};
		if (JSON.stringify(object) === objectJson(old)) return old;
		meta.resourceVersion = String(++this.currentRv);
		this.put(resource, object);
		this.emit({type: 'MODIFIED', resource, object, rv: this.currentRv, old});
		return object;
	}

	/** Events after `rv` (oldest first), or 'expired' when history no longer reaches back that far. */
	eventsSince(rv: number): StoreEvent[] | 'expired' {
		if (rv < this.compactedRv) return 'expired';
		let low = 0;
		let high = this.history.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.history[middle].rv <= rv) low = middle + 1;
			else high = middle;
		}
		return this.history.slice(low);
	}

	/** The error a watch from `rv` gets when history no longer reaches back that far. */
	expiredError(rv: number): StatusError {
		return expired(rv, this.compactedRv);
	}

	/** Forget all history: older resourceVersions expire (fault injection, and the history limit). */
	compact(): void {
		this.history = [];
		this.compactedRv = this.currentRv;
	}

	private finished(object: KubeObject): boolean {
		const meta = object.metadata;
		if (!meta.deletionTimestamp || (meta.finalizers?.length ?? 0) > 0) return false;
		if (object.kind === 'Namespace') return (object.spec?.finalizers?.length ?? 0) === 0;
		if (object.kind === 'Pod') return meta.deletionGracePeriodSeconds === 0;
		return true;
	}

	private put(resource: Resource, object: KubeObject): void {
		let byNamespace = this.objects.get(resource);
		if (!byNamespace) this.objects.set(resource, (byNamespace = new Map()));
		const namespace = object.metadata.namespace ?? '';
		let byName = byNamespace.get(namespace);
		if (!byName) byNamespace.set(namespace, (byName = new Map()));
		const previous = byName.get(object.metadata.name);
		byName.set(object.metadata.name, object);
		if (previous) forgetBytes(previous);
		this.serializer.add(resource, object);
		this.sorted.delete(resource);
	}

	private drop(resource: Resource, object: KubeObject): void {
		const byName = this.objects.get(resource)?.get(object.metadata.namespace ?? '');
		const previous = byName?.get(object.metadata.name);
		byName?.delete(object.metadata.name);
		if (previous) forgetBytes(previous);
		this.sorted.delete(resource);
	}

	private sortedAll(resource: Resource): KubeObject[] {
		let items = this.sorted.get(resource);
		if (!items) {
			items = [];
			for (const byName of this.objects.get(resource)?.values() ?? []) for (const object of byName.values()) items.push(object);
			items.sort(compareNames);
			this.sorted.set(resource, items);
		}
		return items;
	}

	private emit(event: StoreEvent): void {
		this.history.push(event);
		if (this.history.length > this.historyLimit * 1.25) {
			const dropped = this.history.length - this.historyLimit;
			this.compactedRv = this.history[dropped - 1].rv;
			this.history = this.history.slice(dropped);
		}
		this.queue.push(event);
		if (this.delivering) return;
		this.delivering = true;
		try {
			for (let next = this.queue.shift(); next; next = this.queue.shift()) {
				for (const listener of this.listeners) listener(next);
			}
		} finally {
			this.delivering = false;
		}
	}

	private generateName(resource: Resource, namespace: string | undefined, prefix: string): string {
		for (;;) {
			let suffix = '';
			for (let i = 0; i < 5; i++) suffix += nameAlphabet[Math.floor(Math.random() * nameAlphabet.length)];
			const name = `${prefix}${suffix}`;
			if (!this.get(resource, namespace, name)) return name;
		}
	}

	private validateName(resource: Resource, name: string): void {
		const label = resource.kind === 'Namespace' || resource.kind === 'Service';
		const ok = label ? dns1123Label.test(name) && name.length <= 63 : dns1123Subdomain.test(name) && name.length <= 253;
		if (!ok && !resource.kind.startsWith('ClusterRole')) {
			const rule = label
				? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
				: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
			throw invalid(resource, name, 'metadata.name', `Invalid value: "${name}": ${rule}`);
		}
	}
}

function compareNames(a: KubeObject, b: KubeObject): number {
	const namespaceA = a.metadata.namespace ?? '';
	const namespaceB = b.metadata.namespace ?? '';
	if (namespaceA !== namespaceB) return namespaceA < namespaceB ? -1 : 1;
	return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
