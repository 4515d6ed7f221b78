// What every pane gets from the app: where it is, whether it has the keyboard, and the
// shared data, controller, state and theme.
import type {ConsoleController} from '../console-controller.js';
import type {ConsoleData} from '../console-data.js';
import type {ConsoleState} from '../console-state.js';
import type {Theme} from '../theme.js';

export type PaneProps = {
	width: number;
	height: number;
	focused: boolean;
	state: ConsoleState;
	data: ConsoleData;
	controller: ConsoleController;
	theme: Theme;
	now: number;
};
