// A table that renders only the rows on screen: thousands of rows cost one window of
// memoised rows. The selection keeps its row in view; it shows in inverse while focused,
// and with a marker always (a terminal without attributes still shows where you are).
import {Box, Text} from 'ink';
import {memo, useRef} from 'react';
import {fit, type Theme} from '../theme.js';

export type Column = {title: string; width: number; align?: 'left' | 'right'};

export type Cell = {text: string; color?: string; bold?: boolean; dim?: boolean};

export type WindowedTableProps<T> = {
	columns: Column[];
	rows: readonly T[];
	/** -1 when nothing is selected. */
	selectedIndex: number;
	/** Rows of data on screen (the column header is extra). */
	height: number;
	width: number;
	focused: boolean;
	theme: Theme;
	rowKey(row: T): string;
	/** Stable between renders (useCallback), so unchanged rows are not re-rendered. */
	renderRow(row: T): Cell[];
	/** Shown when there are no rows. */
	empty?: string;
};

/** The first row shown: keeps `selected` in view, moving the window as little as possible. */
export function windowStart(previous: number, selected: number, height: number, count: number): number {
	let start = previous;
	if (selected >= 0 && selected < start) start = selected;
	if (selected >= start + height) start = selected - height + 1;
	return Math.max(0, Math.min(start, count - height));
}

/** Column widths for the table width: the last column takes what is left. */
export function columnWidths(columns: Column[], width: number): number[] {
	const usable = width - 2;
	const fixed = columns.slice(0, -1).reduce((sum, column) => sum + column.width + 1, 0);
	return columns.map((column, index) => (index === columns.length - 1 ? Math.max(1, usable - fixed) : column.width));
}

export function WindowedTable<T>(props: WindowedTableProps<T>) {
	const {columns, rows, selectedIndex, height, width, focused, theme, rowKey, renderRow} = props;
	const startRef = useRef(0);
	const start = windowStart(startRef.current, selectedIndex, height, rows.length);
	startRef.current = start;
	const widths = columnWidths(columns, width);
	const header = columns.map((column, index) => fit(column.title, widths[index], theme, column.align)).join(' ');
	const visible = rows.slice(start, start + height);
	return (
		<Box flexDirection="column" width={width} height={height + 1}>
			<Text wrap="truncate-end" bold color={theme.muted}>
				{`  ${header}`}
			</Text>
			{visible.length === 0 && props.empty ? (
				<Text wrap="truncate-end" color={theme.muted}>
					{`  ${props.empty}`}
				</Text>
			) : null}
			{visible.map((row, offset) => (
				<TableRow
					key={rowKey(row)}
					row={row}
					render={renderRow as (row: unknown) => Cell[]}
					widths={widths}
					aligns={columns.map(column => column.align)}
					selected={start + offset === selectedIndex}
					focused={focused}
					theme={theme}
				/>
			))}
		</Box>
	);
}

type TableRowProps = {
	row: unknown;
	render(row: unknown): Cell[];
	widths: number[];
	aligns: Array<'left' | 'right' | undefined>;
	selected: boolean;
	focused: boolean;
	theme: Theme;
};

const TableRow = memo(
	function TableRow({row, render, widths, aligns, selected, focused, theme}: TableRowProps) {
		const cells = render(row);
		const marker = selected ? `${theme.symbols.selected} ` : '  ';
		return (
			<Text wrap="truncate-end" inverse={selected && focused} bold={selected && !focused}>
				{marker}
				{cells.map((cell, index) => (
					<Text key={index} color={selected && focused ? undefined : cell.color} bold={cell.bold} dimColor={cell.dim && !selected}>
						{fit(cell.text, widths[index], theme, aligns[index])}
						{index < cells.length - 1 ? ' ' : ''}
					</Text>
				))}
			</Text>
		);
	},
	(before, after) =>
		before.row === after.row &&
		before.render === after.render &&
		before.selected === after.selected &&
		before.focused === after.focused &&
		before.theme === after.theme &&
		before.widths.join() === after.widths.join(),
);
