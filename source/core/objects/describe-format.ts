// Pieces of kubectl describe's layout shared by every kind: aligned fields, label lists,
// timestamps, and the Events table.
import {oneLine} from '../text/one-line.js';
import {humanDuration} from './age.js';
import type {EventRow} from './event-fold.js';

/** `Name:   value`, with the value column at `width`; an empty value prints `<none>`. */
export function field(label: string, value: string | number | undefined, width = 18, indent = ''): string {
	const shown = value === undefined || value === '' ? '<none>' : String(value);
	return `${indent}${`${label}:`.padEnd(width)}${shown}`;
}

/** Labels or annotations one per line, aligned under the first, like kubectl. */
export function mapField(label: string, map: Record<string, string> | undefined, width = 18, indent = ''): string[] {
	const entries = Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	if (entries.length === 0) return [field(label, undefined, width, indent)];
	return entries.map(([key, value], index) => {
		const text = `${oneLine(key)}=${oneLine(value)}`;
		return index === 0 ? field(label, text, width, indent) : `${indent}${' '.repeat(width)}${text}`;
	});
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 with a numeric zone in UTC, as kubectl describe prints times: `Wed, 01 May 2024 12:00:00 +0000`. */
export function describeTime(timestamp: string | undefined): string | undefined {
	if (!timestamp) return undefined;
	const date = new Date(timestamp);
	if (Number.isNaN(date.getTime())) return undefined;
	const two = (value: number) => String(value).padStart(2, '0');
	return `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** kubectl's Events section for one object: oldest first, `2m (x4 over 3m)` for repeats. */
export function eventsSection(events: readonly EventRow[], now: number): string[] {
	if (events.length === 0) return ['Events:  <none>'];
	const sorted = [...events].sort((a, b) => a.lastSeen - b.lastSeen);
	const rows = sorted.map(event => {
		const last = humanDuration(now - event.lastSeen);
		const age = event.count > 1 ? `${last} (x${event.count} over ${humanDuration(now - event.firstSeen)})` : last;
		return [event.type, event.reason, age, event.source || '<unknown>', event.message];
	});
	const header = ['Type', 'Reason', 'Age', 'From', 'Message'];
	const rule = header.map(title => '-'.repeat(title.length));
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
	const line = (cells: string[]) => `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] + 2))).join('')}`.trimEnd();
	return ['Events:', line(header), line(rule), ...rows.map(line)];
}
