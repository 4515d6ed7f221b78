// The prompt line at the bottom: a filter or log search (applied as you type), a `:` command,
// an edited command line or an answer for the guide. Enter applies, Esc cancels.
import {parseConsoleCommand} from './console-command.js';
import type {ConsoleState, Effect, KeyEnvironment, Prompt, Reduced} from './console-state.js';
import {isPrintable, type KeyName} from './key-names.js';
import type {CommandName} from './keymap.js';

export function openPrompt(state: ConsoleState, prompt: Prompt): ConsoleState {
	return {...state, mode: 'prompt', prompt};
}

export function movePrompt(state: ConsoleState, command: CommandName | null, key: KeyName, environment: KeyEnvironment): Reduced {
	const prompt = state.prompt;
	if (!prompt) return {state: {...state, mode: 'normal'}, effects: []};
	switch (command) {
		case 'submit':
			return submit({...state, mode: 'normal', prompt: null}, prompt, environment);
		case 'cancel':
			return {state: applyText({...state, mode: 'normal', prompt: null}, prompt, prompt.previous ?? ''), effects: []};
		case 'erase':
			return edit(state, prompt, [...prompt.text].slice(0, -1).join(''));
		case 'erase-all':
			return edit(state, prompt, '');
		default:
			return isPrintable(key) ? edit(state, prompt, prompt.text + key) : {state, effects: []};
	}
}

function edit(state: ConsoleState, prompt: Prompt, text: string): Reduced {
	const next = {...prompt, text};
	return {state: applyText({...state, prompt: next}, next, text), effects: []};
}

/** A filter and a search take effect while they are typed. */
function applyText(state: ConsoleState, prompt: Prompt, text: string): ConsoleState {
	if (prompt.kind === 'filter' && prompt.list) {
		const list = state.lists[prompt.list];
		return {...state, lists: {...state.lists, [prompt.list]: {...list, filter: text}}};
	}
	if (prompt.kind === 'search') return {...state, logs: {...state.logs, search: text}};
	return state;
}

function submit(state: ConsoleState, prompt: Prompt, environment: KeyEnvironment): Reduced {
	const done = (next: ConsoleState, effects: Effect[] = []): Reduced => ({state: next, effects});
	switch (prompt.kind) {
		case 'filter':
		case 'search':
			return done(state);
		case 'edit':
			return done(state, [{type: 'guide-edit', text: prompt.text}]);
		case 'answer':
			return done(state, [{type: 'guide-answer', value: prompt.text}]);
		case 'command': {
			const command = parseConsoleCommand(prompt.text);
			switch (command.type) {
				case 'error':
					return done({...state, message: {text: command.message, error: true}});
				case 'view': {
					// The resource view shows in the overview: go back to it, focused on the list.
					const overview = {type: 'overview' as const, focus: 'resources' as const};
					return done({...state, resourceView: command.view, views: [overview]});
				}
				case 'namespace':
					return done(state, [{type: 'namespace', namespace: command.namespace}]);
				case 'context':
					return done(state, [{type: 'context', name: command.name}]);
				case 'quit':
					return environment.stepRunning ? done({...state, mode: 'confirm-quit'}) : done(state, [{type: 'quit'}]);
				case 'help':
					return done({...state, mode: 'help'});
			}
		}
	}
}
