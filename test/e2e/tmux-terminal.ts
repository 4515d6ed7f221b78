// A real terminal for e2e tests: a tmux server on its own socket running one command in a
// window of a given size; keys go in with send-keys, the screen comes back with capture-pane.
import {randomUUID} from 'node:crypto';
import {execa} from 'execa';

export type TmuxTerminal = {
	/** The visible screen, one string per row, trailing spaces trimmed. */
	screen(): Promise<string>;
	/** Keys in tmux's send-keys syntax: literal text with `-l`, or names like Enter, Escape, C-u. */
	keys(...keys: string[]): Promise<void>;
	type(text: string): Promise<void>;
	resize(columns: number, rows: number): Promise<void>;
	/** A tmux format about the pane, e.g. `#{alternate_on}`. */
	display(format: string): Promise<string>;
	/** Polls the screen until it holds the text (or the predicate holds); the screen at the end. */
	waitFor(wanted: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	kill(): Promise<void>;
};

export async function startTmux(command: string, options: {columns: number; rows: number; env?: Record<string, string>}): Promise<TmuxTerminal> {
	const socket = `kconsole-e2e-${randomUUID().slice(0, 8)}`;
	const tmux = async (...args: string[]) => (await execa('tmux', ['-L', socket, '-f', '/dev/null', ...args], {timeout: 10_000})).stdout;
	const environment = Object.entries(options.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
	await tmux('new-session', '-d', '-s', 'e2e', '-x', String(options.columns), '-y', String(options.rows), ...environment, command);
	const screen = async () => tmux('capture-pane', '-p', '-t', 'e2e');
	return {
		screen,
		async keys(...keys) {
			await tmux('send-keys', '-t', 'e2e', ...keys);
		},
		async type(text) {
			await tmux('send-keys', '-t', 'e2e', '-l', text);
		},
		async resize(columns, rows) {
			await tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows));
		},
		async display(format) {
			return tmux('display-message', '-p', '-t', 'e2e', format);
		},
		async waitFor(wanted, timeoutMs = 20_000) {
			const matches = typeof wanted === 'function' ? wanted : typeof wanted === 'string' ? (text: string) => text.includes(wanted) : (text: string) => wanted.test(text);
			const deadline = Date.now() + timeoutMs;
			let last = '';
			for (;;) {
				last = await screen();
				if (matches(last)) return last;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(wanted)}; the screen:\n${last}`);
				await new Promise(resolve => setTimeout(resolve, 100));
			}
		},
		async kill() {
			await execa('tmux', ['-L', socket, 'kill-server'], {reject: false});
		},
	};
}
