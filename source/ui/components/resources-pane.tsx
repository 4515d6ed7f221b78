// The main list: pods (kubectl's columns, NODE when wide, failing ones in red), or with `:`
// deployments, events, nodes or the playbook library.
import {useCallback, useMemo, useSyncExternalStore} from 'react';
import {age, humanDuration} from '../../core/objects/age.js';
import type {DeploymentRow} from '../../core/objects/deployment-rows.js';
import type {EventRow} from '../../core/objects/event-fold.js';
import type {NodeRow} from '../../core/objects/node-rows.js';
import type {PodRow} from '../../core/objects/pod-rows.js';
import type {ResourceView} from '../console-command.js';
import type {ListRow, PlaybookRow} from '../console-data.js';
import {healthColour, type Theme} from '../theme.js';
import {eventCells, eventColumns} from './event-columns.js';
import type {PaneProps} from './pane-props.js';
import {TablePane} from './table-pane.js';
import type {Cell, Column} from './windowed-table.js';

const titles: Record<ResourceView, string> = {pods: 'Pods', deployments: 'Deployments', events: 'Events', nodes: 'Nodes', playbooks: 'Playbooks'};
const kinds = {pods: 'Pod', deployments: 'Deployment', events: 'Event', nodes: 'Node', playbooks: 'Namespace'} as const;

export function ResourcesPane({width, height, focused, state, data, theme, now}: PaneProps) {
	const {store} = data.session;
	const view = state.resourceView;
	useSyncExternalStore(data.subscribeStore, () => (view === 'events' ? data.events.version : store.list(kinds[view])));
	const allNamespaces = useSyncExternalStore(data.subscribeStore, () => store.namespace) === null;
	const list = state.lists[view];
	const options = {oldestFirst: !state.eventsNewestFirst};
	const rows = data.rows(view, list.filter, options);
	const keys = data.keys(view, list.filter, options);
	const wide = state.wide || width >= 150;
	const nameWidth = useMemo(() => longestName(rows), [rows]);
	const columns = columnsFor(view, {width, wide, allNamespaces, nameWidth});
	const renderRow = useCallback((row: ListRow) => cellsFor(view, row, {theme, now, wide, allNamespaces, width}), [view, theme, now, wide, allNamespaces, width]);
	const total = view === 'events' ? data.events.size : view === 'playbooks' ? data.session.playbooks.length : store.list(kinds[view]).length;
	const count = list.filter ? `${rows.length}/${total}` : `${total}`;
	const failing = useMemo(() => (view === 'pods' ? (rows as readonly PodRow[]).reduce((sum, row) => sum + (row.health === 'failing' ? 1 : 0), 0) : 0), [view, rows]);
	const status = [failing > 0 ? `${failing} failing` : '', list.filter ? `/${list.filter}/` : '', view === 'events' ? (state.eventsNewestFirst ? 'newest first' : 'oldest first') : ''].filter(Boolean).join(' ');
	return (
		<TablePane
			title={`${titles[view]} (${count})`}
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
			empty={list.filter ? 'nothing matches the filter' : `no ${titles[view].toLowerCase()} here`}
		/>
	);
}

const rowKey = (row: ListRow) => row.key;

function longestName(rows: readonly ListRow[]): number {
	let longest = 4;
	for (const row of rows) {
		const name = (row as {name?: string}).name;
		if (name && name.length > longest) longest = name.length;
	}
	return longest;
}

type ColumnOptions = {width: number; wide: boolean; allNamespaces: boolean; nameWidth: number};

function columnsFor(view: ResourceView, {width, wide, allNamespaces, nameWidth}: ColumnOptions): Column[] {
	const namespace: Column[] = allNamespaces ? [{title: 'NAMESPACE', width: 14}] : [];
	const name = (room: number): Column => ({title: 'NAME', width: Math.max(10, Math.min(nameWidth, room))});
	switch (view) {
		case 'pods': {
			const fixed = 6 + 18 + 12 + 6 + (wide ? 16 : 0) + (allNamespaces ? 15 : 0) + 8;
			return [...namespace, name(width - fixed), {title: 'READY', width: 5}, {title: 'STATUS', width: 17}, {title: 'RESTARTS', width: 11}, {title: 'AGE', width: 5, align: 'right'}, ...(wide ? [{title: 'NODE', width: 0}] : [{title: '', width: 0}])];
		}
		case 'deployments':
			return [...namespace, name(width - 40), {title: 'READY', width: 7}, {title: 'UP-TO-DATE', width: 10}, {title: 'AVAILABLE', width: 9}, {title: 'AGE', width: 5, align: 'right'}, {title: '', width: 0}];
		case 'nodes':
			return [name(width - 50), {title: 'STATUS', width: 12}, {title: 'ROLES', width: 14}, {title: 'AGE', width: 5, align: 'right'}, {title: 'VERSION', width: 0}];
		case 'events':
			return eventColumns(width);
		case 'playbooks':
			return [{title: 'ID', width: 24}, {title: 'SEVERITY', width: 8}, {title: 'TITLE', width: 0}];
	}
}

type CellOptions = {theme: Theme; now: number; wide: boolean; allNamespaces: boolean; width: number};

function cellsFor(view: ResourceView, row: ListRow, {theme, now, wide, allNamespaces, width}: CellOptions): Cell[] {
	switch (view) {
		case 'pods': {
			const pod = row as PodRow;
			const colour = healthColour(theme, pod.health);
			return [
				...(allNamespaces ? [{text: pod.namespace}] : []),
				{text: pod.name, color: colour},
				{text: pod.ready},
				{text: pod.status, color: colour, bold: pod.health === 'failing'},
				{text: restarts(pod, now)},
				{text: age(pod.created, now)},
				{text: wide ? pod.node : ''},
			];
		}
		case 'deployments': {
			const deployment = row as DeploymentRow;
			const colour = healthColour(theme, deployment.health);
			return [
				...(allNamespaces ? [{text: deployment.namespace}] : []),
				{text: deployment.name, color: colour},
				{text: deployment.ready, color: colour},
				{text: String(deployment.upToDate)},
				{text: String(deployment.available)},
				{text: age(deployment.created, now)},
				{text: deployment.reason ?? '', color: colour},
			];
		}
		case 'nodes': {
			const node = row as NodeRow;
			const colour = healthColour(theme, node.health);
			return [{text: node.name, color: colour}, {text: node.status, color: colour}, {text: node.roles}, {text: age(node.created, now)}, {text: node.version}];
		}
		case 'events':
			return eventCells(row as EventRow, theme, now, width);
		case 'playbooks': {
			const {playbook} = row as PlaybookRow;
			return [{text: playbook.id}, {text: playbook.severity, color: playbook.severity === 'error' ? theme.error : theme.warning}, {text: playbook.title}];
		}
	}
}

/** kubectl's RESTARTS: `5 (40s ago)` once a container has restarted. */
function restarts(pod: PodRow, now: number): string {
	if (pod.restartCount === 0 || pod.lastRestart === undefined) return String(pod.restartCount);
	return `${pod.restartCount} (${humanDuration(now - pod.lastRestart)} ago)`;
}
