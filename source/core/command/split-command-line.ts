// A command line becomes argv the way a POSIX shell would split it, but nothing here ever
// runs a shell: shell syntax that would change meaning (pipes, redirects, substitution,
// several commands) is an error rather than something silently passed through.

export type SplitResult = {ok: true; argv: string[]} | {ok: false; error: string};

const operators = new Set(['|', '&', ';', '<', '>', '(', ')']);

export function splitCommandLine(text: string): SplitResult {
	const argv: string[] = [];
	let word = '';
	let inWord = false;
	let sawCommandEnd = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === "'") {
			const end = text.indexOf("'", i + 1);
			if (end === -1) return {ok: false, error: 'unterminated single quote'};
			word += text.slice(i + 1, end);
			inWord = true;
			i = end;
		} else if (char === '"') {
			let j = i + 1;
			for (; j < text.length && text[j] !== '"'; j++) {
				if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1])) {
					if (text[j + 1] !== '\n') word += text[j + 1];
					j++;
				} else if (text[j] === '$' || text[j] === '`') {
					return {ok: false, error: `shell substitution "${text[j]}" is not supported: kconsole runs commands without a shell`};
				} else {
					word += text[j];
				}
			}
			if (j >= text.length) return {ok: false, error: 'unterminated double quote'};
			inWord = true;
			i = j;
		} else if (char === '\\') {
			if (i + 1 >= text.length) return {ok: false, error: 'trailing backslash'};
			if (text[i + 1] !== '\n') {
				word += text[i + 1];
				inWord = true;
			}
			i++;
		} else if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
			if (inWord) {
				argv.push(word);
				word = '';
				inWord = false;
			}
			if (char === '\n' && argv.length > 0) sawCommandEnd = true;
		} else if (char === '#' && !inWord) {
			const end = text.indexOf('\n', i);
			i = end === -1 ? text.length : end - 1;
		} else if (operators.has(char) || char === '`' || (char === '$' && '({'.includes(text[i + 1] ?? ''))) {
			return {ok: false, error: `shell syntax "${char}" is not supported: kconsole runs commands without a shell`};
		} else {
			if (sawCommandEnd && !inWord) return {ok: false, error: 'one command per block (join lines with a trailing backslash)'};
			word += char;
			inWord = true;
		}
	}
	if (inWord) argv.push(word);
	return {ok: true, argv};
}

/** Quote argv for display so that pasting it into a shell runs exactly this argv. */
export function formatArgv(argv: string[]): string {
	return argv.map(quoteArg).join(' ');
}

function quoteArg(arg: string): string {
	if (arg !== '' && /^[\w@%+=:,./{}-]+$/.test(arg)) return arg;
	return `'${arg.replaceAll("'", `'\\''`)}'`;
}
