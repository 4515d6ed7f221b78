// Failed commands' output goes to the live findings as texts; this keeps only the most recent
// few, so a long session of failing steps cannot grow the matcher without bound.
export type TextSink = {setText(name: string, text: string | null): void};

export class RecentTexts implements TextSink {
	/** Names in the order they were last set, oldest first. */
	readonly #names = new Set<string>();

	constructor(
		readonly sink: TextSink,
		readonly limit = 8,
	) {}

	/** Sets (or with null removes) a text; setting one more than the limit removes the oldest. */
	setText(name: string, text: string | null): void {
		this.#names.delete(name);
		if (text !== null) this.#names.add(name);
		this.sink.setText(name, text);
		for (const oldest of this.#names) {
			if (this.#names.size <= this.limit) break;
			this.#names.delete(oldest);
			this.sink.setText(oldest, null);
		}
	}

	names(): string[] {
		return [...this.#names];
	}
}
