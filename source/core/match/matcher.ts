import type {Event, KubeObject, Pod, PodCondition} from '../objects/types.js';
import type {Playbook} from '../playbook/types.js';
import {evaluatePlaybook, type RankedFinding} from './build-finding.js';
import {Candidates} from './candidates.js';
import {DeadlineQueue} from './deadline-queue.js';
import {compareRanked, sameFindings} from './finding-order.js';
import {hasHits, LineWindow, type PodLogs} from './log-window.js';
import {roleKinds, RuleIndex} from './rule-index.js';
import {eventTime, involvedSubject, storeKey, subjectKey, type EventEntry, type ObjectStore, type Subject, type SubjectContext} from './subject.js';
import type {ContainerLog, Finding} from './types.js';

export type MatcherOptions = {
	/** Clock for the event window (ms since epoch). */
	now?: () => number;
	/** Events older than this are not evidence. Default 15 minutes. */
	eventWindowMs?: number;
	/** Recent log lines kept per container and instance. Default 200. */
	logLinesPerContainer?: number;
	/**
	 * Kinds the caller has listed completely (a synced watch): an object of these kinds that the
	 * matcher does not hold does not exist. Other kinds count as listed once one object arrives.
	 */
	listedKinds?: readonly string[];
};

type EventBucket = Subject & {events: Map<string, EventEntry>};

const noFindings: readonly RankedFinding[] = [];

/**
 * Objects, events, log lines and texts in; findings out. Every update re-evaluates only the
 * subjects it can affect, and only the playbooks filed under that subject's reasons.
 */
