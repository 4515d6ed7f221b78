// Text from the cluster (logs, events, command output) is shown in our terminal, so anything a
// terminal would obey must go: escape sequences could retitle the window, clear the screen,
// move the cursor over our UI or write to the clipboard (OSC 52). What remains is printable
// text, tabs and newlines.

// Everything we remove starts with one of these; most log lines have none and return untouched.
const controlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ST = 0x9c;

/**
 * Remove ANSI/VT escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-character ESC
 * sequences, their 8-bit forms), C1 controls and C0 controls except tab and newline. A
 * carriage return inside a line keeps only what follows it, as a terminal would show it.
 */
export function stripControlSequences(text: string): string {
	if (!controlCharacter.test(text)) return text;
	let out = '';
	let lineStart = 0;
	let copyFrom = 0;
	for (let index = 0; index < text.length;) {
		const code = text.charCodeAt(index);
		if ((code >= 0x20 && code < 0x7f) || code === 0x09 || code > 0x9f) {
			index++;
			continue;
		}
		out += text.slice(copyFrom, index);
		if (code === 0x0a) {
			out += '\n';
			lineStart = out.length;
			index++;
		} else if (code === 0x0d) {
			// `\r` before a line end is just the end of a CRLF line; before more text it rewinds the line.
			const next = text.charCodeAt(index + 1);
			if (index + 1 < text.length && next !== 0x0a && next !== 0x0d) out = out.slice(0, lineStart);
			index++;
		} else if (code === ESC) {
			index = skipEscape(text, index);
		} else if (code === 0x9b) {
			index = skipControlSequence(text, index + 1);
		} else if (code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) {
			index = skipString(text, index + 1);
		} else {
			index++;
		}
		copyFrom = index;
	}
	return out + text.slice(copyFrom);
}

/** ESC at `index`: returns the index after the sequence it starts. */
function skipEscape(text: string, index: number): number {
	const next = text.charCodeAt(index + 1);
	if (next === 0x5b) return skipControlSequence(text, index + 2); // ESC [
	// ESC ] OSC, ESC P DCS, ESC X SOS, ESC ^ PM, ESC _ APC: strings up to a terminator.
	if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) return skipString(text, index + 2);
	let end = index + 1;
	// ESC, intermediates (0x20–0x2F), a final byte: `ESC ( B`, `ESC # 8`, `ESC c`, `ESC 7`.
	while (end < text.length && text.charCodeAt(end) >= 0x20 && text.charCodeAt(end) <= 0x2f) end++;
	const final = text.charCodeAt(end);
	return final >= 0x30 && final <= 0x7e ? end + 1 : end;
}

/** CSI parameters (0x30–0x3F, private modes included), intermediates (0x20–0x2F), final (0x40–0x7E). */
function skipControlSequence(text: string, index: number): number {
	let end = index;
	while (end < text.length) {
		const code = text.charCodeAt(end);
		if (code >= 0x40 && code <= 0x7e) return end + 1;
		if (code < 0x20 || code > 0x3f) return end; // malformed: stop here and treat this character normally
		end++;
	}
	return end;
}

/** An OSC/DCS/SOS/PM/APC body: ends at BEL, ST (ESC \ or 0x9C), CAN or SUB; unterminated, at the line's end. */
function skipString(text: string, index: number): number {
	for (let end = index; end < text.length; end++) {
		const code = text.charCodeAt(end);
		if (code === BEL || code === ST || code === CAN || code === SUB) return end + 1;
		if (code === ESC) return text.charCodeAt(end + 1) === 0x5c ? end + 2 : end;
		if (code === 0x0a) return end;
	}
	return text.length;
}
