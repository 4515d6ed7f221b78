// One container's log: follows the end, or stays where you scrolled; pause freezes the view
// while lines keep arriving; search highlights; wrap folds long lines; lines dropped from
// the buffer are counted. Lines reach React through the stream's batched signal (≤ 20/s).
import {Box, Text} from 'ink';
import {useMemo, useRef, useSyncExternalStore} from 'react';
import {oneLine} from '../../core/text/one-line.js';
import type {LogSource} from '../console-session.js';
import type {Theme} from '../theme.js';
import {PaneFrame} from './pane-frame.js';
import type {PaneProps} from './pane-props.js';

const noSubscription = () => () => {};

export function LogsPane({width, height, focused, state, controller, theme}: PaneProps) {
	const source = useSyncExternalStore(controller.subscribe, () => controller.logSource());
	const subscribe = useMemo(() => (source ? (listener: () => void) => source.subscribe(listener) : noSubscription), [source]);
	useSyncExternalStore(subscribe, () => (source ? `${source.buffer.version}:${source.state.status}` : ''));
	const frozen = useRef<{source: LogSource; lines: readonly string[]} | null>(null);
	const {logs} = state;
	const target = controller.logTarget();
	const rows = Math.max(1, height - 1);
	if (!source || !target) {
		const hint = logs.target ? oneLine(`waiting for pod ${logs.target.namespace}/${logs.target.pod}…`) : 'select a pod (or a finding about one) and press l';
		return (
			<PaneFrame title="Logs" width={width} height={height} focused={focused} theme={theme}>
				<Text color={theme.muted}>{`  ${hint}`}</Text>
			</PaneFrame>
		);
	}
	const live = source.buffer.lines();
	if (!logs.paused || frozen.current?.source !== source) frozen.current = logs.paused ? {source, lines: live} : null;
	const lines = frozen.current?.lines ?? live;
	const shown = visibleLines(lines, logs.scroll, rows, logs.wrap ? Math.max(1, width) : 0);
	const flags = [
		logs.previous ? 'previous' : '',
		logs.paused ? `paused${live !== lines ? ' (more below)' : ''}` : logs.scroll === null ? 'following' : `line ${logs.scroll + 1}/${lines.length}`,
		logs.wrap ? 'wrap' : '',
		source.buffer.dropped > 0 ? `${source.buffer.dropped.toLocaleString('en-US')} dropped` : '',
		logs.search ? `/${logs.search}/` : '',
		streamNote(source),
	].filter(Boolean);
	return (
		<PaneFrame title={oneLine(`Logs ${target.namespace}/${target.pod} [${target.container}]`)} status={flags.join(' · ')} width={width} height={height} focused={focused} theme={theme}>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{shown.length === 0 ? <Text color={theme.muted}>{source.state.status === 'connecting' ? '  connecting…' : '  (no log lines)'}</Text> : null}
				{shown.map((line, index) => (
					<Text key={index} wrap="truncate-end">
						<Highlighted text={line} search={logs.search} theme={theme} />
					</Text>
				))}
			</Box>
		</PaneFrame>
	);
}

function streamNote(source: LogSource): string {
	const {status, message} = source.state;
	if (status === 'error') return `error: ${oneLine(message) || 'the log stream failed'}`;
	if (status === 'ended') return 'ended';
	return '';
}

/** The screen lines: from `scroll` on, or the last ones; with `wrap` > 0, long lines fold at that width. */
export function visibleLines(lines: readonly string[], scroll: number | null, rows: number, wrap: number): string[] {
	if (wrap <= 0) {
		const start = scroll === null ? Math.max(0, lines.length - rows) : Math.min(scroll, Math.max(0, lines.length - 1));
		return lines.slice(start, start + rows);
	}
	const pieces = (line: string): string[] => {
		const characters = [...line];
		if (characters.length <= wrap) return [line];
		const parts: string[] = [];
		for (let index = 0; index < characters.length; index += wrap) parts.push(characters.slice(index, index + wrap).join(''));
		return parts;
	};
	if (scroll === null) {
		const out: string[] = [];
		for (let index = lines.length - 1; index >= 0 && out.length < rows; index--) out.unshift(...pieces(lines[index]));
		return out.slice(-rows);
	}
	const out: string[] = [];
	for (let index = scroll; index < lines.length && out.length < rows; index++) out.push(...pieces(lines[index]));
	return out.slice(0, rows);
}

function Highlighted({text, search, theme}: {text: string; search: string; theme: Theme}) {
	const parts = splitMatches(text, search);
	if (parts.length === 1) return <>{text === '' ? ' ' : text}</>;
	return (
		<>
			{parts.map((part, index) =>
				index % 2 === 1 ? (
					<Text key={index} inverse color={theme.warning}>
						{part}
					</Text>
				) : (
					part
				),
			)}
		</>
	);
}

/** Text split around matches of the search: even parts plain, odd parts matched. */
export function splitMatches(text: string, search: string): string[] {
	if (!search) return [text];
	let pattern: RegExp;
	try {
		pattern = new RegExp(search, 'gi');
	} catch {
		pattern = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
	}
	const parts: string[] = [];
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		if (match[0] === '') break;
		parts.push(text.slice(last, match.index), match[0]);
		last = match.index + match[0].length;
	}
	parts.push(text.slice(last));
	return parts;
}

