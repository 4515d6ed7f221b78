// The console's UI state and its reducer: which view and pane, per-pane selection, scroll
// and filter, the prompt line, and the input mode. Keys go in by name and are resolved
// through the keymap against the state they find, so keys arriving in one tick never see
// stale state. What must happen outside (quit, run a step, switch namespace) comes back as
// effects for the controller to perform.
import type {ResourceView} from './console-command.js';
import {movePrompt, openPrompt} from './console-prompt.js';
import {moveFocus, moveSelection, scrollText} from './console-moves.js';
import type {ObjectRef, View} from './console-view.js';
import {viewPanes} from './console-view.js';
import type {KeyName} from './key-names.js';
import {resolveKey, type CommandName, type InputMode, type KeyFlags, type PaneId} from './keymap.js';

export type ListId = 'findings' | 'pods' | 'deployments' | 'nodes' | 'playbooks' | 'events';

export type ListState = {
	/** Key of the selected row; kept when rows move, so live updates do not move the cursor. */
	selected: string | null;
	/** Where the selection was, for when its row goes away. */
	index: number;
	filter: string;
};

export type LogTarget = {namespace: string; pod: string; container: string | null};

export type LogsState = {
	target: LogTarget | null;
	previous: boolean;
	paused: boolean;
	wrap: boolean;
	search: string;
	/** First line shown; null follows the end. */
	scroll: number | null;
};

export type PromptKind = 'filter' | 'search' | 'command' | 'edit' | 'answer';

export type Prompt = {kind: PromptKind; text: string; list?: ListId; previous?: string};

export type ConsoleState = {
	mode: InputMode;
	views: View[];
	lists: Record<ListId, ListState>;
	resourceView: ResourceView;
	wide: boolean;
	eventsNewestFirst: boolean;
	logs: LogsState;
	/** Describe: the first line shown. Playbook: lines scrolled back from the end of the output. */
	scroll: {describe: number; playbook: number};
	prompt: Prompt | null;
	/** One line for the user (a command's result or error); cleared by the next key. */
	message: {text: string; error: boolean} | null;
};

/** What the selected row of a list stands for. */
export type RowTarget = {object?: ObjectRef; container?: string; findingKey?: string; playbookId?: string};

/** What the reducer needs to know about the world at the moment a key arrives. */
export type KeyEnvironment = {
	flags: KeyFlags;
	/** A guide step is running (quitting would stop it). */
	stepRunning: boolean;
	/** Row keys of the focused list pane, in display order. */
	keys: readonly string[];
	/** Lines in the focused text pane (logs, describe, playbook). */
	lines: number;
	/** Rows the focused pane shows at once. */
	page: number;
	target(key: string): RowTarget | undefined;
	/** Containers of the pod whose logs are shown. */
	containers: readonly string[];
	/** The current step's command as text, for `e`; the asked value's default, for an answer. */
	editText?: string;
	answerDefault?: string;
};

export type Effect =
	| {type: 'quit'}
	| {type: 'open-guide'; findingKey: string; restart: boolean}
	| {type: 'guide'; action: 'confirm' | 'skip' | 'dry-run' | 'abort'}
	| {type: 'guide-edit'; text: string}
	| {type: 'guide-answer'; value: string}
	| {type: 'report'}
	| {type: 'namespace'; namespace: string | null}
	| {type: 'context'; name: string};

export type ConsoleAction = {type: 'key'; key: KeyName} | {type: 'message'; text: string; error?: boolean};

export type Reduced = {state: ConsoleState; effects: Effect[]};

const emptyList: ListState = {selected: null, index: 0, filter: ''};

export function initialConsoleState(): ConsoleState {
	return {
		mode: 'normal',
		views: [{type: 'overview', focus: 'findings'}],
		lists: {findings: emptyList, pods: emptyList, deployments: emptyList, nodes: emptyList, playbooks: emptyList, events: emptyList},
		resourceView: 'pods',
		wide: false,
		eventsNewestFirst: true,
		logs: {target: null, previous: false, paused: false, wrap: false, search: '', scroll: null},
		scroll: {describe: 0, playbook: 0},
		prompt: null,
		message: null,
	};
}

