import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import type {Resource} from '../store/resources.js';
import type {ClusterIndex} from './cluster-index.js';
import {WorkQueue} from './work-queue.js';

// The garbage collector: when an owner is gone, its dependents go too (background
// propagation); an owner held by the `orphan` finalizer releases its dependents, and one held
// by `foregroundDeletion` waits until they are gone.

type Owner = {uid: string; resource: Resource; namespace?: string; name: string};

export class GarbageCollector {
	private readonly queue: WorkQueue;
	private readonly owners = new Map<string, Owner>();
	private readonly unsubscribe: () => void;

	constructor(
		private readonly store: ObjectStore,
		clock: Clock,
		private readonly index: ClusterIndex,
	) {
		this.queue = new WorkQueue(clock, uid => this.sync(uid));
		this.unsubscribe = store.subscribe(event => {
			const {object, resource} = event;
			const uid = object.metadata.uid;
			if (!uid) return;
			const finalizers = object.metadata.finalizers ?? [];
			const held = object.metadata.deletionTimestamp && (finalizers.includes('orphan') || finalizers.includes('foregroundDeletion'));
			if (event.type === 'DELETED' || held) {
				this.owners.set(uid, {uid, resource, namespace: object.metadata.namespace, name: object.metadata.name});
				this.queue.add(uid);
			}
			if (event.type === 'DELETED') {
				// A dependent disappearing may let a foreground deletion finish.
				for (const reference of object.metadata.ownerReferences ?? []) if (this.owners.has(reference.uid)) this.queue.add(reference.uid);
			}
		});
	}

	stop(): void {
		this.unsubscribe();
		this.queue.stop();
	}

	private sync(uid: string): void {
		const owner = this.owners.get(uid);
		if (!owner) return;
		const current = this.store.get(owner.resource, owner.namespace, owner.name);
		const live = current?.metadata.uid === uid ? current : undefined;
		const dependents = this.index.dependentsOf(uid);
		if (live?.metadata.finalizers?.includes('orphan')) {
			for (const dependent of dependents) {
				this.store.mutate(dependent.resource, dependent.namespace, dependent.name, draft => {
					draft.metadata.ownerReferences = draft.metadata.ownerReferences?.filter(reference => reference.uid !== uid);
					if (draft.metadata.ownerReferences?.length === 0) delete draft.metadata.ownerReferences;
				});
			}
			this.removeFinalizer(owner, 'orphan');
			return;
		}
		for (const dependent of dependents) {
			const object = this.store.get(dependent.resource, dependent.namespace, dependent.name);
			if (object && !object.metadata.deletionTimestamp) this.store.delete(dependent.resource, dependent.namespace, dependent.name);
		}
		if (live?.metadata.finalizers?.includes('foregroundDeletion')) {
			if (this.index.dependentsOf(uid).length === 0) this.removeFinalizer(owner, 'foregroundDeletion');
			return;
		}
		if (!live) this.owners.delete(uid);
	}

	private removeFinalizer(owner: Owner, finalizer: string): void {
		this.store.mutate(owner.resource, owner.namespace, owner.name, draft => {
			draft.metadata.finalizers = draft.metadata.finalizers?.filter(name => name !== finalizer);
		});
		this.owners.delete(owner.uid);
	}
}
