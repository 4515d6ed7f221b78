// The terminal around the console: the alternate screen while it runs (the user's scrollback
// stays untouched), a clean slate on every resize (a shrink would otherwise leave stale
// lines), and the cursor shown again on the way out. Works on any stream: a TTY or an SSH channel.
import type {Writable} from 'node:stream';

export type ScreenStream = Writable & {columns?: number; rows?: number; on(event: 'resize', listener: () => void): unknown; off(event: 'resize', listener: () => void): unknown};

const enter = '\u001b[?1049h\u001b[H\u001b[2J\u001b[?25l';
const leave = '\u001b[?25h\u001b[?1049l';
const clear = '\u001b[2J\u001b[3J\u001b[H';

/**
 * Call before Ink's render(): this resize listener then runs before Ink redraws, so the
 * redraw lands on a cleared screen. Returns the function that restores the terminal.
 */
export function enterFullScreen(stdout: ScreenStream): () => void {
	stdout.write(enter);
	let size = `${stdout.columns}x${stdout.rows}`;
	const onResize = () => {
		const next = `${stdout.columns}x${stdout.rows}`;
		if (next === size) return;
		size = next;
		stdout.write(clear);
	};
	stdout.on('resize', onResize);
	let restored = false;
	return () => {
		if (restored) return;
		restored = true;
		stdout.off('resize', onResize);
		stdout.write(leave);
	};
}
