// A ```sh step runs through a shell (pipes are the point of it), so its values must never be
// pasted into the script: each `{{name}}` becomes a quoted reference to the environment
// variable KCONSOLE_name, and the validated value travels in the environment, where the
// shell never parses it.
import {placeholderPattern} from './placeholders.js';
import {validatePlaceholder} from './validate-value.js';

export type ShellCommandResult = {ok: true; argv: string[]; env: Record<string, string>} | {ok: false; error: string};

type Frame =
	| {kind: 'top'}
	| {kind: 'double'}
	| {kind: 'command'; depth: number};

export function shellCommand(text: string, values: Record<string, string | undefined>, shell = '/bin/sh'): ShellCommandResult {
	const env: Record<string, string> = {};
	const reference = (name: string): {ok: true; variable: string} | {ok: false; error: string} => {
		const value = values[name];
		if (value === undefined || value === '') return {ok: false, error: `no value for {{${name}}}`};
		const problem = validatePlaceholder(name, value);
		if (problem !== null) return {ok: false, error: problem};
		env[`KCONSOLE_${name}`] = value;
		return {ok: true, variable: `\${KCONSOLE_${name}}`};
	};
	const placeholder = placeholderPattern();
	const placeholderAt = (index: number): RegExpExecArray | null => {
		placeholder.lastIndex = index;
		const match = placeholder.exec(text);
		return match?.index === index ? match : null;
	};
	const stack: Frame[] = [{kind: 'top'}];
	// Set once the rest of the script can no longer be read reliably (a here-document, $'…').
	let opaqueFrom: string | undefined;
	let out = '';
	for (let index = 0; index < text.length;) {
		const frame = stack.at(-1)!;
		const char = text[index];
		const match = placeholderAt(index);
		if (match) {
			if (opaqueFrom !== undefined) return {ok: false, error: `{{${match[1]}}}: placeholders after ${opaqueFrom} are not supported in sh steps`};
			const filled = reference(match[1]);
			if (!filled.ok) return filled;
			out += frame.kind === 'double' ? filled.variable : `"${filled.variable}"`;
			index += match[0].length;
			continue;
		}
		if (char === '\\') {
			if (placeholderAt(index + 1)) return {ok: false, error: 'a placeholder after a backslash is not supported in sh steps'};
			out += text.slice(index, index + 2);
			index += 2;
			continue;
		}
		if (frame.kind !== 'double' && char === "'") {
			const end = text.indexOf("'", index + 1);
			if (end === -1) return {ok: false, error: 'unterminated single quote'};
			// Inside single quotes nothing expands: close them around the variable and reopen.
			let quoted = '';
			for (let inner = index + 1; inner < end;) {
				const innerMatch = placeholderAt(inner);
				if (innerMatch && innerMatch.index + innerMatch[0].length <= end) {
					if (opaqueFrom !== undefined) return {ok: false, error: `{{${innerMatch[1]}}}: placeholders after ${opaqueFrom} are not supported in sh steps`};
					const filled = reference(innerMatch[1]);
					if (!filled.ok) return filled;
					quoted += `'"${filled.variable}"'`;
					inner += innerMatch[0].length;
				} else {
					quoted += text[inner++];
				}
			}
			out += `'${quoted}'`;
			index = end + 1;
			continue;
		}
		if (frame.kind !== 'double' && char === '#' && (index === 0 || /[\s;&|()<>]/.test(text[index - 1]))) {
			const end = text.indexOf('\n', index);
			const stop = end === -1 ? text.length : end;
			out += text.slice(index, stop);
			index = stop;
			continue;
		}
		const unsupported = unsupportedConstruct(text, index);
		if (unsupported) {
			const skipped = skipConstruct(text, index, unsupported);
			if (skipped.placeholder) return {ok: false, error: `{{${skipped.placeholder}}}: placeholders inside ${unsupported} are not supported in sh steps`};
			out += text.slice(index, skipped.end);
			index = skipped.end;
			continue;
		}
		if (text.startsWith('$(', index)) {
			stack.push({kind: 'command', depth: 0});
			out += '$(';
			index += 2;
			continue;
		}
		if (frame.kind !== 'double' && text.startsWith('<<', index) && !text.startsWith('<<<', index)) opaqueFrom = 'a here-document';
		if (frame.kind !== 'double' && text.startsWith("$'", index)) opaqueFrom = "$'…' quoting";
		if (char === '"') {
			if (frame.kind === 'double') stack.pop();
			else stack.push({kind: 'double'});
		} else if (frame.kind === 'command' && char === '(') {
			frame.depth++;
		} else if (frame.kind === 'command' && char === ')') {
			if (frame.depth === 0) stack.pop();
			else frame.depth--;
		}
		out += char;
		index++;
	}
	if (stack.length > 1) return {ok: false, error: stack.at(-1)!.kind === 'double' ? 'unterminated double quote' : 'unterminated $(…)'};
	return {ok: true, argv: [shell, '-c', out], env};
}

type Construct = '`…`' | '${…}' | '$((…))';

/** Constructs whose quoting rules we do not model; they are copied as written and may not hold placeholders. */
function unsupportedConstruct(text: string, index: number): Construct | undefined {
	if (text[index] === '`') return '`…`';
	if (text.startsWith('$((', index)) return '$((…))';
	if (text.startsWith('${', index)) return '${…}';
	return undefined;
}

function skipConstruct(text: string, index: number, construct: Construct): {end: number; placeholder?: string} {
	let end = text.length;
	if (construct === '`…`') {
		for (let i = index + 1; i < text.length; i++) {
			if (text[i] === '\\') i++;
			else if (text[i] === '`') {
				end = i + 1;
				break;
			}
		}
	} else {
		const [open, close] = construct === '${…}' ? ['{', '}'] : ['(', ')'];
		let depth = 0;
		for (let i = index + 1; i < text.length; i++) {
			if (text[i] === open) depth++;
			else if (text[i] === close && --depth === 0) {
				end = i + 1;
				break;
			}
		}
	}
	const inside = [...text.slice(index, end).matchAll(placeholderPattern())][0];
	return {end, placeholder: inside?.[1]};
}
