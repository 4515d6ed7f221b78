// Watch streaming: one subscription to the store fans each change out to every open watch.
// A frame is encoded once per event and representation, and watchers that were sent the same
// frames since the last flush are written the same bytes: no copy per client, however many watch.
import type {KubeObject} from '../../core/objects/types.js';
import type {ObjectStore, StoreEvent} from '../store/object-store.js';
import type {Resource} from '../store/resources.js';
import {type Predicate, parseFieldSelector, parseLabelSelector} from '../store/selectors.js';
import {StatusError, badRequest} from '../store/status-error.js';
import type {Exchange} from './exchange.js';
import {type Representation, renderObject, representationOf} from './representation.js';
import type {ResourceRoute} from './route.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

type Watcher = {
	resource: Resource;
	representation: Representation;
	/** Which cached frame of an event this watcher is sent, by event type: watchers with the same representation share it. */
	frameKeys: Record<EventType, string>;
	namespace?: string;
	labels?: Predicate;
	fields?: Predicate;
	/** Frames waiting for the next flush (one per event loop turn). */
	pending: Buffer[];
	send(bytes: Buffer): void;
	end(frame?: Buffer): void;
};

/** Bytes already made for one watcher's pending frames, offered to the next watcher whose frames are the same. */
type Batch = {frames: Buffer[]; bytes: Buffer};

export type WatchOptions = {bookmarkIntervalMs: number; now: () => number};