export class Matcher {
	readonly #index: RuleIndex;
	readonly #now: () => number;
	readonly #windowMs: number;
	readonly #lineLimit: number;
	readonly #known: Set<string>;
	readonly #objects = new Map<string, Map<string, KubeObject>>();
	/** Events by the subject they are about, and each event's subject by its own key. */
	readonly #events = new Map<string, EventBucket>();
	readonly #eventSubjects = new Map<string, string>();
	readonly #logs = new Map<string, PodLogs>();
	readonly #texts = new Map<string, string[]>();
	/** Pod keys by the `namespace/name` of their owning ReplicaSet, kept while some rule reads Deployment revisions. */
	readonly #podsByReplicaSet = new Map<string, Set<string>>();
	readonly #podOwners = new Map<string, string>();
	readonly #found = new Map<string, readonly RankedFinding[]>();
	readonly #deadlines = new Map<string, number>();
	readonly #queue = new DeadlineQueue<Subject>();
	readonly #candidates: Candidates;
	readonly #store: ObjectStore = {
		lookup: (kind, namespace, name) => this.#objects.get(kind)?.get(storeKey(namespace, name)),
		objectsOf: kind => this.#objects.get(kind),
		known: kind => this.#known.has(kind),
	};
	#sorted: Finding[] | null = [];
	#version = 0;

	constructor(playbooks: Playbook[], options: MatcherOptions = {}) {
		this.#index = new RuleIndex(playbooks);
		this.#now = options.now ?? Date.now;
		this.#windowMs = options.eventWindowMs ?? 15 * 60_000;
		this.#lineLimit = options.logLinesPerContainer ?? 200;
		this.#known = new Set(options.listedKinds);
		this.#candidates = new Candidates(this.#index);
	}

	/** Adds or replaces an object of any kind; kinds no rule can use are ignored. */
	upsert(object: KubeObject): void {
		const kind = object?.kind;
		const name = object?.metadata?.name;
		if (!kind || !name || !this.#index.stores(kind)) return;
		const namespace = object.metadata.namespace || null;
		if (kind === 'Event') {
			this.#upsertEvent(object as Event, storeKey(namespace, name));
		} else {
			let objects = this.#objects.get(kind);
			if (!objects) this.#objects.set(kind, (objects = new Map()));
			objects.set(storeKey(namespace, name), object);
			if (kind === 'Pod' && this.#index.usesRevision) this.#trackOwner(storeKey(namespace, name), object as Pod);
		}
		this.#markKnown(kind);
		if (kind !== 'Event') this.#affected(kind, namespace, name);
	}

	/** Removes an object (by kind, namespace and name) and, for a pod, its log lines. */
	remove(object: KubeObject): void {
		const kind = object?.kind;
		const name = object?.metadata?.name;
		if (!kind || !name || !this.#index.stores(kind)) return;
		const namespace = object.metadata.namespace || null;
		const key = storeKey(namespace, name);
		if (kind === 'Event') {
			this.#dropEvent(key);
		} else {
			this.#objects.get(kind)?.delete(key);
			if (kind === 'Pod') {
				this.#logs.delete(key);
				this.#trackOwner(key, null);
			}
		}
		this.#markKnown(kind);
		if (kind !== 'Event') this.#affected(kind, namespace, name);
	}

	/** Appends recent lines of one container (`previous`: its crashed instance); keeps the last N. */
	addLogLines(namespace: string, pod: string, container: string, lines: string[], options: {previous?: boolean} = {}): void {
		const patterns = this.#index.logPatterns;
		if (patterns.patterns.length === 0) return;
		const podKey = storeKey(namespace, pod);
		let podLogs = this.#logs.get(podKey);
		if (!podLogs) this.#logs.set(podKey, (podLogs = new Map()));
		let windows = podLogs.get(container);
		if (!windows) podLogs.set(container, (windows = {current: new LineWindow(this.#lineLimit), previous: new LineWindow(this.#lineLimit)}));
		const window = options.previous ? windows.previous : windows.current;
		if (window.add(lines, patterns)) this.#evaluate('Pod', namespace, pod);
	}

	clearLogs(namespace: string, pod: string, container?: string): void {
		const podKey = storeKey(namespace, pod);
		const podLogs = this.#logs.get(podKey);
		if (!podLogs) return;
		const had = hasHits(podLogs);
		if (container === undefined) podLogs.clear();
		else podLogs.delete(container);
		if (podLogs.size === 0) this.#logs.delete(podKey);
		if (had) this.#evaluate('Pod', namespace, pod);
	}

	/** Free text as a subject (kind `Text`); its lines are matched by text rules and log rules. */
	setText(name: string, text: string | null): void {
		if (text === null) this.#texts.delete(name);
		else this.#texts.set(name, text.split(/\r?\n/));
		this.#evaluate('Text', null, name);
	}

	/** All findings, root causes first. The same array is returned until something changes: do not mutate it. */
	findings(): Finding[] {
		this.#expire();
		if (!this.#sorted) {
			const all: RankedFinding[] = [];
			for (const list of this.#found.values()) all.push(...list);
			this.#sorted = all.sort(compareRanked).map(ranked => ranked.finding);
		}
		return this.#sorted;
	}

	/** Changes whenever findings() would return something different. */
	get version(): number {
		this.#expire();
		return this.#version;
	}

	#upsertEvent(event: Event, key: string): void {
		const subject = involvedSubject(event);
		const time = eventTime(event);
		const previous = this.#eventSubjects.get(key);
		// An event no condition can use, or one already out of the window, is never kept.
		const relevant = subject !== null && this.#index.eventCanMatter(subject.kind, event.reason) && !(time <= this.#now() - this.#windowMs);
		const target = relevant ? subjectKey(subject.kind, subject.namespace, subject.name) : undefined;
		if (previous !== undefined && previous !== target) this.#dropEvent(key);
		if (!relevant) return;
		let bucket = this.#events.get(target!);
		if (!bucket) this.#events.set(target!, (bucket = {...subject, events: new Map()}));
		bucket.events.set(key, {event, time, reasonKey: event.reason ? `e:${event.reason}` : null});
		this.#eventSubjects.set(key, target!);
		this.#evaluate(subject.kind, subject.namespace, subject.name);
	}

	#dropEvent(key: string): void {
		const subject = this.#eventSubjects.get(key);
		if (subject === undefined) return;
		this.#eventSubjects.delete(key);
		const bucket = this.#events.get(subject)!;
		bucket.events.delete(key);
		if (bucket.events.size === 0) this.#events.delete(subject);
		this.#evaluate(bucket.kind, bucket.namespace, bucket.name);
	}

	/** The first object of a kind tells us the kind is listed: absent objects of it now do not exist. */
	#markKnown(kind: string): void {
		if (this.#known.has(kind)) return;
		this.#known.add(kind);
		for (const bucket of [...this.#events.values()]) if (bucket.kind === kind) this.#evaluate(bucket.kind, bucket.namespace, bucket.name);
		if (kind === 'Pod') for (const podKey of [...this.#logs.keys()]) this.#evaluateStored('Pod', podKey);
		if (kind === 'Endpoints') this.#evaluateAll('Service');
		if (kind === 'IngressClass') this.#evaluateAll('Ingress');
		if ((kind === 'ClusterRole' || kind === 'Role') && this.#index.checks.has('role-missing')) this.#evaluateBindings();
	}

	/** The subject itself, and the subjects whose derived checks read this object. */
	#affected(kind: string, namespace: string | null, name: string): void {
		this.#evaluate(kind, namespace, name);
		if (kind === 'Endpoints' && this.#index.checks.has('service-without-endpoints')) this.#evaluate('Service', namespace, name);
		if (kind === 'IngressClass' && this.#index.checks.has('ingress-class-missing')) this.#evaluateAll('Ingress');
		if ((kind === 'ClusterRole' || kind === 'Role') && this.#index.checks.has('role-missing')) this.#evaluateBindings();
		// A pod's revision condition reads its ReplicaSet, which may arrive or change after the pod.
		if (kind === 'ReplicaSet' && this.#index.usesRevision) {
			for (const podKey of [...(this.#podsByReplicaSet.get(storeKey(namespace, name)) ?? [])]) this.#evaluateStored('Pod', podKey);
		}
	}

	#evaluateBindings(): void {
		for (const kind of roleKinds) if (kind.endsWith('Binding')) this.#evaluateAll(kind);
	}

	/** Files a pod under its owning ReplicaSet (null: the pod is gone). */
	#trackOwner(podKey: string, pod: Pod | null): void {
		const owner = pod?.metadata.ownerReferences?.find(reference => reference.kind === 'ReplicaSet')?.name;
		const ownerKey = owner ? storeKey(pod!.metadata.namespace || null, owner) : undefined;
		const previous = this.#podOwners.get(podKey);
		if (previous === ownerKey) return;
		if (previous !== undefined) {
			const pods = this.#podsByReplicaSet.get(previous)!;
			pods.delete(podKey);
			if (pods.size === 0) this.#podsByReplicaSet.delete(previous);
			this.#podOwners.delete(podKey);
		}
		if (ownerKey === undefined) return;
		let pods = this.#podsByReplicaSet.get(ownerKey);
		if (!pods) this.#podsByReplicaSet.set(ownerKey, (pods = new Set()));
		pods.add(podKey);
		this.#podOwners.set(podKey, ownerKey);
	}

	#evaluateAll(kind: string): void {
		for (const key of [...(this.#objects.get(kind)?.keys() ?? [])]) this.#evaluateStored(kind, key);
	}

	#evaluateStored(kind: string, key: string): void {
		const slash = key.indexOf('/');
		if (slash < 0) this.#evaluate(kind, null, key);
		else this.#evaluate(kind, key.slice(0, slash), key.slice(slash + 1));
	}

	#evaluate(kind: string, namespace: string | null, name: string): void {
		const objectKey = storeKey(namespace, name);
		const key = subjectKey(kind, namespace, name);
		const after = this.#compute(kind, namespace, name, objectKey, key);
		const before = this.#found.get(key);
		if (before === undefined ? after.length === 0 : sameFindings(before, after)) return;
		if (after.length > 0) this.#found.set(key, after);
		else this.#found.delete(key);
		this.#version++;
		this.#sorted = null;
	}

	#compute(kind: string, namespace: string | null, name: string, objectKey: string, key: string): readonly RankedFinding[] {
		const object = this.#objects.get(kind)?.get(objectKey) ?? null;
		const text = kind === 'Text' ? this.#texts.get(name) : undefined;
		const present = kind === 'Text' ? text !== undefined : object !== null || !this.#known.has(kind);
		const bucket = this.#events.get(key);
		const logs = kind === 'Pod' ? this.#logs.get(objectKey) : undefined;
		const count = present ? this.#candidates.gather(kind, object, bucket?.events.values(), logs) : 0;
		if (count === 0) {
			if (this.#deadlines.size > 0) this.#deadlines.delete(key);
			return noFindings;
		}
		const context: SubjectContext = {
			kind,
			namespace,
			name,
			object,
			events: bucket ? this.#liveEvents(bucket, key, object) : [],
			logs,
			text,
			store: this.#store,
			windowMs: this.#windowMs,
			eventDeadline: Number.POSITIVE_INFINITY,
		};
		const results: RankedFinding[] = [];
		for (let index = 0; index < count; index++) {
			const ranked = evaluatePlaybook(this.#index.playbooks[this.#candidates.list[index]], context);
			if (ranked) results.push(ranked);
		}
		// Only a finding can change when its evidence ages out; no finding, nothing to re-check.
		if (results.length > 0 && context.eventDeadline !== Number.POSITIVE_INFINITY) this.#setDeadline(key, {kind, namespace, name}, context.eventDeadline);
		else this.#deadlines.delete(key);
		return results;
	}

	/**
	 * Events that still count: inside the window (older ones are dropped for good; an update brings
	 * them back) and, for a pod that is Ready, newer than the moment it became Ready.
	 */
	#liveEvents(bucket: EventBucket, key: string, object: KubeObject | null): EventEntry[] {
		const oldest = this.#now() - this.#windowMs;
		const readySince = bucket.kind === 'Pod' && object ? podReadySince(object as Pod) : Number.NEGATIVE_INFINITY;
		const live: EventEntry[] = [];
		for (const [eventKey, entry] of bucket.events) {
			if (entry.time <= oldest) {
				bucket.events.delete(eventKey);
				this.#eventSubjects.delete(eventKey);
			} else if (readySince === Number.NEGATIVE_INFINITY || entry.time > readySince) {
				live.push(entry);
			}
		}
		if (bucket.events.size === 0) this.#events.delete(key);
		return live;
	}

	/** Queues a re-check; a later deadline waits for the earlier entry, so the queue holds about one entry per subject. */
	#setDeadline(key: string, subject: Subject, at: number): void {
		const queued = this.#deadlines.get(key);
		if (queued !== undefined && queued <= at) return;
		this.#deadlines.set(key, at);
		this.#queue.push(at, subject);
	}

	/** Re-checks the subjects whose event evidence has aged out since the last look. */
	#expire(): void {
		if (this.#queue.next === Number.POSITIVE_INFINITY) return;
		const now = this.#now();
		while (this.#queue.next <= now) {
			const {at, value} = this.#queue.pop()!;
			const key = subjectKey(value.kind, value.namespace, value.name);
			if (this.#deadlines.get(key) !== at) continue;
			this.#deadlines.delete(key);
			this.#evaluate(value.kind, value.namespace, value.name);
		}
	}
}

/** When the pod last became Ready; -Infinity when it is not Ready, Infinity when the time is unknown. */
function podReadySince(pod: Pod): number {
	const ready = pod.status?.conditions?.find((condition: PodCondition) => condition.type === 'Ready');
	if (ready?.status !== 'True') return Number.NEGATIVE_INFINITY;
	const since = Date.parse(ready.lastTransitionTime ?? '');
	return Number.isNaN(since) ? Number.POSITIVE_INFINITY : since;
}

/** One pass over a snapshot: the same findings an incremental Matcher fed the same input returns. */
export function matchAll(
	input: {objects: KubeObject[]; logs?: ContainerLog[]; texts?: Record<string, string>},
	playbooks: Playbook[],
	options?: MatcherOptions,
): Finding[] {
	const matcher = new Matcher(playbooks, options);
	for (const object of input.objects) matcher.upsert(object);
	for (const log of input.logs ?? []) {
		if (log.previous) matcher.addLogLines(log.namespace, log.pod, log.container, log.previous, {previous: true});
		matcher.addLogLines(log.namespace, log.pod, log.container, log.lines);
	}
	for (const [name, text] of Object.entries(input.texts ?? {})) matcher.setText(name, text);
	return matcher.findings();
}
