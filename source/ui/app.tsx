// The console: header, the current view's panes, and the hint bar, for one ConsoleSession.
// Render it with injected streams:
//   render(<App session={session}/>, {stdin, stdout, stderr, patchConsole: false, exitOnCtrlC: false})
import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {useEffect, useMemo, useState, useSyncExternalStore, type ReactNode} from 'react';
import {ConsoleController} from './console-controller.js';
import {ConsoleData} from './console-data.js';
import type {ConsoleSession} from './console-session.js';
import {currentView, focusedPane} from './console-state.js';
import {DescribePane} from './components/describe-pane.js';
import {ErrorBoundary} from './components/error-boundary.js';
import {EventsPane} from './components/events-pane.js';
import {FindingsPane} from './components/findings-pane.js';
import {Footer} from './components/footer.js';
import {Header, headerHeight} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import {LogsPane} from './components/logs-pane.js';
import type {PaneProps} from './components/pane-props.js';
import {PlaybookPane} from './components/playbook-pane.js';
import {ResourcesPane} from './components/resources-pane.js';
import type {PaneId} from './keymap.js';
import {gap, layoutFor, minimumSize, tooSmall, type Size} from './layout.js';
import {themeFor} from './theme.js';
import {useNow} from './use-now.js';

const panes: Record<PaneId, (props: PaneProps) => ReactNode> = {
	findings: FindingsPane,
	resources: ResourcesPane,
	events: EventsPane,
	logs: LogsPane,
	describe: DescribePane,
	playbook: PlaybookPane,
};

export function App({session}: {session: ConsoleSession}) {
	const {exit} = useApp();
	const size = useTerminalSize();
	const theme = useMemo(() => themeFor(session.terminal), [session.terminal]);
	const clock = useMemo(() => session.now ?? Date.now, [session]);
	const now = useNow(clock);
	const header = headerHeight(session);
	const [{data, controller}] = useState(() => {
		const data = new ConsoleData(session);
		return {data, controller: new ConsoleController(session, data, {exit: () => exit(), size, headerHeight: header})};
	});
	controller.setSize(size);
	const state = useSyncExternalStore(controller.subscribe, controller.getState);
	useInput((input, key) => controller.handleInput(input, key));
	// A pod that arrives after its logs were asked for gets its stream then.
	useEffect(() => session.store.subscribe(() => controller.syncLogs()), [session, controller]);
	useEffect(
		() => () => {
			controller.dispose();
			data.dispose();
		},
		[controller, data],
	);

	const view = currentView(state);
	return (
		<ErrorBoundary key={`${state.views.length}:${view.type}:${state.resourceView}:${state.mode}`} colour={theme.error}>
			<Screen {...{size, state, data, controller, theme, now, header}} />
		</ErrorBoundary>
	);
}

type ScreenProps = Omit<PaneProps, 'width' | 'height' | 'focused'> & {size: Size; header: number};

function Screen({size, state, data, controller, theme, now, header}: ScreenProps) {
	const frameHeight = size.rows - 1;
	if (tooSmall(size)) {
		return (
			<Box width={size.columns} height={frameHeight} flexDirection="column">
				<Text wrap="wrap" color={theme.warning} bold>
					{`kconsole needs a terminal of at least ${minimumSize.columns}x${minimumSize.rows}; this one is ${size.columns}x${size.rows}. Make it bigger, or press q to quit.`}
				</Text>
			</Box>
		);
	}
	if (state.mode === 'help') return <HelpOverlay width={size.columns} height={frameHeight} theme={theme} />;
	const view = currentView(state);
	const focus = focusedPane(state);
	const layout = layoutFor(view, state.resourceView, size, header);
	const shared = {state, data, controller, theme, now};
	return (
		<Box flexDirection="column" width={size.columns} height={frameHeight}>
			<Header data={data} width={size.columns} theme={theme} now={now} />
			<Box flexDirection="column" height={layout.bodyHeight}>
				{layout.rows.map((row, rowIndex) => (
					<Box key={rowIndex} flexDirection="row" height={row[0].height} columnGap={gap}>
						{row.map(box => {
							const Pane = panes[box.pane];
							return <Pane key={box.pane} {...shared} width={box.width} height={box.height} focused={box.pane === focus} />;
						})}
					</Box>
				))}
			</Box>
			<Footer state={state} pane={focus} flags={controller.flags()} width={size.columns} theme={theme} />
		</Box>
	);
}

/** The terminal's size from the injected stdout, following its resize events. */
function useTerminalSize(): Size {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