export function currentView(state: ConsoleState): View {
	return state.views[state.views.length - 1];
}

export function focusedPane(state: ConsoleState): PaneId {
	return currentView(state).focus;
}

/** The list a pane shows, if it is a list. */
export function paneList(state: ConsoleState, pane: PaneId): ListId | undefined {
	if (pane === 'findings') return 'findings';
	if (pane === 'events') return 'events';
	if (pane === 'resources') return state.resourceView;
	return undefined;
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction, environment: KeyEnvironment): Reduced {
	if (action.type === 'message') return {state: {...state, message: {text: action.text, error: action.error ?? false}}, effects: []};
	const cleared = state.message ? {...state, message: null} : state;
	const pane = focusedPane(cleared);
	const command = resolveKey(action.key, {mode: cleared.mode, pane, flags: environment.flags});
	if (cleared.mode === 'prompt') return movePrompt(cleared, command, action.key, environment);
	if (!command) return {state: cleared, effects: []};
	return runCommand(cleared, command, pane, environment);
}

function runCommand(state: ConsoleState, command: CommandName, pane: PaneId, environment: KeyEnvironment): Reduced {
	const done = (next: ConsoleState, effects: Effect[] = []): Reduced => ({state: next, effects});
	const list = paneList(state, pane);
	// Read only by the commands that act on the selection.
	const selected = () => (list ? selectedTarget(state, list, environment) : undefined);
	switch (command) {
		case 'focus-next':
		case 'focus-previous':
			return done(moveFocus(state, command === 'focus-next' ? 1 : -1));
		case 'down':
		case 'up':
		case 'top':
		case 'bottom':
		case 'page-down':
		case 'page-up':
			return done(list ? moveSelection(state, list, command, environment) : scrollText(state, pane, command, environment));
		case 'open':
			return open(state, pane, selected());
		case 'fix': {
			if (pane === 'playbook') {
				const view = currentView(state);
				return view.type === 'playbook' ? done(state, [{type: 'open-guide', findingKey: view.findingKey, restart: true}]) : done(state);
			}
			const target = selected();
			return target?.findingKey ? open(state, pane, target) : done(state);
		}
		case 'logs':
		case 'previous-logs':
			if (pane === 'logs' && command === 'previous-logs') return done({...state, logs: {...state.logs, previous: !state.logs.previous, scroll: null, paused: false}});
			return showLogs(state, selected(), command === 'previous-logs');
		case 'describe':
			return describe(state, selected());
		case 'filter':
			if (pane === 'logs') return done(openPrompt(state, {kind: 'search', text: state.logs.search, previous: state.logs.search}));
			if (!list) return done({...state, message: {text: 'nothing to filter in this pane', error: true}});
			return done(openPrompt(state, {kind: 'filter', text: state.lists[list].filter, list, previous: state.lists[list].filter}));
		case 'command':
			return done(openPrompt(state, {kind: 'command', text: ''}));
		case 'help':
			return done({...state, mode: 'help'});
		case 'close-help':
		case 'stay':
			return done({...state, mode: 'normal'});
		case 'back':
			if (state.views.length > 1) return done({...state, views: state.views.slice(0, -1)});
			if (list && state.lists[list].filter) return done({...state, lists: {...state.lists, [list]: {...state.lists[list], filter: ''}}});
			return done(state);
		case 'quit':
			return environment.stepRunning ? done({...state, mode: 'confirm-quit'}) : done(state, [{type: 'quit'}]);
		case 'quit-now':
			return done(state, [{type: 'quit'}]);
		case 'wide':
			return done({...state, wide: !state.wide});
		case 'events-order':
			return done({...state, eventsNewestFirst: !state.eventsNewestFirst});
		case 'pause':
			return done({...state, logs: {...state.logs, paused: !state.logs.paused, scroll: state.logs.paused ? null : state.logs.scroll}});
		case 'wrap':
			return done({...state, logs: {...state.logs, wrap: !state.logs.wrap}});
		case 'next-container':
			return done(nextContainer(state, environment.containers));
		case 'guide-run':
			if (environment.flags.canAnswer) return done(openPrompt(state, {kind: 'answer', text: environment.answerDefault ?? ''}));
			return done(state, [{type: 'guide', action: 'confirm'}]);
		case 'guide-skip':
			return done(state, [{type: 'guide', action: 'skip'}]);
		case 'guide-dry-run':
			return done(state, [{type: 'guide', action: 'dry-run'}]);
		case 'guide-abort':
			return done(state, [{type: 'guide', action: 'abort'}]);
		case 'guide-edit':
			return done(openPrompt(state, {kind: 'edit', text: environment.editText ?? ''}));
		case 'guide-report':
			return done(state, [{type: 'report'}]);
		default:
			return done(state);
	}
}

