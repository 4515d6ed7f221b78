// Watch streaming: one subscription to the store fans each change out to every open watch.
// A frame is serialized once per event and representation and the same string is written to
// every watcher that wants it.
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
	representationKey: string;
	namespace?: string;
	labels?: Predicate;
	fields?: Predicate;
	pending: string[];
	write(frame: string): void;
	end(frame?: string): void;
};

export type WatchOptions = {bookmarkIntervalMs: number; now: () => number};

export class WatchHub {
	private readonly watchers = new Map<Resource, Set<Watcher>>();
	private readonly frames = new WeakMap<StoreEvent, Map<string, string>>();
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
			representationKey: representation.as === 'table' ? `table:${representation.includeObject}` : representation.as,
			namespace: route.namespace,
			labels: parseLabelSelector(query.get('labelSelector') ?? undefined),
			fields: parseFieldSelector(fieldSelector),
			pending: [],
			write: frame => {
				watcher.pending.push(frame);
				if (watcher.pending.length === 1) setImmediate(flush);
			},
			end: frame => {
				if (frame) watcher.pending.push(frame);
				flush();
				exchange.res.end();
			},
		};
		const flush = () => {
			if (watcher.pending.length === 0 || exchange.res.writableEnded) return;
			exchange.res.write(watcher.pending.join(''));
			watcher.pending = [];
		};
		exchange.head(200, 'application/json', {'Transfer-Encoding': 'chunked'});
		exchange.res.flushHeaders();

		if (rvText !== '' && rvText !== '0' && !sendInitial) {
			const history = this.store.eventsSince(Number(rvText));
			if (history === 'expired') {
				watcher.end(errorFrame(this.store.expiredError(Number(rvText))));
				return;
			}
			for (const event of history) if (event.resource === route.resource) this.deliver(watcher, event);
		} else {
			for (const object of this.store.list(route.resource, {namespace: route.namespace})) {
				if (this.matches(watcher, object)) watcher.write(frame('ADDED', renderObject(route.resource, object, representation, this.options.now())));
			}
			if (sendInitial) watcher.write(this.bookmark(route.resource, true));
		}

		let set = this.watchers.get(route.resource);
		if (!set) this.watchers.set(route.resource, (set = new Set()));
		set.add(watcher);
		const bookmarks = exchange.flag('allowWatchBookmarks');
		const bookmarkTimer = bookmarks ? setInterval(() => watcher.write(this.bookmark(route.resource, false)), this.options.bookmarkIntervalMs) : undefined;
		const timeout =
			timeoutSeconds && timeoutSeconds > 0
				? setTimeout(() => watcher.end(bookmarks ? this.bookmark(route.resource, false) : undefined), timeoutSeconds * 1000)
				: undefined;
		const close = () => {
			clearInterval(bookmarkTimer);
			clearTimeout(timeout);
			set.delete(watcher);
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
		for (const watcher of set) this.deliver(watcher, event);
	}

	private deliver(watcher: Watcher, event: StoreEvent): void {
		const isNew = this.matches(watcher, event.object);
		const wasOld = event.old === undefined || this.matches(watcher, event.old);
		let type: EventType = event.type;
		if (isNew && !wasOld) type = 'ADDED';
		else if (!isNew && wasOld && event.old && event.type === 'MODIFIED') {
			// The object left the selection: a DELETED with its last matching state at the new version.
			const left: KubeObject = {...event.old, metadata: {...event.old.metadata, resourceVersion: String(event.rv)}};
			watcher.write(frame('DELETED', renderObject(event.resource, left, watcher.representation, this.options.now())));
			return;
		} else if (!isNew) {
			return;
		}
		const key = `${watcher.representationKey}:${type}`;
		let cache = this.frames.get(event);
		if (!cache) this.frames.set(event, (cache = new Map()));
		let text = cache.get(key);
		if (text === undefined) {
			text = frame(type, renderObject(event.resource, event.object, watcher.representation, this.options.now()));
			cache.set(key, text);
		}
		watcher.write(text);
	}

	private matches(watcher: Watcher, object: KubeObject): boolean {
		if (watcher.namespace && object.metadata.namespace !== watcher.namespace) return false;
		if (watcher.labels && !watcher.labels(object)) return false;
		return !watcher.fields || watcher.fields(object);
	}

	private bookmark(resource: Resource, initialEventsEnd: boolean): string {
		const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
		const metadata = {
			resourceVersion: String(this.store.resourceVersion),
			creationTimestamp: null,
			...(initialEventsEnd ? {annotations: {'k8s.io/initial-events-end': 'true'}} : {}),
		};
		return frame('BOOKMARK', JSON.stringify({kind: resource.kind, apiVersion, metadata}));
	}
}

function frame(type: string, objectJson: string): string {
	return `{"type":"${type}","object":${objectJson}}\n`;
}

function errorFrame(error: StatusError): string {
	return frame('ERROR', JSON.stringify(error.toStatus()));
}
