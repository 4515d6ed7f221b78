// What the panes list, derived from the session's store and findings: rows per list,
// filtered and sorted, memoised on the store's own arrays so an unchanged kind costs nothing
// and a changed pod costs one row. The renderer and the key handler read the same rows.
import {describeObject} from '../core/objects/describe-object.js';
import {deploymentRow, type DeploymentRow} from '../core/objects/deployment-rows.js';
import {EventFold, type EventRow} from '../core/objects/event-fold.js';
import {nodeRow, type NodeRow} from '../core/objects/node-rows.js';
import {comparePodRows, compareText, podRow, type PodRow} from '../core/objects/pod-rows.js';
import {subjectLabel} from '../core/match/subject-label.js';
import {findingKey, type Finding} from '../core/match/types.js';
import type {Deployment, Event, KubeObject, Node, Pod, WatchedKind} from '../core/objects/types.js';
import {watchedKinds} from '../core/objects/types.js';
import type {Playbook} from '../core/playbook/types.js';
import {oneLine} from '../core/text/one-line.js';
import type {ConsoleSession} from './console-session.js';
import type {ListId, RowTarget} from './console-state.js';
import type {ObjectRef} from './console-view.js';
import {playbookText} from './playbook-text.js';
import {filterRows} from './row-filter.js';

export type FindingRow = {key: string; finding: Finding; title: string; object: string; summary: string};
export type PlaybookRow = {key: string; playbook: Playbook};
export type ListRow = FindingRow | PodRow | DeploymentRow | NodeRow | PlaybookRow | EventRow;

type Memo<T> = {inputs: unknown[]; value: T};

export class ConsoleData {
	readonly events = new EventFold();
	readonly #memos = new Map<string, Memo<unknown>>();
	readonly #podRows = new WeakMap<KubeObject, PodRow>();
	readonly #playbooks: Map<string, Playbook>;
	readonly #unsubscribe: () => void;

	/** The store's batched signal, bound, for useSyncExternalStore. */
	readonly subscribeStore = (listener: () => void): (() => void) => this.session.store.subscribe(listener);
	readonly subscribeFindings = (listener: () => void): (() => void) => this.session.findings.subscribe(listener);

