import type {KubeObject} from '../../core/objects/types.js';
import type {ObjectStore, StoreEvent} from '../store/object-store.js';
import type {Resource} from '../store/resources.js';

// Indexes the controllers share, kept current from the store's change stream: pods by
// namespace and by controlling owner, and every object by owner uid (for the garbage
// collector). Lookups stay cheap with tens of thousands of pods.

export type ObjectRef = {resource: Resource; namespace?: string; name: string};

export class ClusterIndex {
	private readonly podsByNamespace = new Map<string, Map<string, KubeObject>>();
	private readonly podsByOwner = new Map<string, Map<string, KubeObject>>();
	private readonly dependents = new Map<string, Map<string, ObjectRef>>();
	/** Last known owners per object key, to unindex references that were removed. */
	private readonly owners = new Map<string, string[]>();
	private readonly podOwner = new Map<string, string>();
	private readonly unsubscribe: () => void;

	constructor(store: ObjectStore) {
		this.unsubscribe = store.subscribe(event => this.apply(event));
	}

	stop(): void {
		this.unsubscribe();
	}

	podsIn(namespace: string): Iterable<KubeObject> {
		return this.podsByNamespace.get(namespace)?.values() ?? [];
	}

	/** Pods whose controller owner reference has this uid. */
	podsOwnedBy(uid: string): KubeObject[] {
		return [...(this.podsByOwner.get(uid)?.values() ?? [])];
	}

	/** Objects of any kind with an owner reference to this uid. */
	dependentsOf(uid: string): ObjectRef[] {
		return [...(this.dependents.get(uid)?.values() ?? [])];
	}

	namespacesWithPods(): string[] {
		return [...this.podsByNamespace.keys()];
	}

	private apply(event: StoreEvent): void {
		const {object, resource} = event;
		const key = `${resource.name}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
		const deleted = event.type === 'DELETED';
		if (resource.kind === 'Pod') {
			const namespace = object.metadata.namespace!;
			let byName = this.podsByNamespace.get(namespace);
			if (deleted) {
				byName?.delete(object.metadata.name);
				if (byName?.size === 0) this.podsByNamespace.delete(namespace);
			} else {
				if (!byName) this.podsByNamespace.set(namespace, (byName = new Map()));
				byName.set(object.metadata.name, object);
			}
			const owner = deleted ? undefined : controllerOf(object);
			const previous = this.podOwner.get(key);
			if (previous && previous !== owner) removeFrom(this.podsByOwner, previous, key);
			if (owner) {
				addTo(this.podsByOwner, owner, key, object);
				this.podOwner.set(key, owner);
			} else {
				this.podOwner.delete(key);
			}
		}
		const owners = deleted ? [] : (object.metadata.ownerReferences ?? []).map(reference => reference.uid);
		for (const uid of this.owners.get(key) ?? []) if (!owners.includes(uid)) removeFrom(this.dependents, uid, key);
		for (const uid of owners) addTo(this.dependents, uid, key, {resource, namespace: object.metadata.namespace, name: object.metadata.name});
		if (owners.length > 0) this.owners.set(key, owners);
		else this.owners.delete(key);
	}
}

function addTo<T>(index: Map<string, Map<string, T>>, uid: string, key: string, value: T): void {
	let entries = index.get(uid);
	if (!entries) index.set(uid, (entries = new Map()));
	entries.set(key, value);
}

function removeFrom<T>(index: Map<string, Map<string, T>>, uid: string, key: string): void {
	const entries = index.get(uid);
	entries?.delete(key);
	if (entries?.size === 0) index.delete(uid);
}

/** The uid of the object's controlling owner. */
export function controllerOf(object: KubeObject): string | undefined {
	return object.metadata.ownerReferences?.find(reference => reference.controller)?.uid;
}
