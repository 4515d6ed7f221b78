import type {Container, KubeObject} from '../../core/objects/types.js';
import type {Timer} from '../clock.js';
import type {StoreEvent} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import {qosClass} from './container-spec.js';
import {ContainerRunner, type KubeletContext, type PodHandle} from './container-runner.js';
import {type PodModel, buildStatus} from './kubelet-status.js';

// The kubelets of all simulated nodes: each pod bound to a node gets a sandbox (pod IP),
// its containers run (see ContainerRunner) and its status is written back in batches.
// Deleted pods stop their containers (Killing) and are removed after a short grace.
// Pods created already running (bulk pods, static pods) are adopted without any timer.

const pods = resourceFor('Pod');
const sandboxDelayMs = 300;
const maxGraceMs = 2000;

export class Kubelet {
	private readonly workers = new Map<string, PodWorker>();
	private readonly adoptedTerminating = new Set<string>();
	private readonly images = new Map<string, Set<string>>();
	private readonly allocated = new Map<string, number>();
	private readonly unsubscribe: () => void;

	constructor(readonly context: Omit<KubeletContext, 'nodeImages'>, private readonly nodes: string[]) {
		this.unsubscribe = context.store.subscribe(event => this.observe(event));
	}

	stop(): void {
		this.unsubscribe();
		for (const worker of this.workers.values()) worker.dispose();
		this.workers.clear();
	}

	/** Images on a node: preloaded ones, then whatever it pulled. */
	nodeImages(node: string): Set<string> {
		let images = this.images.get(node);
		if (!images) this.images.set(node, (images = new Set(this.context.registry.preloaded())));
		return images;
	}

	/** The next pod IP on a node: 10.244.<node>.x, spilling into further /24s for large numbers of pods. */
	allocateIP(node: string): string {
		const index = Math.max(0, this.nodes.indexOf(node));
		const count = this.allocated.get(node) ?? 0;
		this.allocated.set(node, count + 1);
		const block = index + this.nodes.length * Math.floor(count / 253);
		return `10.244.${block % 256}.${(count % 253) + 2}`;
	}

	private observe(event: StoreEvent): void {
		if (event.resource !== pods) return;
		const pod = event.object;
		const uid = pod.metadata.uid!;
		if (event.type === 'DELETED') {
			this.workers.get(uid)?.dispose();
			this.workers.delete(uid);
			this.adoptedTerminating.delete(uid);
			this.context.logs.removePod(pod.metadata.namespace!, pod.metadata.name);
			this.context.chatter.removePod(pod.metadata.namespace!, pod.metadata.name);
			return;
		}
		const node = pod.spec?.nodeName;
		if (!node || !this.nodes.includes(node)) return;
		const worker = this.workers.get(uid);
		if (worker) return worker.observe(pod);
		if (pod.status?.containerStatuses?.length) {
			if (pod.metadata.deletionTimestamp && !this.adoptedTerminating.has(uid)) this.terminateAdopted(pod);
			return;
		}
		const created = new PodWorker(this, pod, node);
		this.workers.set(uid, created);
		setImmediate(() => created.start());
	}

	/** A pod the kubelet did not start (created running) is being deleted: stop it the same way. */
	private terminateAdopted(pod: KubeObject): void {
		this.adoptedTerminating.add(pod.metadata.uid!);
		setImmediate(() => {
			for (const status of pod.status?.containerStatuses ?? []) {
				if (!status.state?.running) continue;
				this.context.recorder.record(pod, {type: 'Normal', reason: 'Killing', message: `Stopping container ${status.name}`, component: 'kubelet', host: pod.spec.nodeName, fieldPath: `spec.containers{${status.name}}`});
			}
			this.context.clock.after(graceMs(pod), () => removePod(this, pod));
		});
	}
}

class PodWorker implements PodHandle {
	private readonly runners: ContainerRunner[];
	private readonly model: PodModel;
	private latest: KubeObject;
	private dying = false;
	private gone = false;
	private writeScheduled = false;
	private readonly timers: Timer[] = [];

	constructor(
		private readonly kubelet: Kubelet,
		pod: KubeObject,
		readonly node: string,
	) {
		this.latest = pod;
		const context = {...kubelet.context, nodeImages: (name: string) => kubelet.nodeImages(name)};
		this.runners = (pod.spec?.containers ?? []).map((container: Container) => new ContainerRunner(context, this, container));
		const nodeObject = kubelet.context.nodeObject(node);
		const hostIP = nodeObject?.status?.addresses?.find((address: {type: string}) => address.type === 'InternalIP')?.address ?? '172.18.0.2';
		this.model = {
			hostIP,
			startTime: kubelet.context.clock.iso(),
			sandboxReady: false,
			restartPolicy: pod.spec?.restartPolicy ?? 'Always',
			containers: this.runners.map(runner => runner.model),
			transitions: new Map(),
			qosClass: pod.status?.qosClass ?? qosClass(pod),
		};
	}

	start(): void {
		if (this.gone) return;
		if (this.latest.metadata.deletionTimestamp) return this.terminate();
		this.write();
		this.timers.push(
			this.kubelet.context.clock.after(sandboxDelayMs, () => {
				if (this.deleting()) return;
				this.model.podIP = this.kubelet.allocateIP(this.node);
				this.model.sandboxReady = true;
				this.write();
				for (const runner of this.runners) runner.attempt();
			}),
		);
	}

	pod(): KubeObject {
		return this.latest;
	}

	podIP(): string {
		return this.model.podIP ?? '';
	}

	deleting(): boolean {
		return this.dying || this.gone;
	}

	observe(pod: KubeObject): void {
		this.latest = pod;
		if (this.deleting()) return;
		if (pod.metadata.deletionTimestamp) return this.terminate();
		const containers: Container[] = pod.spec?.containers ?? [];
		for (const runner of this.runners) {
			const spec = containers.find(container => container.name === runner.model.name);
			if (spec && spec.image !== runner.model.specImage) runner.update(spec);
		}
	}

	write(): void {
		if (this.gone || this.writeScheduled) return;
		this.writeScheduled = true;
		setImmediate(() => {
			this.writeScheduled = false;
			this.flush();
		});
	}

	dispose(): void {
		this.gone = true;
		for (const timer of this.timers) timer.cancel();
		for (const runner of this.runners) runner.stop();
	}

	private terminate(): void {
		this.dying = true;
		for (const timer of this.timers) timer.cancel();
		for (const runner of this.runners) runner.stop();
		const started = this.runners.some(runner => runner.running);
		this.kubelet.context.clock.after(started ? graceMs(this.latest) : 100, () => {
			if (this.gone) return;
			for (const runner of this.runners) runner.finishStop();
			this.flush();
			removePod(this.kubelet, this.latest);
		});
	}

	private flush(): void {
		if (this.gone) return;
		const {store, clock} = this.kubelet.context;
		const {namespace, name, uid} = this.latest.metadata;
		const current = store.get(pods, namespace, name);
		if (!current || current.metadata.uid !== uid) return;
		store.mutate(pods, namespace, name, draft => {
			draft.status = buildStatus(this.model, draft.status, clock.iso());
		});
	}
}

function graceMs(pod: KubeObject): number {
	return Math.min((pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000, maxGraceMs);
}

function removePod(kubelet: Kubelet, pod: KubeObject): void {
	const {store} = kubelet.context;
	const current = store.get(pods, pod.metadata.namespace, pod.metadata.name);
	if (current?.metadata.uid !== pod.metadata.uid) return;
	store.delete(pods, pod.metadata.namespace, pod.metadata.name, {gracePeriodSeconds: 0});
}
