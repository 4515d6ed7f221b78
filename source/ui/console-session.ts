// Everything one console needs, injected: which cluster it shows, the store and findings it
// reads, and the few things it may ask for (a log stream, a guided run, another namespace).
// A terminal gets one ConsoleSession; the SSH server makes one per channel over one shared
// store, read-only. Nothing in ui/ reaches for process.stdin, stdout or env.
import type {GuideAction, GuideState} from '../core/guide/guide-state.js';
import type {Finding} from '../core/match/types.js';
import type {Playbook} from '../core/playbook/types.js';
import type {ClusterStore} from '../kube/cluster-store.js';
import type {ContainerRef, LogQuery, LogStreamState} from '../kube/log-stream.js';

/** What the terminal can show; decided by whoever owns the terminal (see terminal-capabilities.ts). */
export type TerminalCapabilities = {colour: boolean; unicode: boolean};

export type ConsoleTarget = {
	context: string;
	server: string;
	readOnly: boolean;
};

/** The part of the ClusterStore the console reads. */
export type StoreReader = Pick<ClusterStore, 'subscribe' | 'onChange' | 'version' | 'list' | 'get' | 'connections' | 'namespace'>;

/** Live findings (LiveFindings satisfies it). */
export type FindingsFeed = {
	findings(): readonly Finding[];
	readonly version: number;
	subscribe(listener: () => void): () => void;
};

/** One container's log as the pane reads it (LogStream satisfies it). */
export type LogSource = {
	readonly buffer: {lines(): readonly string[]; readonly dropped: number; readonly version: number};
	readonly state: LogStreamState;
	/** Batched: at most every ~50 ms while lines arrive. */
	subscribe(listener: () => void): () => void;
	stop(): void;
};

/** A guided run being driven (exec's GuideSession satisfies it). */
export type GuideHandle = {
	getState(): GuideState;
	subscribe(listener: () => void): () => void;
	dispatch(action: GuideAction): void;
	dispose(): void;
};

export type ConsoleSession = {
	target: ConsoleTarget;
	store: StoreReader;
	findings: FindingsFeed;
	playbooks: readonly Playbook[];
	terminal: TerminalCapabilities;
	/** One line above the header, e.g. the demo's "this is a simulation". */
	banner?: string;
	openLogs(ref: ContainerRef, query: LogQuery): LogSource;
	/** Starts a guided run of the playbook against the finding; its first intent runs at once. */
	startGuide(finding: Finding, playbook: Playbook): GuideHandle;
	/** Watch another namespace (null: all); absent where the session may not (a shared store). */
	setNamespace?(namespace: string | null): void;
	/** Reopen the console on another kubeconfig context; rejects with a one-line reason. */
	switchContext?(name: string): Promise<void>;
	/** Writes the run's incident report and resolves with the file's path; absent where no file may be written. */
	writeReport?(state: GuideState): Promise<string>;
	/** Time, injectable for tests. */
	now?(): number;
};
