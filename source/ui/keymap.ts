// Every key the console answers to, as data: the input handler resolves keys through this
// table, and the `?` overlay and the hint bar are generated from it, so they cannot drift.
import type {KeyName} from './key-names.js';

export type PaneId = 'findings' | 'resources' | 'events' | 'logs' | 'describe' | 'playbook';

/** What the keyboard is doing: moving around, typing into the prompt line, or answering a question. */
export type InputMode = 'normal' | 'prompt' | 'help' | 'confirm-quit';

/** Where a binding applies: everywhere, in any pane that scrolls, in one pane, or in one input mode. */
export type Scope = 'global' | 'move' | PaneId | Exclude<InputMode, 'normal'>;

export type CommandName =
	| 'focus-next'
	| 'focus-previous'
	| 'down'
	| 'up'
	| 'top'
	| 'bottom'
	| 'page-down'
	| 'page-up'
	| 'open'
	| 'logs'
	| 'previous-logs'
	| 'describe'
	| 'filter'
	| 'command'
	| 'fix'
	| 'help'
	| 'back'
	| 'quit'
	| 'wide'
	| 'events-order'
	| 'pause'
	| 'wrap'
	| 'next-container'
	| 'guide-run'
	| 'guide-skip'
	| 'guide-edit'
	| 'guide-dry-run'
	| 'guide-abort'
	| 'guide-report'
	| 'submit'
	| 'cancel'
	| 'erase'
	| 'erase-all'
	| 'close-help'
	| 'quit-now'
	| 'stay';

/** Facts about the moment that decide whether a binding is live (and shown). */
export type KeyFlags = {
	/** The guide's current step can run (or be marked done) now. */
	canConfirm: boolean;
	/** The current step waits for a typed value. */
	canAnswer: boolean;
	canSkip: boolean;
	canEdit: boolean;
	canDryRun: boolean;
	canAbort: boolean;
	/** The run is over (finished or aborted): it can be started again. */
	runOver: boolean;
	/** The run is over and this session may write its report to a file (not over SSH). */
	canReport: boolean;
};

export type Binding = {
	command: CommandName;
	keys: KeyName[];
	/** Short words for the hint bar. */
	label: string;
	/** One line for the help overlay. */
	description: string;
	scope: Scope;
	/** Live only when this flag holds. */
	when?: keyof KeyFlags;
	/** Shown in the hint bar (when live in the focused pane). */
	hint?: boolean;
};

