// Where the panes go for a view and a terminal size: a pure function, so the renderer and
// the key handler (page sizes for PgUp/PgDn) agree on what is visible.
import type {ResourceView} from './console-command.js';
import {viewPanes, type View} from './console-view.js';
import type {PaneId} from './keymap.js';

export type Size = {columns: number; rows: number};

export const minimumSize: Size = {columns: 80, rows: 24};

export type PaneBox = {pane: PaneId; width: number; height: number};

export type Layout = {
	width: number;
	/** All the rows the frame uses: one less than the terminal, so Ink never scrolls it. */
	height: number;
	bodyHeight: number;
	/** Rows of panes, top to bottom; panes in a row sit side by side. */
	rows: PaneBox[][];
};

/** Columns between panes that sit side by side. */
export const gap = 1;

export function tooSmall(size: Size): boolean {
	return size.columns < minimumSize.columns || size.rows < minimumSize.rows;
}

export function layoutFor(view: View, resourceView: ResourceView, size: Size, headerHeight: number): Layout {
	const width = size.columns;
	const height = size.rows - 1;
	const bodyHeight = Math.max(1, height - headerHeight - 1);
	const row = (panes: Array<[PaneId, number]>, rowHeight: number): PaneBox[] => split(width, panes).map(([pane, paneWidth]) => ({pane, width: paneWidth, height: rowHeight}));
	let rows: PaneBox[][];
	switch (view.type) {
		case 'overview': {
			const findings = clamp(Math.round(bodyHeight * 0.3), 5, 12);
			const bottom = clamp(Math.round(bodyHeight * 0.28), 4, 14);
			const middle = bodyHeight - findings - bottom;
			const panes = viewPanes(view, resourceView);
			if (!panes.includes('events')) rows = [row([['findings', 1]], findings), row([['resources', 1]], middle), row([['logs', 1]], bottom)];
			// The pod list needs the width most (NAMESPACE NAME READY STATUS RESTARTS AGE); the two streams share a row.
			else if (width >= 180) rows = [row([['findings', 1]], findings), row([['resources', 0.6], ['events', 0.4]], middle), row([['logs', 1]], bottom)];
			else rows = [row([['findings', 1]], findings), row([['resources', 1]], middle), row([['events', 0.5], ['logs', 0.5]], bottom)];
			break;
		}
		case 'pod': {
			if (width >= 140) {
				rows = [row([['describe', 0.5], ['logs', 0.5]], bodyHeight)];
			} else {
				const describe = Math.round(bodyHeight * 0.45);
				rows = [row([['describe', 1]], describe), row([['logs', 1]], bodyHeight - describe)];
			}
			break;
		}
		case 'describe':
			rows = [row([['describe', 1]], bodyHeight)];
			break;
		case 'playbook':
			rows = [row([['playbook', 1]], bodyHeight)];
			break;
	}
	return {width, height, bodyHeight, rows};
}

export function paneBox(layout: Layout, pane: PaneId): PaneBox | undefined {
	for (const row of layout.rows) for (const box of row) if (box.pane === pane) return box;
	return undefined;
}

/** Rows of content a pane shows: lists lose a title and a column header, text panes a title. */
export function contentRows(box: PaneBox | undefined, list: boolean): number {
	if (!box) return 1;
	return Math.max(1, box.height - (list ? 2 : 1));
}

function split(width: number, panes: Array<[PaneId, number]>): Array<[PaneId, number]> {
	const usable = width - gap * (panes.length - 1);
	let left = usable;
	return panes.map(([pane, share], index) => {
		const paneWidth = index === panes.length - 1 ? left : Math.round(usable * share);
		left -= paneWidth;
		return [pane, paneWidth];
	});
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}
