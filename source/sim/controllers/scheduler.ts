import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import type {EventRecorder} from './event-recorder.js';
import {WorkQueue, keyOf, splitKey} from './work-queue.js';

// default-scheduler: binds each new pod to the Ready node running the fewest pods, sets
// PodScheduled and records `Scheduled` the way the scheduler does (events.k8s.io, action Binding).

const pods = resourceFor('Pod');
const nodes = resourceFor('Node');

export class Scheduler {
	private readonly queue: WorkQueue;
	private readonly podsPerNode = new Map<string, number>();
	private readonly placed = new Map<string, string>();
	private readonly unsubscribe: () => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: Clock,
		private readonly recorder: EventRecorder,
		private readonly instance: string,
	) {
		this.queue = new WorkQueue(clock, key => this.schedule(key));
		this.unsubscribe = store.subscribe(event => {
			if (event.resource !== pods) return;
			const key = keyOf(event.object.metadata.namespace, event.object.metadata.name);
			this.count(key, event.type === 'DELETED' ? undefined : event.object.spec?.nodeName);
			if (event.type !== 'DELETED' && !event.object.spec?.nodeName && !event.object.metadata.deletionTimestamp) this.queue.add(key);
		});
	}

	stop(): void {
		this.unsubscribe();
		this.queue.stop();
	}

	private count(key: string, node: string | undefined): void {
		const previous = this.placed.get(key);
		if (previous === node) return;
		if (previous) this.podsPerNode.set(previous, (this.podsPerNode.get(previous) ?? 1) - 1);
		if (node) {
			this.podsPerNode.set(node, (this.podsPerNode.get(node) ?? 0) + 1);
			this.placed.set(key, node);
		} else {
			this.placed.delete(key);
		}
	}

	private schedule(key: string): void {
		const [namespace, name] = splitKey(key);
		const pod = this.store.get(pods, namespace, name);
		if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
		const node = this.pickNode(pod);
		if (!node) return;
		const bound = this.store.mutate(pods, namespace, name, draft => {
			draft.spec.nodeName = node;
			draft.status ??= {};
			draft.status.phase ??= 'Pending';
			const conditions = (draft.status.conditions ?? []).filter((condition: {type: string}) => condition.type !== 'PodScheduled');
			conditions.push({type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.iso()});
			draft.status.conditions = conditions;
		});
		this.recorder.recordSeries(bound, {
			type: 'Normal',
			reason: 'Scheduled',
			message: `Successfully assigned ${namespace}/${name} to ${node}`,
			action: 'Binding',
			component: 'default-scheduler',
			instance: this.instance,
		});
	}

	private pickNode(pod: KubeObject): string | undefined {
		const wanted = pod.spec?.nodeSelector as Record<string, string> | undefined;
		let best: string | undefined;
		let fewest = Number.POSITIVE_INFINITY;
		for (const node of this.store.list(nodes)) {
			const ready = node.status?.conditions?.some((condition: {type: string; status: string}) => condition.type === 'Ready' && condition.status === 'True');
			if (!ready || node.spec?.unschedulable) continue;
			if (wanted && Object.entries(wanted).some(([label, value]) => node.metadata.labels?.[label] !== value)) continue;
			const count = this.podsPerNode.get(node.metadata.name) ?? 0;
			if (count < fewest) {
				fewest = count;
				best = node.metadata.name;
			}
		}
		return best;
	}
}