export class WatchHub {
	private readonly watchers = new Map<Resource, Set<Watcher>>();
	private readonly waiting = new Set<Watcher>();
	private flushScheduled = false;
	private readonly unsubscribe: () => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly options: WatchOptions,
	) {
		this.unsubscribe = store.subscribe(event => this.dispatch(event));
	}

	get size(): number {
		let total = 0;
		for (const set of this.watchers.values()) total += set.size;
		return total;
	}

	/** Serve `?watch=true` on a collection (or a single name, as a metadata.name field selector). */
	handle(exchange: Exchange, route: ResourceRoute): void {
		const query = exchange.query;
		const representation = representationOf(exchange.accept, query);
		let fieldSelector = query.get('fieldSelector') ?? '';
		if (route.name) fieldSelector = [fieldSelector, `metadata.name=${route.name}`].filter(Boolean).join(',');
		const rvText = query.get('resourceVersion') ?? '';
		const sendInitial = query.get('sendInitialEvents') === 'true';
		if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`invalid resource version: ${rvText}`);
		const timeoutSeconds = exchange.integer('timeoutSeconds');
		const watcher: Watcher = {
			resource: route.resource,
			representation,
			frameKeys: frameKeysOf(representation),
			namespace: route.namespace,
			labels: parseLabelSelector(query.get('labelSelector') ?? undefined),
			fields: parseFieldSelector(fieldSelector),
			pending: [],
			send: bytes => {
				if (!exchange.res.writableEnded) exchange.res.write(bytes);
			},
			end: frame => {
				if (frame) watcher.pending.push(frame);
				this.waiting.delete(watcher);
				if (watcher.pending.length > 0) watcher.send(Buffer.concat(watcher.pending));
				watcher.pending = [];
				exchange.res.end();
			},
		};
		exchange.head(200, 'application/json', {'Transfer-Encoding': 'chunked'});
		exchange.res.flushHeaders();

		if (rvText !== '' && rvText !== '0' && !sendInitial) {
			const history = this.store.eventsSince(Number(rvText));
			if (history === 'expired') {
				watcher.end(errorFrame(this.store.expiredError(Number(rvText))));
				return;
			}
			for (const event of history) if (event.resource === route.resource) this.deliver(watcher, event, new Map());
		} else {
			for (const object of this.store.list(route.resource, {namespace: route.namespace})) {
				if (this.matches(watcher, object)) this.write(watcher, frame('ADDED', renderObject(route.resource, object, representation, this.options.now())));
			}
			if (sendInitial) this.write(watcher, this.bookmark(route.resource, true));
		}

		let set = this.watchers.get(route.resource);
		if (!set) this.watchers.set(route.resource, (set = new Set()));
		set.add(watcher);
		const bookmarks = exchange.flag('allowWatchBookmarks');
		const bookmarkTimer = bookmarks ? setInterval(() => this.write(watcher, this.bookmark(route.resource, false)), this.options.bookmarkIntervalMs) : undefined;
		const timeout =
			timeoutSeconds && timeoutSeconds > 0
				? setTimeout(() => watcher.end(bookmarks ? this.bookmark(route.resource, false) : undefined), timeoutSeconds * 1000)
				: undefined;
		const close = () => {
			clearInterval(bookmarkTimer);
			clearTimeout(timeout);
			set.delete(watcher);
			this.waiting.delete(watcher);
		};
		exchange.res.on('close', close);
		exchange.onStop = () => watcher.end();
	}

	/** Fault injection: end every open watch, as an API server restart or a load balancer does. */
	closeAll(): number {
		const all = [...this.watchers.values()].flatMap(set => [...set]);
		for (const watcher of all) watcher.end();
		return all.length;
	}

	/** Fault injection: tell every open watch its resourceVersion is too old (ERROR 410) and end it. */
	expireAll(): number {
		const all = [...this.watchers.values()].flatMap(set => [...set]);
		const rv = this.store.resourceVersion;
		for (const watcher of all) watcher.end(errorFrame(new StatusError(410, 'Expired', `too old resource version: ${rv} (${rv + 1})`)));
		return all.length;
	}

	stop(): void {
		this.closeAll();
		this.unsubscribe();
	}

	private dispatch(event: StoreEvent): void {
		const set = this.watchers.get(event.resource);
		if (!set) return;
		const frames = new Map<string, Buffer>();
		for (const watcher of set) this.deliver(watcher, event, frames);
	}

	/** `frames` holds this event's frames by representation and type, made for the first watcher that needs each. */
	private deliver(watcher: Watcher, event: StoreEvent, frames: Map<string, Buffer>): void {
		const isNew = this.matches(watcher, event.object);
		const wasOld = event.old === undefined || this.matches(watcher, event.old);
		let type: EventType = event.type;
		if (isNew && !wasOld) type = 'ADDED';
		else if (!isNew && wasOld && event.old && event.type === 'MODIFIED') {
			// The object left the selection: a DELETED with its last matching state at the new version.
			const left: KubeObject = {...event.old, metadata: {...event.old.metadata, resourceVersion: String(event.rv)}};
			this.write(watcher, frame('DELETED', renderObject(event.resource, left, watcher.representation, this.options.now())));
			return;
		} else if (!isNew) {
			return;
		}
		const key = watcher.frameKeys[type];
		let bytes = frames.get(key);
		if (bytes === undefined) {
			bytes = frame(type, renderObject(event.resource, event.object, watcher.representation, this.options.now()));
			frames.set(key, bytes);
		}
		this.write(watcher, bytes);
	}

	private write(watcher: Watcher, frame: Buffer): void {
		watcher.pending.push(frame);
		this.waiting.add(watcher);
		if (this.flushScheduled) return;
		this.flushScheduled = true;
		setImmediate(() => this.flush());
	}

	/** Sends every watcher its pending frames; watchers with the same frames share one Buffer. */
	private flush(): void {
		this.flushScheduled = false;
		const batches = new Map<Buffer, Batch[]>();
		for (const watcher of this.waiting) {
			const frames = watcher.pending;
			watcher.pending = [];
			watcher.send(frames.length === 1 ? frames[0] : joined(frames, batches));
		}
		this.waiting.clear();
	}

	private matches(watcher: Watcher, object: KubeObject): boolean {
		if (watcher.namespace && object.metadata.namespace !== watcher.namespace) return false;
		if (watcher.labels && !watcher.labels(object)) return false;
		return !watcher.fields || watcher.fields(object);
	}

	private bookmark(resource: Resource, initialEventsEnd: boolean): Buffer {
		const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
		const metadata = {
			resourceVersion: String(this.store.resourceVersion),
			creationTimestamp: null,
			...(initialEventsEnd ? {annotations: {'k8s.io/initial-events-end': 'true'}} : {}),
		};
		return frame('BOOKMARK', JSON.stringify({kind: resource.kind, apiVersion, metadata}));
	}
}

function frameKeysOf(representation: Representation): Record<EventType, string> {
	const as = representation.as === 'table' ? `table:${representation.includeObject}` : representation.as;
	return {ADDED: `${as}:ADDED`, MODIFIED: `${as}:MODIFIED`, DELETED: `${as}:DELETED`};
}

const frameEnd = Buffer.from('}\n');

function frame(type: string, object: string | Buffer): Buffer {
	if (typeof object === 'string') return Buffer.from(`{"type":"${type}","object":${object}}\n`);
	return Buffer.concat([Buffer.from(`{"type":"${type}","object":`), object, frameEnd]);
}

function errorFrame(error: StatusError): Buffer {
	return frame('ERROR', JSON.stringify(error.toStatus()));
}

function joined(frames: Buffer[], batches: Map<Buffer, Batch[]>): Buffer {
	let candidates = batches.get(frames[0]);
	if (!candidates) batches.set(frames[0], (candidates = []));
	for (const batch of candidates) if (sameFrames(batch.frames, frames)) return batch.bytes;
	const bytes = Buffer.concat(frames);
	candidates.push({frames, bytes});
	return bytes;
}

function sameFrames(a: Buffer[], b: Buffer[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
