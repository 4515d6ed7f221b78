// The top of the screen: which cluster and namespace, whether each watch is live, and how
// many findings of each severity. A failed watch shows here; the rest keeps working.
import {Box, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import type {WatchedKind} from '../../core/objects/types.js';
import {oneLine} from '../../core/text/one-line.js';
import type {ConnectionState} from '../../kube/cluster-store.js';
import {kindResources} from '../../kube/kind-resources.js';
import type {ConsoleData} from '../console-data.js';
import type {ConsoleSession} from '../console-session.js';
import {fit, type Theme} from '../theme.js';

export function headerHeight(session: ConsoleSession): number {
	return session.banner ? 3 : 2;
}

export function Header({data, width, theme, now}: {data: ConsoleData; width: number; theme: Theme; now: number}) {
	const {session} = data;
	const {store, findings, target} = session;
	const connections = useSyncExternalStore(data.subscribeStore, () => store.connections());
	const namespace = useSyncExternalStore(data.subscribeStore, () => store.namespace);
	const all = useSyncExternalStore(data.subscribeFindings, () => findings.findings());
	const errors = all.filter(finding => finding.severity === 'error').length;
	const warnings = all.length - errors;
	const dot = theme.symbols.severity;
	return (
		<Box flexDirection="column" width={width}>
			{session.banner ? (
				<Text wrap="truncate-end" inverse color={theme.warning} bold>
					{fit(` ${oneLine(session.banner)} `, width, theme)}
				</Text>
			) : null}
			<Text wrap="truncate-end">
				<Text bold color={theme.accent}>kconsole</Text>
				<Text color={theme.muted}> ctx </Text>
				<Text bold>{oneLine(target.context)}</Text>
				<Text color={theme.muted}> server </Text>
				<Text>{oneLine(target.server)}</Text>
				<Text color={theme.muted}> ns </Text>
				<Text bold>{namespace ?? 'all namespaces'}</Text>
				{target.readOnly ? (
					<Text inverse bold color={theme.warning}>
						{' READ-ONLY '}
					</Text>
				) : null}
				<Text>{'  '}</Text>
				<Text color={errors > 0 ? theme.error : theme.muted} bold={errors > 0}>{`${dot} ${errors} error${errors === 1 ? '' : 's'}`}</Text>
				<Text>{'  '}</Text>
				<Text color={warnings > 0 ? theme.warning : theme.muted} bold={warnings > 0}>{`${dot} ${warnings} warning${warnings === 1 ? '' : 's'}`}</Text>
			</Text>
			<Text wrap="truncate-end">
				<Text color={theme.muted}>watches </Text>
				{watchSummary(connections, now).map((part, index) => (
					<Text key={index} color={part.status === 'live' ? theme.ok : part.status === 'connecting' ? theme.muted : part.status === 'forbidden' ? theme.warning : theme.error}>
						{`${index > 0 ? ' · ' : ''}${part.text}`}
					</Text>
				))}
			</Text>
		</Box>
	);
}

type WatchPart = {status: ConnectionState['status']; text: string};

/** Live kinds counted, the others named with their state: `9 live · pods retrying in 4s (connection refused)`. */
export function watchSummary(connections: ReadonlyMap<WatchedKind, ConnectionState>, now: number): WatchPart[] {
	const entries = [...connections];
	const live = entries.filter(([, state]) => state.status === 'live').length;
	const parts: WatchPart[] = [];
	if (live === entries.length) return [{status: 'live', text: `all ${live} live`}];
	if (live > 0) parts.push({status: 'live', text: `${live} live`});
	const connecting = entries.filter(([, state]) => state.status === 'connecting').map(([kind]) => kindResources[kind].plural);
	if (connecting.length > 0) parts.push({status: 'connecting', text: `connecting: ${connecting.join(', ')}`});
	for (const [kind, state] of entries) {
		if (state.status === 'live' || state.status === 'connecting') continue;
		const retry = state.retryAt === undefined ? '' : ` in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))}s`;
		const what = state.status === 'forbidden' ? 'forbidden' : state.status === 'retrying' ? `retrying${retry}` : `unavailable, retrying${retry}`;
		parts.push({status: state.status, text: `${kindResources[kind].plural} ${what}${state.message ? ` (${oneLineMessage(state.message)})` : ''}`});
	}
	return parts;
}

function oneLineMessage(message: string): string {
	const line = oneLine(message.split('\n')[0]);
	return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
