// A command line becomes argv the way a POSIX shell would split it, but nothing here ever
// runs a shell: shell syntax that would change meaning (pipes, redirects, substitution,
// variables, several commands) is an error rather than something silently passed through.

export type SplitResult = {ok: true; argv: string[]} | {ok: false; error: string};

const operators = new Set(['|', '&', ';', '<', '>', '(', ')']);
const noShell = 'kconsole runs commands without a shell';

export function splitCommandLine(text: string): SplitResult {
	const argv: string[] = [];
	let word = '';
	let inWord = false;
	let sawCommandEnd = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
			if (inWord) {
				argv.push(word);
				word = '';
				inWord = false;
			}
			if (char === '\n' && argv.length > 0) sawCommandEnd = true;
			continue;
		}
		if (char === '#' && !inWord) {
			const end = text.indexOf('\n', i);
			i = end === -1 ? text.length : end - 1;
			continue;
		}
		if (!inWord && sawCommandEnd) return {ok: false, error: 'one command per block (join lines with a trailing backslash)'};
		if (char === '\\') {
			// A backslash before a line end (LF or CRLF) joins the lines.
			const continuation = text[i + 1] === '\n' ? 1 : text.startsWith('\r\n', i + 1) ? 2 : 0;
			if (continuation > 0) {
				i += continuation;
				continue;
			}
			if (i + 1 >= text.length) return {ok: false, error: 'trailing backslash'};
			word += text[++i];
			inWord = true;
		} else if (char === "'") {
			const end = text.indexOf("'", i + 1);
			if (end === -1) return {ok: false, error: 'unterminated single quote'};
			word += text.slice(i + 1, end);
			inWord = true;
			i = end;
		} else if (char === '$' && text[i + 1] === "'") {
			const quoted = readAnsiCQuoted(text, i + 2);
			if (!quoted.ok) return quoted;
			word += quoted.value;
			inWord = true;
			i = quoted.end;
		} else if (char === '"') {
			let j = i + 1;
			for (; j < text.length && text[j] !== '"'; j++) {
				if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1])) {
					if (text[j + 1] !== '\n') word += text[j + 1];
					j++;
				} else if (text[j] === '`' || isExpansion(text, j)) {
					return {ok: false, error: `shell substitution "${expansionText(text, j)}" is not supported: ${noShell}`};
				} else {
					word += text[j];
				}
			}
			if (j >= text.length) return {ok: false, error: 'unterminated double quote'};
			inWord = true;
			i = j;
		} else if (operators.has(char) || char === '`') {
			return {ok: false, error: `shell syntax "${char}" is not supported: ${noShell}`};
		} else if (isExpansion(text, i)) {
			return {ok: false, error: `shell expansion "${expansionText(text, i)}" is not supported: ${noShell}`};
		} else if (char === '~' && !inWord) {
			return {ok: false, error: `"~" is not expanded: ${noShell}; write the full path`};
		} else {
			word += char;
			inWord = true;
		}
	}
	if (inWord) argv.push(word);
	return {ok: true, argv};
}

/** `$name`, `${…}`, `$(…)`, `$1`, `$?` …: what a shell would replace. A `$` before anything else is literal. */
function isExpansion(text: string, index: number): boolean {
	return text[index] === '$' && /[\w{(@*#?!$-]/.test(text[index + 1] ?? '');
}

function expansionText(text: string, index: number): string {
	return text.slice(index).match(/^(?:\$\w+|\$.|`)/)?.[0] ?? text[index];
}

const ansiCEscapes: Record<string, string> = {a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?'};

/** The body of bash's `$'…'` quoting from `start` (just after the opening quote). */
function readAnsiCQuoted(text: string, start: number): {ok: true; value: string; end: number} | {ok: false; error: string} {
	let value = '';
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (char === "'") return {ok: true, value, end: i};
		if (char !== '\\') {
			value += char;
			continue;
		}
		const escape = text[i + 1] ?? '';
		const hex = /^(?:x([\da-fA-F]{1,2})|u([\da-fA-F]{1,4})|U([\da-fA-F]{1,8})|([0-7]{1,3}))/.exec(text.slice(i + 1, i + 10));
		if (escape in ansiCEscapes) {
			value += ansiCEscapes[escape];
			i++;
		} else if (hex) {
			const code = hex[4] === undefined ? Number.parseInt(hex[1] ?? hex[2] ?? hex[3], 16) : Number.parseInt(hex[4], 8);
			if (code > 0x10_ffff) return {ok: false, error: `escape "\\${hex[0]}" is not a character`};
			value += String.fromCodePoint(code);
			i += hex[0].length;
		} else {
			value += `\\${escape}`;
			i++;
		}
	}
	return {ok: false, error: "unterminated $'…' quote"};
}

/** Quote argv for display so that pasting it into a shell runs exactly this argv. */
export function formatArgv(argv: string[]): string {
	return argv.map(quoteArg).join(' ');
}

// Characters a terminal would act on (and line separators, bidi overrides that reorder what is shown).
const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function quoteArg(arg: string): string {
	// Shown as escapes, never raw: the display must not carry escape sequences to the terminal.
	if (unprintable.test(arg)) return ansiCQuote(arg);
	// `{a,b}` and `{1..3}` would be brace-expanded by bash and zsh, `=cmd` expanded by zsh.
	const expands = (arg.includes('{') && /,|\.\./.test(arg)) || arg.startsWith('=');
	if (arg !== '' && /^[\w@%+=:,./{}-]+$/.test(arg) && !expands) return arg;
	return `'${arg.replaceAll("'", `'\\''`)}'`;
}

function ansiCQuote(arg: string): string {
	const named: Record<string, string> = {'\\': '\\\\', "'": "\\'", '\n': '\\n', '\t': '\\t', '\r': '\\r', '\u001b': '\\e'};
	let quoted = '';
	for (const char of arg) {
		const code = char.codePointAt(0)!;
		if (named[char]) quoted += named[char];
		else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
		else if (unprintable.test(char)) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
		else quoted += char;
	}
	return `$'${quoted}'`;
}
