// kubectl describe, written by kconsole from the store and the events it holds.
import {Box, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import {subjectLabel} from '../../core/match/subject-label.js';
import {oneLine} from '../../core/text/one-line.js';
import {currentView} from '../console-state.js';
import {PaneFrame} from './pane-frame.js';
import type {PaneProps} from './pane-props.js';

export function DescribePane({width, height, focused, state, data, theme, now}: PaneProps) {
	const {store} = data.session;
	useSyncExternalStore(data.subscribeStore, () => store.version);
	const view = currentView(state);
	const ref = view.type === 'pod' ? view.pod : view.type === 'describe' ? view.object : undefined;
	if (!ref) return null;
	const lines = data.describe(ref, now);
	const rows = Math.max(1, height - 1);
	const start = Math.min(state.scroll.describe, Math.max(0, lines.length - rows));
	const shown = lines.slice(start, start + rows);
	const position = lines.length > rows ? `${start + 1}-${start + shown.length}/${lines.length}` : '';
	const title = oneLine(ref.kind === 'Playbook' ? `Playbook ${ref.name}` : `Describe ${subjectLabel(ref, '/')}`);
	return (
		<PaneFrame title={title} status={position} width={width} height={height} focused={focused} theme={theme}>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{shown.map((line, index) => (
					<Text key={start + index} wrap="truncate-end" color={/^[A-Z][\w ]*:$/.test(line) ? theme.accent : undefined} bold={/^[A-Z][\w ]*:$/.test(line)}>
						{line === '' ? ' ' : line}
					</Text>
				))}
			</Box>
		</PaneFrame>
	);
}
