import type {Event, KubeObject} from '../objects/types.js';
import type {PodLogs} from './log-window.js';
import type {ContainerView} from './pod-conditions.js';

/** What a finding is about: a Pod, a Node, any object, an event's involved object, or a named text. */
export type Subject = {kind: string; namespace: string | null; name: string};

/** An event with its parsed time (ms since epoch, NaN when the event carries no time) and its index key. */
export type EventEntry = {event: Event; time: number; reasonKey: string | null};

/** The matcher's objects, for checks and captures that read more than the subject. */
export type ObjectStore = {
	lookup(kind: string, namespace: string | null, name: string): KubeObject | undefined;
	objectsOf(kind: string): ReadonlyMap<string, KubeObject> | undefined;
	/** True when a missing object of this kind is known not to exist. */
	known(kind: string): boolean;
};

/** Everything rule evaluation may read about one subject. Built by the matcher per evaluation. */
export type SubjectContext = Subject & {
	/** The subject's object; null for text and for objects the matcher has not seen. */
	object: KubeObject | null;
	/** Recent events about the subject that still count as evidence. */
	events: readonly EventEntry[];
	logs: PodLogs | undefined;
	/** Lines of a text subject. */
	text: readonly string[] | undefined;
	store: ObjectStore;
	windowMs: number;
	/** Earliest time at which an event that satisfied a condition leaves the window (Infinity: none). */
	eventDeadline: number;
	/** A pod's containers, worked out once per evaluation (see containersOf). */
	containers?: ContainerView[];
};

/** Kinds without a namespace; events about them carry an empty involvedObject.namespace. */
const clusterScopedKinds = new Set([
	'Namespace',
	'Node',
	'IngressClass',
	'ClusterRole',
	'ClusterRoleBinding',
	'PersistentVolume',
	'StorageClass',
	'CustomResourceDefinition',
	'PriorityClass',
	'Text',
]);

export function subjectKey(kind: string, namespace: string | null, name: string): string {
	return `${kind}/${namespace ?? ''}/${name}`;
}

/** Key of an object within its kind: `namespace/name`, or `name` when cluster-scoped. */
export function storeKey(namespace: string | null, name: string): string {
	return namespace ? `${namespace}/${name}` : name;
}

/** The subject an event is about; null when the event names no object. */
export function involvedSubject(event: Event): Subject | null {
	const involved = event.involvedObject;
	if (!involved?.kind || !involved.name) return null;
	const namespace = clusterScopedKinds.has(involved.kind) ? null : involved.namespace || event.metadata.namespace || null;
	return {kind: involved.kind, namespace, name: involved.name};
}

/** When the event last happened: lastTimestamp, else series, eventTime, firstTimestamp, creationTimestamp. */
export function eventTime(event: Event): number {
	const series = (event as {series?: {lastObservedTime?: string}}).series;
	const stamp = event.lastTimestamp ?? series?.lastObservedTime ?? event.eventTime ?? event.firstTimestamp ?? event.metadata.creationTimestamp;
	return stamp ? Date.parse(stamp) : Number.NaN;
}
