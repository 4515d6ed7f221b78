/** A min-heap of (time, value): the matcher's list of subjects to re-check when evidence ages out. */
export class DeadlineQueue<T> {
	readonly #heap: Array<{at: number; value: T}> = [];

	push(at: number, value: T): void {
		const heap = this.#heap;
		heap.push({at, value});
		let index = heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (heap[parent].at <= heap[index].at) break;
			[heap[parent], heap[index]] = [heap[index], heap[parent]];
			index = parent;
		}
	}

	/** The earliest time in the queue (Infinity when empty). */
	get next(): number {
		return this.#heap[0]?.at ?? Number.POSITIVE_INFINITY;
	}

	pop(): {at: number; value: T} | undefined {
		const heap = this.#heap;
		const top = heap[0];
		const last = heap.pop();
		if (heap.length > 0 && last) {
			heap[0] = last;
			let index = 0;
			for (;;) {
				const left = index * 2 + 1;
				const right = left + 1;
				let smallest = index;
				if (left < heap.length && heap[left].at < heap[smallest].at) smallest = left;
				if (right < heap.length && heap[right].at < heap[smallest].at) smallest = right;
				if (smallest === index) break;
				[heap[smallest], heap[index]] = [heap[index], heap[smallest]];
				index = smallest;
			}
		}
		return top;
	}
}