	constructor(readonly session: ConsoleSession) {
		this.#playbooks = new Map(session.playbooks.map(playbook => [playbook.id, playbook]));
		for (const event of session.store.list('Event')) this.events.upsert(event as Event);
		// Every event change, synchronously: the fold stays exact without re-reading the whole list.
		this.#unsubscribe = session.store.onChange(change => {
			if (change.kind !== 'Event') return;
			if (change.type === 'upsert') this.events.upsert(change.object as Event);
			else this.events.remove(change.object as Event);
		});
	}

	dispose(): void {
		this.#unsubscribe();
	}

	playbook(id: string): Playbook | undefined {
		return this.#playbooks.get(id);
	}

	finding(key: string): Finding | undefined {
		return this.session.findings.findings().find(finding => findingKey(finding) === key);
	}

	/** The rows a list shows, filtered; events newest first unless `oldestFirst`. */
	rows(list: ListId, filter: string, options: {oldestFirst?: boolean} = {}): readonly ListRow[] {
		switch (list) {
			case 'findings':
				return this.#memo('findings', [this.session.findings.findings(), filter], () => filterRows(this.#findingRows(), filter, findingText));
			case 'pods':
				return this.#memo('pods', [this.session.store.list('Pod'), filter], () => filterRows(this.#allPods(), filter, podText));
			case 'deployments':
				return this.#memo('deployments', [this.session.store.list('Deployment'), filter], () => {
					const rows = this.session.store.list('Deployment').map(object => deploymentRow(object as Deployment)).sort(byKey);
					return filterRows(rows, filter, row => `${row.name} ${row.namespace} ${row.ready} ${row.reason ?? ''}`);
				});
			case 'nodes':
				return this.#memo('nodes', [this.session.store.list('Node'), filter], () => {
					const rows = this.session.store.list('Node').map(object => nodeRow(object as Node)).sort(byKey);
					return filterRows(rows, filter, row => `${row.name} ${row.status} ${row.roles} ${row.problems.join(' ')}`);
				});
			case 'playbooks':
				return this.#memo('playbooks', [filter], () => {
					const rows = [...this.session.playbooks].sort((a, b) => compareText(a.id, b.id)).map(playbook => ({key: playbook.id, playbook}));
					return filterRows(rows, filter, row => `${row.playbook.id} ${row.playbook.title} ${row.playbook.severity}`);
				});
			case 'events': {
				const oldestFirst = options.oldestFirst ?? false;
				return this.#memo(`events:${oldestFirst}`, [this.events.rows(), filter], () => {
					const rows = filterRows(this.events.rows(), filter, eventText);
					return oldestFirst ? rows : [...rows].reverse();
				});
			}
		}
	}

	keys(list: ListId, filter: string, options: {oldestFirst?: boolean} = {}): readonly string[] {
		const rows = this.rows(list, filter, options);
		return this.#memo(`keys:${list}:${options.oldestFirst ?? false}`, [rows], () => rows.map(row => row.key));
	}

	/** What a row stands for, for Enter, `l` and `d`. */
	target(list: ListId, key: string, filter: string, options: {oldestFirst?: boolean} = {}): RowTarget | undefined {
		const rows = this.rows(list, filter, options);
		const row = rows.find(candidate => candidate.key === key);
		if (!row) return undefined;
		switch (list) {
			case 'findings': {
				const {finding} = row as FindingRow;
				return {findingKey: row.key, object: {kind: finding.kind, namespace: finding.namespace, name: finding.name}, container: finding.container ?? undefined};
			}
			case 'pods':
			case 'deployments': {
				const {namespace, name} = row as PodRow | DeploymentRow;
				return {object: {kind: list === 'pods' ? 'Pod' : 'Deployment', namespace, name}};
			}
			case 'nodes':
				return {object: {kind: 'Node', namespace: null, name: (row as NodeRow).name}};
			case 'playbooks':
				return {playbookId: row.key};
			case 'events': {
				const event = row as EventRow;
				return {object: {kind: event.objectKind, namespace: event.namespace || null, name: event.objectName}};
			}
		}
	}

	object(ref: ObjectRef): KubeObject | undefined {
		if (!(watchedKinds as readonly string[]).includes(ref.kind)) return undefined;
		return this.session.store.get(ref.kind as WatchedKind, ref.namespace, ref.name);
	}

	/** The describe text of an object (or a playbook), with the events about it. */
	describe(ref: ObjectRef, now: number): string[] {
		if (ref.kind === 'Playbook') {
			const playbook = this.playbook(ref.name);
			return playbook ? playbookText(playbook) : [`playbook ${ref.name} is not loaded`];
		}
		if (ref.kind === 'Text') return this.#describeText(ref.name);
		const object = this.object(ref);
		if (!object) return [`${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} is not in the cluster (any more), or not in the watched namespace.`];
		const events = this.events.rows().filter(event => event.objectKind === ref.kind && event.objectName === ref.name && (event.namespace || null) === (ref.namespace || null));
		return describeObject(object, events, now);
	}

	/** A text is no object: what it is, which playbooks recognise it, and the lines they matched. */
	#describeText(name: string): string[] {
		const found = this.session.findings.findings().filter(finding => finding.kind === 'Text' && finding.name === name);
		if (found.length === 0) return [`${oneLine(name)}: no playbook recognises it (any more).`];
		const lines = [`Text:        ${oneLine(name)}`, ''];
		for (const finding of found) {
			lines.push(`Recognised by ${finding.playbook}${finding.variant ? `/${finding.variant}` : ''}:`, `  ${oneLine(finding.summary)}`, ...finding.evidence.map(line => `  ${oneLine(line)}`), '');
		}
		return lines;
	}

	/** Containers of a pod, init containers first, for the log pane's `c`. */
	containers(namespace: string, pod: string): string[] {
		const object = this.session.store.get('Pod', namespace, pod) as Pod | undefined;
		if (!object) return [];
		return [...(object.spec?.initContainers ?? []), ...(object.spec?.containers ?? [])].map(container => container.name);
	}

	/** The container whose log matters: the first that is failing, else the first. */
	defaultContainer(namespace: string, pod: string): string | undefined {
		const object = this.session.store.get('Pod', namespace, pod) as Pod | undefined;
		if (!object) return undefined;
		const statuses = [...(object.status?.initContainerStatuses ?? []), ...(object.status?.containerStatuses ?? [])];
		const failing = statuses.find(status => !status.ready && (status.restartCount > 0 || status.state?.terminated));
		return failing?.name ?? object.spec?.containers?.[0]?.name;
	}

	#findingRows(): FindingRow[] {
		return this.session.findings.findings().map(finding => ({
			key: findingKey(finding),
			finding,
			title: oneLine(this.#playbooks.get(finding.playbook)?.title ?? finding.playbook),
			object: oneLine(subjectLabel(finding, '/')),
			summary: oneLine(finding.summary),
		}));
	}

	#allPods(): PodRow[] {
		const now = this.session.now?.() ?? Date.now();
		return this.#memo('all-pods', [this.session.store.list('Pod')], () => {
			const rows = this.session.store.list('Pod').map(object => {
				let row = this.#podRows.get(object);
				if (!row) {
					row = podRow(object as Pod, now);
					this.#podRows.set(object, row);
				}
				return row;
			});
			return rows.sort(comparePodRows);
		});
	}

	#memo<T>(name: string, inputs: unknown[], compute: () => T): T {
		const memo = this.#memos.get(name) as Memo<T> | undefined;
		if (memo && memo.inputs.length === inputs.length && memo.inputs.every((input, index) => input === inputs[index])) return memo.value;
		const value = compute();
		this.#memos.set(name, {inputs, value});
		return value;
	}
}

const byKey = (a: {key: string}, b: {key: string}) => compareText(a.key, b.key);
const findingText = (row: FindingRow) => `${row.finding.severity} ${row.title} ${row.object} ${row.summary}`;
// Name first, so `^web` finds pods whose name starts with web.
const podText = (row: PodRow) => `${row.name} ${row.status} ${row.namespace} ${row.node}`;
const eventText = (row: EventRow) => `${row.type} ${row.reason} ${row.namespace}/${row.object} ${row.message}`;
