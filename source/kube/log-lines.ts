// Text arriving in arbitrary chunks becomes whole lines with terminal control sequences removed,
// before any pane, matcher or report sees them.
import {stripControlSequences} from '../core/text/strip-control.js';

/** A "line" that never ends is flushed at this length rather than held forever. */
const maxPartial = 64 * 1024;

export class LineSplitter {
	#partial = '';

	/** The complete lines in this chunk (with what was left over from the last one). */
	push(chunk: string): string[] {
		const text = this.#partial + chunk;
		const end = text.lastIndexOf('\n');
		if (end < 0) {
			if (text.length <= maxPartial) {
				this.#partial = text;
				return [];
			}
			this.#partial = '';
			return [stripControlSequences(text)];
		}
		this.#partial = text.slice(end + 1);
		return text.slice(0, end).split('\n').map(line => stripControlSequences(line));
	}

	/** The last line when the text did not end with a newline. */
	end(): string[] {
		const rest = this.#partial;
		this.#partial = '';
		return rest === '' ? [] : [stripControlSequences(rest)];
	}
}

/** A whole text (a fetched tail) as clean lines. */
export function splitLogText(text: string): string[] {
	const splitter = new LineSplitter();
	return [...splitter.push(text), ...splitter.end()];
}
