// Whether to use colour and Unicode glyphs, from the environment of whoever owns the terminal:
// NO_COLOR (https://no-color.org) and TERM=dumb turn colour off; the Linux console and dumb
// terminals get ASCII. Inverse and bold stay: they carry the selection without colour.
import type {TerminalCapabilities} from './console-session.js';

export function terminalCapabilities(env: Record<string, string | undefined>, options: {isTTY?: boolean} = {}): TerminalCapabilities {
	const term = env.TERM ?? '';
	const dumb = term === 'dumb';
	const noColour = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
	const colour = !noColour && (forced || (!dumb && options.isTTY !== false));
	const unicode = !dumb && term !== 'linux' && !/^(C|POSIX)$/.test(env.LC_ALL ?? env.LC_CTYPE ?? env.LANG ?? 'UTF-8');
	return {colour, unicode};
}
