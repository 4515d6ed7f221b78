// A pane that is one list: the frame's title rule over a windowed table that fills the rest,
// with the list's selection shown on its row (or the nearest one, when that row went).
import type {ListState} from '../console-state.js';
import {selectedIndex} from '../console-moves.js';
import {PaneFrame} from './pane-frame.js';
import {WindowedTable, type WindowedTableProps} from './windowed-table.js';

export type TablePaneProps<T> = Omit<WindowedTableProps<T>, 'selectedIndex' | 'height'> & {
	title: string;
	status?: string;
	/** The whole pane's: the title rule and the column header take two lines of it. */
	height: number;
	/** The list's state; `keys` are the row keys of `rows`, in order. */
	list: ListState;
	keys: readonly string[];
};

export function TablePane<T>({title, status, height, list, keys, ...table}: TablePaneProps<T>) {
	const {width, focused, theme} = table;
	return (
		<PaneFrame title={title} status={status} width={width} height={height} focused={focused} theme={theme}>
			<WindowedTable {...table} height={height - 2} selectedIndex={selectedIndex(list.selected, list.index, keys)} />
		</PaneFrame>
	);
}
