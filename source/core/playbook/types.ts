// The typed form of a playbook file. The parser (parse-playbook.ts) produces it; the
// matcher, the guide and the UI consume it. Every rule and step keeps its source line.

export type Severity = 'error' | 'warning';

export type Problem = {file: string; line: number; message: string};

/** Conditions on a pod's containers (init and regular). All given fields must hold for one container. */
export type PodRule = {
	/** state.waiting.reason is one of these. */
	waiting?: string[];
	/** state.terminated.reason or lastState.terminated.reason is one of these. */
	terminated?: string[];
	/** state.terminated.exitCode or lastState.terminated.exitCode is one of these. */
	exitCode?: number[];
	/** restartCount is at least this. */
	minRestarts?: number;
	/** The waiting or terminated message (current or last) matches. Named groups become captures. */
	message?: RegExp;
	/** The container's image reference matches. Named groups become captures. */
	image?: RegExp;
	/** Only containers whose name matches. */
	container?: RegExp;
	/** Pod phase is one of these. */
	phase?: string[];
	/**
	 * true: the pod belongs to its Deployment's first rollout (its ReplicaSet is revision 1);
	 * false: to a later one. A pod that no Deployment created matches neither.
	 */
	firstRevision?: boolean;
};

/** Conditions on an Event about the subject (events are matched to their involvedObject). */
export type EventRule = {
	reason?: string[];
	type?: 'Normal' | 'Warning';
	/** Matched against the event message; named groups become captures. */
	message?: RegExp;
	/** involvedObject.kind is one of these (default: any). */
	kind?: string[];
};

/** A line from the subject pod's recent logs (current or previous instance). */
export type LogRule = {pattern: RegExp; container?: RegExp};

/** Free text: command output a user pastes (`match --text`) or a command kconsole ran printed. */
export type TextRule = {pattern: RegExp};

/** A node condition with the given status. */
export type NodeRule = {condition: string; status: 'True' | 'False' | 'Unknown'};

/** Derived checks that need more than one object. */
export type ObjectCheck = 'service-without-endpoints' | 'ingress-class-missing' | 'role-missing';

/** Captures a derived check adds to its finding (usable as placeholders like pattern captures). */
export const checkCaptureNames: Record<ObjectCheck, readonly string[]> = {
	'service-without-endpoints': [],
	'ingress-class-missing': [],
	// The missing Role or ClusterRole, and the binding's first ServiceAccount or User subject.
	'role-missing': ['role', 'roleKind', 'serviceAccount', 'serviceAccountNamespace', 'user'],
};

/** A field of an object of the given kind, or a derived check. */
export type ObjectRule = {
	kind: string;
	/** Dotted path, e.g. `status.phase`. */
	field?: string;
	equals?: string | number | boolean;
	pattern?: RegExp;
	exists?: boolean;
	check?: ObjectCheck;
};

/**
 * One rule: every condition it holds must be met by the same subject (AND).
 * A playbook or variant matches when any of its rules does (OR).
 * The subject is the pod for pod/log rules, the node for node rules, the object for object
 * rules, the event's involved object for event-only rules, the text for text rules.
 */
export type Rule = {
	line: number;
	pod?: PodRule;
	event?: EventRule;
	log?: LogRule;
	text?: TextRule;
	node?: NodeRule;
	object?: ObjectRule;
};

export type ActionKind = 'kubectl' | 'sh' | 'probe' | 'wait';

/** An action's time limit when its block gives no `timeout=` (the parser fills it in; README's action options table). */
export const defaultTimeoutMs: Readonly<Record<ActionKind, number>> = {kubectl: 60_000, sh: 60_000, probe: 10_000, wait: 120_000};

export type Ask = {
	/** Placeholder name the answer fills, e.g. `image`. */
	name: string;
	prompt: string;
	/** Template for the default answer (may hold placeholders). */
	default?: string;
};

export type Action = {
	kind: ActionKind;
	/** The block as written (trimmed). */
	text: string;
	/** The block split into argv elements, placeholders still in place. */
	argv: string[];
	/** Line of the opening fence. */
	line: number;
	/** Absent: defaultTimeoutMs[kind]. */
	timeoutMs?: number;
	ask?: Ask;
	/** Run over the step's output; named groups become captures for later steps. */
	capture?: RegExp;
};

export type Step = {
	title: string;
	line: number;
	/** Markdown prose of the step, without the action block. */
	prose: string;
	/** null: a manual step the user marks done. */
	action: Action | null;
};

export type Variant = {
	id: string;
	title: string;
	line: number;
	/** Must match in addition to the playbook's own rules. */
	match: Rule[];
	/** Template for the one-line summary; falls back to the playbook's. */
	summary?: string;
	explanation: string;
	/** When non-empty these replace the playbook's default steps. */
	steps: Step[];
};

export type Playbook = {
	id: string;
	title: string;
	severity: Severity;
	/** Lower first when several playbooks match one object: root causes get low numbers. */
	priority: number;
	/** Template for the one-line summary, e.g. `{{container}} cannot pull {{image}}`. */
	summary: string;
	file: string;
	/** Line of the front matter's first line (1). */
	line: number;
	/** Line of the `id:` key, where library problems (duplicate id, override) point. Set by the parser. */
	idLine?: number;
	match: Rule[];
	/** Ordered most specific first: the first that matches is the finding's variant. */
	variants: Variant[];
	/** Markdown before the first step or variant section. */
	explanation: string;
	steps: Step[];
};

/** Placeholders every playbook may use; captures add more. */
export const builtinPlaceholders = ['namespace', 'pod', 'container', 'deployment', 'node', 'kind', 'name', 'image', 'context'] as const;
