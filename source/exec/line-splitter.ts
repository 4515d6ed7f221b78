// Chunks from a pipe become whole lines: a line is handed on once its newline arrives, and
// what is left when the stream ends is the last line.
import {stripControlSequences} from '../core/text/strip-control.js';

/** A line longer than this is handed on in pieces, so a process printing no newline cannot grow memory. */
export const maxLineLength = 64 * 1024;

export type LineSplitter = {push(chunk: string): void; end(): void};

export function lineSplitter(onLine: (line: string) => void): LineSplitter {
	let pending = '';
	const emit = (line: string) => onLine(stripControlSequences(line.endsWith('\r') ? line.slice(0, -1) : line));
	return {
		push(chunk) {
			pending += chunk;
			let newline = pending.indexOf('\n');
			while (newline !== -1) {
				emit(pending.slice(0, newline));
				pending = pending.slice(newline + 1);
				newline = pending.indexOf('\n');
			}
			while (pending.length > maxLineLength) {
				emit(pending.slice(0, maxLineLength));
				pending = pending.slice(maxLineLength);
			}
		},
		end() {
			if (pending !== '') emit(pending);
			pending = '';
		},
	};
}
