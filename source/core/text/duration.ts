// Durations as playbooks and flags write them: a whole number and one unit, `500ms`, `30s`,
// `2m`, `1h`. One grammar for `timeout=` in an action block and for `kconsole guide --timeout`.

const unitMs = {ms: 1, s: 1000, m: 60_000, h: 3_600_000} as const;

/** Milliseconds, or undefined when the text is not a positive whole number with a unit. */
export function parseDuration(text: string): number | undefined {
	const match = /^(\d+)(ms|s|m|h)$/.exec(text);
	if (!match || Number(match[1]) === 0) return undefined;
	return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
}

/** The largest unit that divides the time evenly: parseDuration(formatDuration(ms)) === ms. */
export function formatDuration(ms: number): string {
	for (const unit of ['h', 'm', 's'] as const) if (ms % unitMs[unit] === 0) return `${ms / unitMs[unit]}${unit}`;
	return `${ms}ms`;
}
