// Keeps a Matcher in step with a live ClusterStore: object changes and log evidence go in as
// they happen, findings come out with a batched change subscription for the console. A watch
// the API server forbids goes in as a text (its error names who lacks which permission).
import {Matcher, type MatcherOptions} from '../core/match/matcher.js';
import type {ContainerLog, Finding} from '../core/match/types.js';
import type {KubeObject, Pod, WatchedKind} from '../core/objects/types.js';
import type {Playbook} from '../core/playbook/types.js';
import {BatchedSignal} from './batched-signal.js';
import type {ClusterStore, StoreChange} from './cluster-store.js';
import {kindResources} from './kind-resources.js';
import type {LogEvidence} from './log-evidence.js';
import {serviceAccountsWithMissingRoles} from './rbac-suspects.js';

export type LiveFindingsOptions = {
	/** Log evidence for failing containers; null: match on objects and events alone. */
	evidence?: LogEvidence | null;
	batchMs?: number;
	/** How often findings are re-checked for events that aged out of the window. */
	expiryCheckMs?: number;
	matcher?: Omit<MatcherOptions, 'listedKinds'>;
};

export class LiveFindings {
	readonly #signal: BatchedSignal;
	readonly #texts = new Map<string, string>();
	readonly #unsubscribe: Array<() => void> = [];
	readonly #expiryTimer: NodeJS.Timeout;
	#matcher: Matcher;
	#connectionsSeen: ReadonlyMap<WatchedKind, unknown> | undefined;
	#listed = '';
	#seen = -1;
	#version = 0;

	constructor(
		readonly store: ClusterStore,
		readonly playbooks: Playbook[],
		readonly options: LiveFindingsOptions = {},
	) {
		this.#signal = new BatchedSignal(options.batchMs);
		this.#matcher = this.#rebuild();
		const evidence = options.evidence ?? null;
		this.#unsubscribe.push(store.onChange(change => this.#apply(change)));
		// Connection changes arrive batched; a kind that became live (or stopped being) changes what "absent" means.
		this.#unsubscribe.push(store.subscribe(() => {
			this.#checkWatchErrors();
			this.#checkListed();
		}));
		this.#checkWatchErrors();
		if (evidence) {
			this.#unsubscribe.push(evidence.onUpdate(log => this.#addLog(log)));
			this.#checkRbac();
			for (const pod of store.list('Pod')) evidence.update(pod as Pod);
		}
		this.#expiryTimer = setInterval(() => this.#changed(), options.expiryCheckMs ?? 5000);
		this.#expiryTimer.unref();
	}

	/** Root causes first; the same array until something changes. */
	findings(): Finding[] {
		return this.#matcher.findings();
	}

	/** Changes whenever findings() would return something different. */
	get version(): number {
		this.#changed();
		return this.#version;
	}

	/** Batched: at most once per ~50 ms when findings change. */
	subscribe(listener: () => void): () => void {
		return this.#signal.subscribe(listener);
	}

	/** Free text (a failed command's output) matched by text and log rules; null removes it. */
	setText(name: string, text: string | null): void {
		if (text === null) this.#texts.delete(name);
		else this.#texts.set(name, text);
		this.#matcher.setText(name, text);
		this.#changed();
	}

	stop(): void {
		for (const unsubscribe of this.#unsubscribe) unsubscribe();
		clearInterval(this.#expiryTimer);
		this.#signal.close();
	}

	#apply(change: StoreChange): void {
		const evidence = this.options.evidence;
		if (evidence && (change.kind === 'ClusterRole' || change.kind === 'ClusterRoleBinding')) this.#checkRbac();
		if (change.type === 'upsert') {
			this.#matcher.upsert(change.object);
			if (evidence && change.kind === 'Pod') evidence.update(change.object as Pod);
		} else {
			this.#matcher.remove(change.object);
			if (evidence && change.kind === 'Pod') evidence.forget(change.object.metadata.namespace ?? '', change.object.metadata.name);
		}
		this.#changed();
	}

	#addLog(log: ContainerLog): void {
		// Only pods the store holds: a late answer for a pod that just went away must not bring it back.
		if (!this.store.get('Pod', log.namespace, log.pod)) return;
		this.#matcher.clearLogs(log.namespace, log.pod, log.container);
		if (log.previous?.length) this.#matcher.addLogLines(log.namespace, log.pod, log.container, log.previous, {previous: true});
		if (log.lines.length > 0) this.#matcher.addLogLines(log.namespace, log.pod, log.container, log.lines);
		this.#changed();
	}

	/** Recomputed on every role or binding change: both lists are small. */
	#checkRbac(): void {
		const live = this.store.connection('ClusterRole').status === 'live' && this.store.connection('ClusterRoleBinding').status === 'live';
		const suspects = live ? serviceAccountsWithMissingRoles(this.store.list('ClusterRoleBinding'), this.store.list('ClusterRole')) : new Set<string>();
		this.options.evidence?.setRbacSuspects(suspects);
	}

	/** One text per forbidden watch, its server message; it goes when the watch is live again (other states say nothing new about permissions). */
	#checkWatchErrors(): void {
		const connections = this.store.connections();
		if (connections === this.#connectionsSeen) return;
		this.#connectionsSeen = connections;
		for (const [kind, state] of connections) {
			const name = watchErrorName(kind);
			if (state.status === 'forbidden' && state.message) {
				if (this.#texts.get(name) !== state.message) this.setText(name, state.message);
			} else if (state.status === 'live' && this.#texts.has(name)) {
				this.setText(name, null);
			}
		}
	}

	#checkListed(): void {
		if (this.#listedKinds().join() !== this.#listed) {
			this.#matcher = this.#rebuild();
			this.#seen = -1;
			if (this.options.evidence) this.#checkRbac();
		}
		this.#changed();
	}

	#listedKinds(): WatchedKind[] {
		return [...this.store.connections()].filter(([, state]) => state.status === 'live').map(([kind]) => kind);
	}

	/** A fresh matcher that knows which kinds are completely listed, fed everything known so far. */
	#rebuild(): Matcher {
		const listedKinds = this.#listedKinds();
		this.#listed = listedKinds.join();
		const matcher = new Matcher(this.playbooks, {...this.options.matcher, listedKinds});
		for (const object of this.store.allObjects() as KubeObject[]) matcher.upsert(object);
		for (const log of this.options.evidence?.logs() ?? []) {
			if (!this.store.get('Pod', log.namespace, log.pod)) continue;
			if (log.previous?.length) matcher.addLogLines(log.namespace, log.pod, log.container, log.previous, {previous: true});
			if (log.lines.length > 0) matcher.addLogLines(log.namespace, log.pod, log.container, log.lines);
		}
		for (const [name, text] of this.#texts) matcher.setText(name, text);
		return matcher;
	}

	#changed(): void {
		const version = this.#matcher.version;
		if (version === this.#seen) return;
		this.#seen = version;
		this.#version++;
		this.#signal.notify();
	}
}

/** `kconsole's watch of pods`: the text of a watch the API server refused. */
export function watchErrorName(kind: WatchedKind): string {
	return `kconsole's watch of ${kindResources[kind].plural}`;
}