// Pane scopes come first: where a pane gives a key its own meaning (`d` dry-run in the playbook), that wins.
export const keymap: readonly Binding[] = [
	{command: 'guide-run', keys: ['y'], label: 'run', description: 'run the step (a manual step: mark it done)', scope: 'playbook', when: 'canConfirm', hint: true},
	{command: 'guide-run', keys: ['y', 'enter'], label: 'answer', description: 'type the value the step asks for', scope: 'playbook', when: 'canAnswer', hint: true},
	{command: 'guide-skip', keys: ['n'], label: 'skip', description: 'skip the current step', scope: 'playbook', when: 'canSkip', hint: true},
	{command: 'guide-edit', keys: ['e'], label: 'edit', description: 'edit the command before running it', scope: 'playbook', when: 'canEdit', hint: true},
	{command: 'guide-dry-run', keys: ['d'], label: 'dry-run', description: 'server-side dry run of a write', scope: 'playbook', when: 'canDryRun', hint: true},
	{command: 'guide-abort', keys: ['a'], label: 'abort', description: 'abort the run (stops what runs)', scope: 'playbook', when: 'canAbort', hint: true},
	{command: 'guide-report', keys: ['r'], label: 'report', description: 'write the incident report (markdown)', scope: 'playbook', when: 'canReport', hint: true},
	{command: 'fix', keys: ['f'], label: 'again', description: 'start the fix again', scope: 'playbook', when: 'runOver', hint: true},
	{command: 'fix', keys: ['f'], label: 'fix', description: 'run the fix for the selected finding', scope: 'findings', hint: true},
	{command: 'wide', keys: ['w'], label: 'wide', description: 'wide pod columns (NODE)', scope: 'resources'},
	{command: 'events-order', keys: ['t'], label: 'order', description: 'events newest first, or oldest first (tail)', scope: 'events'},
	{command: 'pause', keys: [' '], label: 'pause', description: 'pause or resume the log', scope: 'logs', hint: true},
	{command: 'previous-logs', keys: ['p'], label: 'previous', description: 'previous (crashed) container, or back', scope: 'logs', hint: true},
	{command: 'wrap', keys: ['w'], label: 'wrap', description: 'wrap long lines', scope: 'logs'},
	{command: 'next-container', keys: ['c'], label: 'container', description: "next container of the pod", scope: 'logs'},
	{command: 'filter', keys: ['/'], label: 'search', description: 'highlight a pattern (regex) in the log', scope: 'logs', hint: true},
	{command: 'down', keys: ['j', 'down'], label: 'move', description: 'down one row', scope: 'move'},
	{command: 'up', keys: ['k', 'up'], label: 'move', description: 'up one row', scope: 'move'},
	{command: 'top', keys: ['g', 'home'], label: 'top', description: 'first row', scope: 'move'},
	{command: 'bottom', keys: ['G', 'end'], label: 'end', description: 'last row (a log follows again)', scope: 'move'},
	{command: 'page-down', keys: ['pagedown', 'ctrl-f'], label: 'page', description: 'down one page', scope: 'move'},
	{command: 'page-up', keys: ['pageup', 'ctrl-b'], label: 'page', description: 'up one page', scope: 'move'},
	{command: 'focus-next', keys: ['tab'], label: 'pane', description: 'focus the next pane', scope: 'global', hint: true},
	{command: 'focus-previous', keys: ['shift-tab'], label: 'pane', description: 'focus the previous pane', scope: 'global'},
	{command: 'open', keys: ['enter'], label: 'open', description: "open: a finding's playbook, a pod's logs", scope: 'global', hint: true},
	{command: 'logs', keys: ['l'], label: 'logs', description: 'follow the logs of the selected pod', scope: 'global', hint: true},
	{command: 'previous-logs', keys: ['p'], label: 'prev logs', description: 'logs of the previous (crashed) container', scope: 'global'},
	{command: 'describe', keys: ['d'], label: 'describe', description: 'describe the selected object', scope: 'global', hint: true},
	{command: 'filter', keys: ['/'], label: 'filter', description: 'filter the pane (regex)', scope: 'global', hint: true},
	{command: 'command', keys: [':'], label: 'command', description: 'command line (:ns NAME, :ctx NAME, :pods …)', scope: 'global', hint: true},
	{command: 'help', keys: ['?'], label: 'help', description: 'show all keys', scope: 'global', hint: true},
	{command: 'back', keys: ['escape'], label: 'back', description: 'back, or clear the filter', scope: 'global', hint: true},
	{command: 'quit', keys: ['q', 'ctrl-c'], label: 'quit', description: 'quit (asks first while a step runs)', scope: 'global', hint: true},
	{command: 'submit', keys: ['enter'], label: 'apply', description: 'apply the filter, run the command, send text', scope: 'prompt', hint: true},
	{command: 'cancel', keys: ['escape', 'ctrl-c'], label: 'cancel', description: 'close the prompt (the filter as it was)', scope: 'prompt', hint: true},
	{command: 'erase', keys: ['backspace', 'delete'], label: 'erase', description: 'erase the last character', scope: 'prompt'},
	{command: 'erase-all', keys: ['ctrl-u'], label: 'clear', description: 'erase the whole line', scope: 'prompt', hint: true},
	{command: 'close-help', keys: ['escape', '?', 'q', 'enter'], label: 'close', description: 'close this help', scope: 'help', hint: true},
	{command: 'quit-now', keys: ['y', 'q', 'ctrl-c'], label: 'quit', description: 'quit and stop the running step', scope: 'confirm-quit', hint: true},
	{command: 'stay', keys: ['n', 'escape'], label: 'stay', description: 'keep the console open', scope: 'confirm-quit', hint: true},
];

/** Panes whose content moves with j/k, g/G and the page keys. */
const movable: ReadonlySet<PaneId> = new Set(['findings', 'resources', 'events', 'logs', 'describe', 'playbook']);

export type KeyContext = {mode: InputMode; pane: PaneId; flags: KeyFlags};

function applies(binding: Binding, context: KeyContext): boolean {
	if (context.mode !== 'normal') return binding.scope === context.mode;
	if (binding.when && !context.flags[binding.when]) return false;
	return binding.scope === 'global' || binding.scope === context.pane || (binding.scope === 'move' && movable.has(context.pane));
}

/** The command a key means now, or null (in the prompt, a printable key is then typed). */
export function resolveKey(key: KeyName, context: KeyContext): CommandName | null {
	for (const binding of keymap) if (binding.keys.includes(key) && applies(binding, context)) return binding.command;
	return null;
}

/** The live bindings, each key once, in table order (a pane's own meaning of a key first). */
export function liveBindings(context: KeyContext): Binding[] {
	const seen = new Set<KeyName>();
	const live: Binding[] = [];
	for (const binding of keymap) {
		if (!applies(binding, context)) continue;
		// A key a pane has taken over is not also listed with its global meaning.
		const keys = binding.keys.filter(key => !seen.has(key));
		if (keys.length === 0) continue;
		for (const key of keys) seen.add(key);
		live.push({...binding, keys});
	}
	return live;
}

export const noFlags: KeyFlags = {canConfirm: false, canAnswer: false, canSkip: false, canEdit: false, canDryRun: false, canAbort: false, runOver: false, canReport: false};