function selectedTarget(state: ConsoleState, list: ListId, environment: KeyEnvironment): RowTarget | undefined {
	const {keys} = environment;
	if (keys.length === 0) return undefined;
	const {selected, index} = state.lists[list];
	const key = selected !== null && keys.includes(selected) ? selected : keys[Math.min(index, keys.length - 1)];
	return environment.target(key);
}

function push(state: ConsoleState, view: View): ConsoleState {
	return {...state, views: [...state.views, view], scroll: {...state.scroll, [view.type === 'playbook' ? 'playbook' : 'describe']: 0}};
}

function open(state: ConsoleState, pane: PaneId, target: RowTarget | undefined): Reduced {
	if (!target) return {state, effects: []};
	if (target.findingKey) {
		const opened = push(state, {type: 'playbook', findingKey: target.findingKey, focus: 'playbook'});
		return {state: opened, effects: [{type: 'open-guide', findingKey: target.findingKey, restart: false}]};
	}
	if (target.playbookId) return {state: push(state, {type: 'describe', object: {kind: 'Playbook', namespace: null, name: target.playbookId}, focus: 'describe'}), effects: []};
	if (target.object?.kind === 'Pod') return {state: openPod(state, target, 'logs'), effects: []};
	if (target.object) return describe(state, target);
	return {state, effects: []};
}

function describe(state: ConsoleState, target: RowTarget | undefined): Reduced {
	if (!target?.object) return {state: {...state, message: {text: 'select an object to describe', error: true}}, effects: []};
	if (target.object.kind === 'Pod') return {state: openPod(state, target, 'describe'), effects: []};
	return {state: push(state, {type: 'describe', object: target.object, focus: 'describe'}), effects: []};
}

function openPod(state: ConsoleState, target: RowTarget, focus: PaneId): ConsoleState {
	const pod = target.object!;
	const withLogs = followPod(state, pod, target.container ?? null, false);
	return push(withLogs, {type: 'pod', pod, focus});
}

function showLogs(state: ConsoleState, target: RowTarget | undefined, previous: boolean): Reduced {
	if (target?.object?.kind !== 'Pod') return {state: {...state, message: {text: 'select a pod (or a finding about a pod) to see its logs', error: true}}, effects: []};
	const following = followPod(state, target.object, target.container ?? null, previous);
	const view = currentView(following);
	const panes = viewPanes(view, following.resourceView);
	if (!panes.includes('logs')) return {state: following, effects: []};
	return {state: {...following, views: [...following.views.slice(0, -1), {...view, focus: 'logs'}]}, effects: []};
}

function followPod(state: ConsoleState, pod: ObjectRef, container: string | null, previous: boolean): ConsoleState {
	return {...state, logs: {...state.logs, target: {namespace: pod.namespace ?? '', pod: pod.name, container}, previous, paused: false, scroll: null}};
}

function nextContainer(state: ConsoleState, containers: readonly string[]): ConsoleState {
	const {target} = state.logs;
	if (!target || containers.length < 2) return {...state, message: {text: 'this pod has one container', error: false}};
	const index = containers.indexOf(target.container ?? containers[0]);
	const container = containers[(index + 1) % containers.length];
	return {...state, logs: {...state.logs, target: {...target, container}, scroll: null, paused: false}};
}
