// One pane rendered as the app would render it: fed by a real ConsoleData and controller,
// re-rendered on state changes, keys through the controller.
import {render} from 'ink-testing-library';
import {useSyncExternalStore} from 'react';
import {ConsoleController} from '../../../source/ui/console-controller.js';
import {ConsoleData} from '../../../source/ui/console-data.js';
import type {ConsoleSession} from '../../../source/ui/console-session.js';
import type {PaneProps} from '../../../source/ui/components/pane-props.js';
import {focusedPane} from '../../../source/ui/console-state.js';
import type {PaneId} from '../../../source/ui/keymap.js';
import {themeFor} from '../../../source/ui/theme.js';
import {waitFor} from './console-fixture.js';

type Pane = (props: PaneProps) => React.ReactNode;

export function renderPane(session: ConsoleSession, Pane: Pane, options: {width?: number; height?: number; focused?: boolean; now?: number; focus?: PaneId} = {}) {
	const data = new ConsoleData(session);
	// Tall enough that page sizes come from a real layout (the overview's logs pane is 10 rows here).
	const size = {columns: options.width ?? 100, rows: 40};
	const controller = new ConsoleController(session, data, {exit() {}, size, headerHeight: 2});
	const theme = themeFor(session.terminal);
	// The keyboard goes where the user would have Tabbed to.
	for (let tries = 0; options.focus && focusedPane(controller.getState()) !== options.focus && tries < 6; tries++) controller.press('tab');
	function Harness() {
		const state = useSyncExternalStore(controller.subscribe, controller.getState);
		return <Pane width={options.width ?? 100} height={options.height ?? 12} focused={options.focused ?? true} state={state} data={data} controller={controller} theme={theme} now={options.now ?? session.now?.() ?? Date.now()} />;
	}
	const rendered = render(<Harness />);
	const frame = () => rendered.lastFrame() ?? '';
	return {
		...rendered,
		data,
		controller,
		frame,
		/** Frame text without colour codes. */
		text: () => strip(frame()),
		press: (...keys: string[]) => {
			for (const key of keys) controller.press(key);
		},
		waitForText: async (text: string | RegExp) => waitFor(() => (typeof text === 'string' ? strip(frame()).includes(text) : text.test(strip(frame()))), () => `"${String(text)}" on screen:\n${strip(frame())}`),
		cleanup: () => {
			rendered.unmount();
			controller.dispose();
			data.dispose();
		},
	};
}

export function strip(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001b\[[0-9;]*m/g, '');
}
