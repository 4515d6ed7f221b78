// Serializes what the store keeps in the turns after it is written, a few milliseconds at a time:
// 30,000 pods created at once are not slowed down by it, and the first list finds their bytes
// ready. A list that comes sooner serializes what is left itself (objectBytes is lazy too).
import type {KubeObject} from '../../core/objects/types.js';
import {objectBytes} from './object-json.js';
import type {Resource} from './resources.js';

const sliceMs = 8;

export class IdleSerializer {
	private pending: Array<[Resource, KubeObject]> = [];
	private scheduled = false;

	/** `isCurrent` skips objects replaced or deleted before their turn came. */
	constructor(
		private readonly isCurrent: (resource: Resource, object: KubeObject) => boolean,
		private readonly serialize: (object: KubeObject) => unknown = objectBytes,
	) {}

	add(resource: Resource, object: KubeObject): void {
		this.pending.push([resource, object]);
		this.schedule();
	}

	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		// Not unref'd: an unreferenced immediate only runs when something else wakes the event loop.
		setImmediate(() => this.run());
	}

	private run(): void {
		this.scheduled = false;
		const deadline = performance.now() + sliceMs;
		let next = 0;
		while (next < this.pending.length) {
			const [resource, object] = this.pending[next++];
			if (this.isCurrent(resource, object)) this.serialize(object);
			if (next % 64 === 0 && performance.now() > deadline) break;
		}
		this.pending = next === this.pending.length ? [] : this.pending.slice(next);
		if (this.pending.length > 0) this.schedule();
	}
}
