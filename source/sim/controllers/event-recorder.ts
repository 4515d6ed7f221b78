import type {KubeObject} from '../../core/objects/types.js';
import type {Clock, Timer} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';

// Events as client-go's recorder writes them: one object per (source, involved object, type,
// reason, message) that repeats within ten minutes, its count and lastTimestamp bumped on
// each repeat; the apiserver forgets them an hour after they were last seen.

export type EventOptions = {
	type: 'Normal' | 'Warning';
	reason: string;
	message: string;
	/** kubelet, deployment-controller, replicaset-controller, … */
	component: string;
	/** The node, for kubelet events. */
	host?: string;
	/** `spec.containers{app}` for events about one container. */
	fieldPath?: string;
};

const events = resourceFor('Event');
const aggregationWindowMs = 10 * 60_000;
const eventTtlMs = 60 * 60_000;

type Seen = {namespace: string; name: string; lastSeen: number};

export class EventRecorder {
	private readonly seen = new Map<string, Seen>();
	private sequence = 0n;
	private readonly expiry: Timer;

	constructor(private readonly store: ObjectStore, private readonly clock: Clock) {
		this.expiry = clock.every(10 * 60_000, () => this.expire());
	}

	stop(): void {
		this.expiry.cancel();
	}

	/** Record a core/v1 event about `involved`; aggregated like a real cluster's recorder. */
	record(involved: KubeObject, options: EventOptions): void {
		const now = this.clock.now();
		const namespace = involved.metadata.namespace ?? 'default';
		const key = [options.component, options.host ?? '', involved.kind, namespace, involved.metadata.name, involved.metadata.uid, options.fieldPath ?? '', options.type, options.reason, options.message].join('\u0000');
		const previous = this.seen.get(key);
		if (previous && now - previous.lastSeen <= aggregationWindowMs && this.store.get(events, previous.namespace, previous.name)) {
			previous.lastSeen = now;
			this.store.mutate(events, previous.namespace, previous.name, draft => {
				draft.count = ((draft.count as number | undefined) ?? 1) + 1;
				draft.lastTimestamp = this.clock.iso(now);
			});
			return;
		}
		const name = this.eventName(involved.metadata.name, now);
		const created = this.create({
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name, namespace},
			involvedObject: this.reference(involved, options.fieldPath),
			reason: options.reason,
			message: options.message,
			source: options.host ? {component: options.component, host: options.host} : {component: options.component},
			firstTimestamp: this.clock.iso(now),
			lastTimestamp: this.clock.iso(now),
			count: 1,
			type: options.type,
			eventTime: null,
			reportingComponent: options.component,
			reportingInstance: options.host ?? '',
		});
		if (created) this.seen.set(key, {namespace, name, lastSeen: now});
	}

	/** An events.k8s.io/v1 event as the scheduler writes it (eventTime, action; no counts). */
	recordSeries(involved: KubeObject, options: {type: 'Normal' | 'Warning'; reason: string; message: string; action: string; component: string; instance: string}): void {
		const now = this.clock.now();
		this.create({
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name: this.eventName(involved.metadata.name, now), namespace: involved.metadata.namespace ?? 'default'},
			involvedObject: this.reference(involved),
			reason: options.reason,
			message: options.message,
			source: {},
			firstTimestamp: null,
			lastTimestamp: null,
			type: options.type,
			eventTime: this.clock.isoMicro(now),
			action: options.action,
			reportingComponent: options.component,
			reportingInstance: options.instance,
		});
	}

	private create(event: KubeObject): boolean {
		try {
			this.store.create(events, event);
			return true;
		} catch {
			// The namespace is gone: a real recorder drops the event too.
			return false;
		}
	}

	private reference(involved: KubeObject, fieldPath?: string): Record<string, string> {
		return {
			kind: involved.kind,
			...(involved.metadata.namespace ? {namespace: involved.metadata.namespace} : {}),
			name: involved.metadata.name,
			uid: involved.metadata.uid ?? '',
			apiVersion: involved.apiVersion,
			...(involved.metadata.resourceVersion ? {resourceVersion: involved.metadata.resourceVersion} : {}),
			...(fieldPath ? {fieldPath} : {}),
		};
	}

	/** `<object>.<hex nanoseconds>`, as client-go names events. */
	private eventName(objectName: string, now: number): string {
		this.sequence++;
		return `${objectName}.${(BigInt(now) * 1_000_000n + this.sequence).toString(16)}`;
	}

	private expire(): void {
		const cutoff = this.clock.now() - eventTtlMs;
		for (const event of this.store.list(events)) {
			const last = Date.parse((event.lastTimestamp as string | null) ?? (event.eventTime as string | null) ?? event.metadata.creationTimestamp ?? '');
			if (last < cutoff) {
				try {
					this.store.delete(events, event.metadata.namespace, event.metadata.name);
				} catch {
					// Deleted meanwhile with its namespace.
				}
			}
		}
		for (const [key, seen] of this.seen) if (seen.lastSeen < cutoff) this.seen.delete(key);
	}
}
