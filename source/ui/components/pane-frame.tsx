// A pane: a title rule (inverse when focused) over fixed-size content that never spills.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {fit, type Theme} from '../theme.js';

export type PaneFrameProps = {
	title: string;
	/** Right side of the title rule: counts, filter, state. */
	status?: string;
	width: number;
	height: number;
	focused: boolean;
	theme: Theme;
	children: ReactNode;
};

export function PaneFrame({title, status, width, height, focused, theme, children}: PaneFrameProps) {
	const {rule, focus} = theme.symbols;
	const left = `${focused ? focus : rule} ${title} `;
	// The status gives way to the title: it is cut first when the pane is narrow.
	const room = width - [...left].length - 4;
	const right = status && room > 3 ? ` ${fit(status, Math.min([...status].length, room), theme)} ${rule}` : '';
	const fill = Math.max(0, width - [...left].length - [...right].length);
	const line = fit(`${left}${rule.repeat(fill)}${right}`, width, theme);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate-end" inverse={focused} bold={focused} color={focused ? theme.accent : theme.muted}>
				{line}
			</Text>
			{children}
		</Box>
	);
}
