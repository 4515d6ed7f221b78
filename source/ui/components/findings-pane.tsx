// Findings: what kconsole recognises as wrong, root causes first, with how long it has been so.
import {useCallback, useSyncExternalStore} from 'react';
import {humanDuration} from '../../core/objects/age.js';
import type {ConsoleData, FindingRow} from '../console-data.js';
import type {Theme} from '../theme.js';
import type {PaneProps} from './pane-props.js';
import {TablePane} from './table-pane.js';
import type {Cell, Column} from './windowed-table.js';

export function FindingsPane({width, height, focused, state, data, theme, now}: PaneProps) {
	const {findings, store} = data.session;
	useSyncExternalStore(data.subscribeFindings, () => findings.findings());
	const list = state.lists.findings;
	const rows = data.rows('findings', list.filter) as readonly FindingRow[];
	const keys = data.keys('findings', list.filter);
	const all = findings.findings();
	const errors = all.filter(finding => finding.severity === 'error').length;
	const warnings = all.length - errors;
	const renderRow = useCallback((row: FindingRow) => findingCells(row, data, theme, now), [data, theme, now]);
	const columns: Column[] = [
		{title: 'SEV', width: 7},
		{title: 'PLAYBOOK', width: Math.min(28, Math.max(16, Math.floor(width * 0.18)))},
		{title: 'OBJECT', width: Math.min(48, Math.max(20, Math.floor(width * 0.32)))},
		{title: 'AGE', width: 5, align: 'right'},
		{title: 'SUMMARY', width: 0},
	];
	const settled = [...store.connections().values()].some(connection => connection.status !== 'connecting');
	const status = [`${errors} error${errors === 1 ? '' : 's'} ${theme.symbols.pending} ${warnings} warning${warnings === 1 ? '' : 's'}`, list.filter ? `/${list.filter}/` : ''].filter(Boolean).join(' ');
	return (
		<TablePane
			title="Findings"
			status={status}
			height={height}
			columns={columns}
			rows={rows}
			list={list}
			keys={keys}
			width={width}
			focused={focused}
			theme={theme}
			rowKey={rowKey}
			renderRow={renderRow}
			empty={list.filter ? 'no finding matches the filter' : settled ? 'no findings: nothing kconsole recognises is wrong here' : 'reading the cluster…'}
		/>
	);
}

const rowKey = (row: FindingRow) => row.key;

function findingCells(row: FindingRow, data: ConsoleData, theme: Theme, now: number): Cell[] {
	const {finding} = row;
	const colour = finding.severity === 'error' ? theme.error : theme.warning;
	const since = data.events.warningSince(finding.kind, finding.namespace, finding.name) ?? created(data, row);
	return [
		{text: `${theme.symbols.severity} ${finding.severity}`, color: colour},
		{text: row.title, bold: true},
		{text: row.object},
		{text: since === undefined ? '' : humanDuration(now - since)},
		{text: row.summary},
	];
}

function created(data: ConsoleData, row: FindingRow): number | undefined {
	const {kind, namespace, name} = row.finding;
	const timestamp = data.object({kind, namespace, name})?.metadata.creationTimestamp;
	const time = timestamp ? Date.parse(timestamp) : Number.NaN;
	return Number.isNaN(time) ? undefined : time;
}
