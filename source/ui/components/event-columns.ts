// Columns of an events list, shared by the events pane and the `:events` view; narrow panes
// drop TYPE (warnings are coloured anyway).
import {humanDuration} from '../../core/objects/age.js';
import type {EventRow} from '../../core/objects/event-fold.js';
import type {Theme} from '../theme.js';
import type {Cell, Column} from './windowed-table.js';

export function eventColumns(width: number): Column[] {
	if (width < 70) return [{title: 'AGE', width: 4, align: 'right'}, {title: 'REASON', width: 12}, {title: 'OBJECT', width: Math.max(12, Math.floor(width * 0.3))}, {title: 'MESSAGE', width: 0}];
	return [{title: 'LAST SEEN', width: 10, align: 'right'}, {title: 'TYPE', width: 7}, {title: 'REASON', width: 16}, {title: 'OBJECT', width: Math.min(44, Math.floor(width * 0.3))}, {title: 'MESSAGE', width: 0}];
}

export function eventCells(row: EventRow, theme: Theme, now: number, width: number): Cell[] {
	const colour = row.warning ? theme.warning : undefined;
	const seen = humanDuration(now - row.lastSeen);
	// Folded repeats show their count where it cannot be cut off: next to the time, or first in a narrow message.
	const repeats = row.count > 1 ? `x${row.count}` : '';
	if (width < 70) return [{text: seen}, {text: row.reason, color: colour}, {text: row.object}, {text: repeats ? `${repeats} ${row.message}` : row.message, color: colour}];
	return [{text: repeats ? `${seen} (${repeats})` : seen}, {text: row.type, color: colour}, {text: row.reason, color: colour, bold: row.warning}, {text: row.object}, {text: row.message, color: colour}];
}
