// Moving around: focus between panes, the selection in a list, the scroll of a text pane.
import type {ConsoleState, KeyEnvironment, ListId} from './console-state.js';
import {viewPanes} from './console-view.js';
import type {PaneId} from './keymap.js';

type Move = 'down' | 'up' | 'top' | 'bottom' | 'page-down' | 'page-up';

export function moveFocus(state: ConsoleState, step: 1 | -1): ConsoleState {
	const view = state.views[state.views.length - 1];
	const panes = viewPanes(view, state.resourceView);
	const index = Math.max(0, panes.indexOf(view.focus));
	const focus = panes[(index + step + panes.length) % panes.length];
	return {...state, views: [...state.views.slice(0, -1), {...view, focus}]};
}

/** Where the selection is shown: its row if still listed, else the nearest row to where it was. */
export function selectedIndex(selected: string | null, index: number, keys: readonly string[]): number {
	if (keys.length === 0) return -1;
	if (selected !== null) {
		// The common case while nothing moved: the row is where it was.
		if (keys[index] === selected) return index;
		const found = keys.indexOf(selected);
		if (found >= 0) return found;
	}
	return Math.min(Math.max(index, 0), keys.length - 1);
}

export function moveSelection(state: ConsoleState, list: ListId, move: Move, environment: KeyEnvironment): ConsoleState {
	const {keys, page} = environment;
	if (keys.length === 0) return state;
	const current = state.lists[list];
	const from = selectedIndex(current.selected, current.index, keys);
	const to = clamp(target(from, move, keys.length, page), 0, keys.length - 1);
	return {...state, lists: {...state.lists, [list]: {...current, selected: keys[to], index: to}}};
}

export function scrollText(state: ConsoleState, pane: PaneId, move: Move, environment: KeyEnvironment): ConsoleState {
	const {lines, page} = environment;
	const last = Math.max(0, lines - page);
	if (pane === 'logs') {
		const from = state.logs.scroll ?? last;
		// Reaching the end follows the log again.
		const to = move === 'bottom' ? null : clamp(target(from, move, last + 1, page), 0, last);
		return {...state, logs: {...state.logs, scroll: to !== null && to >= last && move !== 'top' ? null : to}};
	}
	if (pane === 'describe') {
		const to = clamp(target(state.scroll.describe, move, last + 1, page), 0, last);
		return {...state, scroll: {...state.scroll, describe: to}};
	}
	if (pane === 'playbook') {
		// The playbook's output follows its end: the scroll counts lines back from there.
		const from = last - state.scroll.playbook;
		const to = clamp(target(from, move, last + 1, page), 0, last);
		return {...state, scroll: {...state.scroll, playbook: last - to}};
	}
	return state;
}

function target(from: number, move: Move, count: number, page: number): number {
	const step = Math.max(1, page - 1);
	switch (move) {
		case 'down':
			return from + 1;
		case 'up':
			return from - 1;
		case 'top':
			return 0;
		case 'bottom':
			return count - 1;
		case 'page-down':
			return from + step;
		case 'page-up':
			return from - step;
	}
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}
