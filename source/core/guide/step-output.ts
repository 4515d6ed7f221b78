// A step's output: bounded so a flood cannot grow the state, and searched for captures.
import {outputLimit, type OutputLine} from './guide-state.js';

export function appendOutput(buffer: {output: OutputLine[]; outputDropped: number}, line: OutputLine): {output: OutputLine[]; outputDropped: number} {
	const output = [...buffer.output, line];
	const excess = output.length - outputLimit;
	return excess > 0 ? {output: output.slice(excess), outputDropped: buffer.outputDropped + excess} : {output, outputDropped: buffer.outputDropped};
}

/** Named groups of `pattern` over the step's stdout, or null when it does not match. */
export function captureValues(pattern: RegExp, output: OutputLine[]): Record<string, string> | null {
	const stdout = output.filter(line => line.stream === 'stdout').map(line => line.line).join('\n');
	// A fresh non-global copy: `exec` on a shared global regex would depend on lastIndex.
	const match = new RegExp(pattern.source, pattern.flags.replaceAll(/[gy]/g, '')).exec(stdout);
	if (!match) return null;
	const values: Record<string, string> = {};
	for (const [name, value] of Object.entries(match.groups ?? {})) {
		if (value !== undefined) values[name] = value;
	}
	return values;
}
