import type {ContainerStateTerminated, ContainerStatus, KubeObject, Node, NodeCondition, Pod} from '../objects/types.js';
import {hasHits, type PodLogs} from './log-window.js';
import type {RuleIndex} from './rule-index.js';
import type {EventEntry} from './subject.js';

type Keys = ReadonlyMap<string, readonly number[]>;

/**
 * The playbooks worth evaluating for one subject: those filed under its waiting and terminated
 * reasons, exit codes, node conditions, event reasons and log hits. Reuses its buffers, so a
 * healthy pod costs a few map lookups and no allocation.
 */
export class Candidates {
	/** Playbook indices, in library order, in list[0 … count). */
	readonly list: number[] = [];
	count = 0;
	readonly #index: RuleIndex;
	readonly #stamps: number[];
	#stamp = 0;

	constructor(index: RuleIndex) {
		this.#index = index;
		this.#stamps = Array.from({length: index.playbooks.length}, () => 0);
	}

	gather(kind: string, object: KubeObject | null, events: Iterable<EventEntry> | undefined, logs: PodLogs | undefined): number {
		const keys = this.#index.keysFor(kind);
		const stamp = ++this.#stamp;
		this.count = 0;
		if (keys) {
			this.#add(keys.get('any'), stamp);
			if (kind === 'Pod' && object) {
				const status = (object as Pod).status;
				if (status) {
					this.#addContainers(keys, status.initContainerStatuses, stamp);
					this.#addContainers(keys, status.containerStatuses, stamp);
				}
			} else if (kind === 'Node' && object) {
				for (const condition of ((object as Node).status?.conditions ?? []) as NodeCondition[]) this.#add(keys.get(`n:${condition.type}=${condition.status}`), stamp);
			}
			if (logs && hasHits(logs)) this.#add(keys.get('log'), stamp);
		}
		if (events) {
			const anyKind = this.#index.keysFor('*');
			for (const {reasonKey} of events) {
				if (reasonKey === null) continue;
				this.#add(keys?.get(reasonKey), stamp);
				this.#add(anyKind?.get(reasonKey), stamp);
			}
			this.#add(keys?.get('e:*'), stamp);
			this.#add(anyKind?.get('e:*'), stamp);
		}
		// Insertion sort: there are only a few candidates.
		const {list} = this;
		for (let index = 1; index < this.count; index++) {
			const value = list[index];
			let slot = index;
			for (; slot > 0 && list[slot - 1] > value; slot--) list[slot] = list[slot - 1];
			list[slot] = value;
		}
		return this.count;
	}

	#addContainers(keys: Keys, statuses: ContainerStatus[] | undefined, stamp: number): void {
		if (!statuses) return;
		for (const status of statuses) {
			const waiting = status.state?.waiting?.reason;
			if (waiting) this.#add(keys.get(`w:${waiting}`), stamp);
			const current = status.state?.terminated;
			if (current) this.#addTermination(keys, current, stamp);
			// A ready container's last termination is history (see lastStateCounts).
			const last = status.ready ? undefined : status.lastState?.terminated;
			if (last) this.#addTermination(keys, last, stamp);
		}
	}

	#addTermination(keys: Keys, termination: ContainerStateTerminated, stamp: number): void {
		if (termination.reason) this.#add(keys.get(`t:${termination.reason}`), stamp);
		this.#add(keys.get(`x:${termination.exitCode}`), stamp);
	}

	#add(playbooks: readonly number[] | undefined, stamp: number): void {
		if (!playbooks) return;
		for (const index of playbooks) {
			if (this.#stamps[index] === stamp) continue;
			this.#stamps[index] = stamp;
			this.list[this.count++] = index;
		}
	}
}
