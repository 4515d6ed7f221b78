// Events as they stream in: newest first (or oldest first, like tail), repeats folded with
// their count, warnings highlighted.
import {useCallback, useMemo, useSyncExternalStore} from 'react';
import type {EventRow} from '../../core/objects/event-fold.js';
import {eventCells, eventColumns} from './event-columns.js';
import type {PaneProps} from './pane-props.js';
import {TablePane} from './table-pane.js';

export function EventsPane({width, height, focused, state, data, theme, now}: PaneProps) {
	useSyncExternalStore(data.subscribeStore, () => data.events.version);
	const list = state.lists.events;
	const options = {oldestFirst: !state.eventsNewestFirst};
	const rows = data.rows('events', list.filter, options) as readonly EventRow[];
	const keys = data.keys('events', list.filter, options);
	const renderRow = useCallback((row: EventRow) => eventCells(row, theme, now, width), [theme, now, width]);
	const all = data.events.rows();
	const warnings = useMemo(() => all.reduce((sum, row) => sum + (row.warning ? 1 : 0), 0), [all]);
	const count = list.filter ? `${rows.length}/${data.events.size}` : `${data.events.size}`;
	const status = [warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '', list.filter ? `/${list.filter}/` : '', state.eventsNewestFirst ? 'newest first' : 'oldest first'].filter(Boolean).join(' ');
	return (
		<TablePane
			title={`Events (${count})`}
			status={status}
			height={height}
			columns={eventColumns(width)}
			rows={rows}
			list={list}
			keys={keys}
			width={width}
			focused={focused}
			theme={theme}
			rowKey={rowKey}
			renderRow={renderRow}
			empty={list.filter ? 'no event matches the filter' : 'no events'}
		/>
	);
}

const rowKey = (row: EventRow) => row.key;
