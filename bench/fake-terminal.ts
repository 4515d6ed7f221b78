// A terminal in memory for benchmarks: Ink writes to a TTY-like stream whose bytes go into
// @xterm/headless, so "the frame shows X" is judged on the screen a user would see.
import {PassThrough, Writable} from 'node:stream';
import xterm from '@xterm/headless';

const {Terminal} = xterm;

export type FakeTerminal = {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	/** The screen's rows as text. */
	screen(): string[];
	/** Resolves at the first screen (after a write has been parsed) where the predicate holds. */
	waitFor(predicate: (screen: string[]) => boolean, timeoutMs?: number): Promise<number>;
	/** Bytes and writes Ink sent so far. */
	stats(): {bytes: number; writes: number};
	dispose(): void;
};

export function createFakeTerminal(columns: number, rows: number): FakeTerminal {
	// A TTY turns \n into \r\n (onlcr); Ink relies on it.
	const term = new Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true});
	const waiters = new Set<() => void>();
	let bytes = 0;
	let writes = 0;
	const stdout = new Writable({
		write(chunk: Buffer | string, _encoding, callback) {
			const text = String(chunk);
			bytes += Buffer.byteLength(text);
			writes++;
			term.write(text, () => {
				for (const waiter of [...waiters]) waiter();
			});
			callback();
		},
	}) as unknown as NodeJS.WriteStream;
	Object.assign(stdout, {isTTY: true, columns, rows});
	const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
	Object.assign(stdin, {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
	const screen = () => {
		const buffer = term.buffer.active;
		return Array.from({length: rows}, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
	};
	return {
		stdout,
		stdin,
		screen,
		waitFor(predicate, timeoutMs = 60_000) {
			const started = performance.now();
			return new Promise((resolve, reject) => {
				const check = () => {
					if (!predicate(screen())) return;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(performance.now() - started);
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`the screen never matched; it shows:\n${screen().join('\n')}`));
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		stats: () => ({bytes, writes}),
		dispose: () => term.dispose(),
	};
}
