// Events as the console lists them: repeats of one (object, type, reason, message) folded into
// one row with a total count, kept sorted by when they were last seen. Updated one event at a
// time, so a flood of events costs a binary search each, not a re-sort of everything.
import {oneLine} from '../text/one-line.js';
import type {Event} from './types.js';

export type EventRow = {
	/** The fold key: namespace, object, type, reason and message. */
	key: string;
	namespace: string;
	type: string;
	reason: string;
	objectKind: string;
	objectName: string;
	/** kubectl's OBJECT column: `pod/web-7d4b9c8f6d-x2x9q`. */
	object: string;
	message: string;
	/** Who reported it (kubectl's FROM): `kubelet`, `deployment-controller`… */
	source: string;
	/** Occurrences across the folded events (each event's own count). */
	count: number;
	firstSeen: number;
	lastSeen: number;
	warning: boolean;
};

type Member = {group: string; count: number; firstSeen: number; lastSeen: number};
type Group = {row: EventRow; members: Set<string>};

export class EventFold {
	readonly #members = new Map<string, Member>();
	readonly #groups = new Map<string, Group>();
	/** Ascending by (lastSeen, key). */
	readonly #sorted: EventRow[] = [];
	/** Warning groups per involved object, for "since when is this broken". */
	readonly #warnings = new Map<string, Set<string>>();
	#view: readonly EventRow[] | null = null;
	#version = 0;

	/** Oldest first; the same array until something changes. */
	rows(): readonly EventRow[] {
		this.#view ??= this.#sorted.slice();
		return this.#view;
	}

	get version(): number {
		return this.#version;
	}

	get size(): number {
		return this.#sorted.length;
	}

	upsert(event: Event): void {
		const memberKey = eventKey(event);
		const template = rowTemplate(event);
		const member: Member = {group: template.key, count: Math.max(1, event.count ?? 1), ...times(event)};
		const previous = this.#members.get(memberKey);
		if (previous && previous.group === member.group && previous.count === member.count && previous.lastSeen === member.lastSeen && previous.firstSeen === member.firstSeen) return;
		if (previous) this.#detach(memberKey, previous);
		this.#members.set(memberKey, member);
		const group = this.#groups.get(member.group);
		if (group) {
			group.members.add(memberKey);
			this.#setRow(group, this.#aggregate(group.row, group.members));
		} else {
			const created: Group = {row: {...template, count: member.count, firstSeen: member.firstSeen, lastSeen: member.lastSeen}, members: new Set([memberKey])};
			this.#groups.set(member.group, created);
			insertSorted(this.#sorted, created.row);
			if (created.row.warning) this.#indexWarning(created.row, true);
		}
		this.#changed();
	}

	remove(event: Event): void {
		const memberKey = eventKey(event);
		const previous = this.#members.get(memberKey);
		if (!previous) return;
		this.#detach(memberKey, previous);
		this.#changed();
	}

	clear(): void {
		if (this.#members.size === 0) return;
		this.#members.clear();
		this.#groups.clear();
		this.#sorted.length = 0;
		this.#warnings.clear();
		this.#changed();
	}

	/** When the earliest Warning event about this object was first seen (ms), if any is held. */
	warningSince(kind: string, namespace: string | null, name: string): number | undefined {
		const groups = this.#warnings.get(objectKey(kind, namespace ?? '', name));
		if (!groups) return undefined;
		let since: number | undefined;
		for (const key of groups) {
			const first = this.#groups.get(key)!.row.firstSeen;
			if (since === undefined || first < since) since = first;
		}
		return since;
	}

	#detach(memberKey: string, member: Member): void {
		this.#members.delete(memberKey);
		const group = this.#groups.get(member.group)!;
		group.members.delete(memberKey);
		if (group.members.size > 0) {
			this.#setRow(group, this.#aggregate(group.row, group.members));
			return;
		}
		this.#groups.delete(member.group);
		removeSorted(this.#sorted, group.row);
		if (group.row.warning) this.#indexWarning(group.row, false);
	}

	#aggregate(template: EventRow, members: Set<string>): EventRow {
		let count = 0;
		let firstSeen = Number.POSITIVE_INFINITY;
		let lastSeen = Number.NEGATIVE_INFINITY;
		for (const key of members) {
			const member = this.#members.get(key)!;
			count += member.count;
			firstSeen = Math.min(firstSeen, member.firstSeen);
			lastSeen = Math.max(lastSeen, member.lastSeen);
		}
		return {...template, count, firstSeen, lastSeen};
	}

	#setRow(group: Group, row: EventRow): void {
		removeSorted(this.#sorted, group.row);
		group.row = row;
		insertSorted(this.#sorted, row);
	}

	#indexWarning(row: EventRow, add: boolean): void {
		const key = objectKey(row.objectKind, row.namespace, row.objectName);
		let groups = this.#warnings.get(key);
		if (add) {
			if (!groups) this.#warnings.set(key, (groups = new Set()));
			groups.add(row.key);
		} else if (groups) {
			groups.delete(row.key);
			if (groups.size === 0) this.#warnings.delete(key);
		}
	}

	#changed(): void {
		this.#view = null;
		this.#version++;
	}
}

function eventKey(event: Event): string {
	return `${event.metadata.namespace ?? ''}/${event.metadata.name}`;
}

function objectKey(kind: string, namespace: string, name: string): string {
	return `${kind}/${namespace}/${name}`;
}

function rowTemplate(event: Event): EventRow {
	const involved = event.involvedObject ?? {};
	const namespace = oneLine(event.metadata.namespace);
	const objectKind = oneLine(involved.kind) || 'Unknown';
	const objectName = oneLine(involved.name);
	const type = oneLine(event.type) || 'Normal';
	const reason = oneLine(event.reason);
	const message = oneLine(event.message);
	return {
		key: [namespace, objectKind, objectName, type, reason, message].join('\u0000'),
		namespace,
		type,
		reason,
		objectKind,
		objectName,
		object: `${objectKind.toLowerCase()}/${objectName}`,
		message,
		source: oneLine(event.source?.component || event.reportingComponent),
		count: 0,
		firstSeen: 0,
		lastSeen: 0,
		warning: type === 'Warning',
	};
}

function times(event: Event): {firstSeen: number; lastSeen: number} {
	const series = (event as {series?: {lastObservedTime?: string}}).series;
	const last = parseTime(event.lastTimestamp) ?? parseTime(series?.lastObservedTime) ?? parseTime(event.eventTime) ?? parseTime(event.metadata.creationTimestamp) ?? 0;
	const first = parseTime(event.firstTimestamp) ?? parseTime(event.eventTime) ?? parseTime(event.metadata.creationTimestamp) ?? last;
	return {firstSeen: Math.min(first, last), lastSeen: last};
}

function parseTime(value: string | undefined | null): number | undefined {
	if (!value) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}

function before(a: EventRow, b: EventRow): boolean {
	return a.lastSeen < b.lastSeen || (a.lastSeen === b.lastSeen && a.key < b.key);
}

/** First index whose row is not before `row`. */
function lowerBound(rows: EventRow[], row: EventRow): number {
	let low = 0;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (before(rows[middle], row)) low = middle + 1;
		else high = middle;
	}
	return low;
}

function insertSorted(rows: EventRow[], row: EventRow): void {
	const index = lowerBound(rows, row);
	// Most events are the newest yet: appending is the common case.
	if (index === rows.length) rows.push(row);
	else rows.splice(index, 0, row);
}

function removeSorted(rows: EventRow[], row: EventRow): void {
	const index = lowerBound(rows, row);
	if (rows[index] === row) rows.splice(index, 1);
}
