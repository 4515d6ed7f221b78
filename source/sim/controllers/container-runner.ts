import {randomBytes} from 'node:crypto';
import type {Container, KubeObject} from '../../core/objects/types.js';
import type {Clock, Timer} from '../clock.js';
import {type ImageReference, defaultPullPolicy, invalidImageMessage, parseImageReference} from '../registry/image-reference.js';
import type {Lookup} from '../registry/programs/program.js';
import type {PullResult, Registry} from '../registry/registry.js';
import type {LogStore} from '../store/log-store.js';
import type {ObjectStore} from '../store/object-store.js';
import {Backoff} from './backoff.js';
import type {Chatter} from './chatter.js';
import {effectiveSecurity, environment, execError, goDuration, goDurationMs, nonRootError, parseMemory, podDescription, resolveArgv} from './container-spec.js';
import type {EventRecorder} from './event-recorder.js';
import {pullCredentials} from './image-credentials.js';
import type {ContainerModel, Terminated} from './kubelet-status.js';
import {planRun} from './run-plan.js';

// One container as the kubelet drives it: ensure the image (pull policy, pull back-off with
// ErrImagePull/ImagePullBackOff), create and start it from its image's program, write its
// logs, and restart it after it exits with CrashLoopBackOff back-off. Events and messages
// follow kubelet 1.32 with containerd.

export type KubeletContext = {
	store: ObjectStore;
	clock: Clock;
	logs: LogStore;
	registry: Registry;
	recorder: EventRecorder;
	chatter: Chatter;
	lookup(name: string, namespace: string, podIP: string): Lookup;
	nodeImages(node: string): Set<string>;
	nodeObject(node: string): KubeObject | undefined;
};

export type PodHandle = {
	pod(): KubeObject;
	node: string;
	podIP(): string;
	deleting(): boolean;
	write(): void;
};

/** How long until the kubelet's next sync notices something (PLEG relist, status sync). */
const syncDelayMs = 1000;
/** The kubelet re-syncs a pod stuck in an error this often, re-emitting its events. */
const resyncMs = 15_000;

export class ContainerRunner {
	readonly model: ContainerModel;
	private timers: Timer[] = [];
	private epoch = 0;
	private instances = 0;
	/** Simulated time of the last exit (see simNow). */
	private finishedAtMs = 0;
	private pullError?: string;
	private readonly pullBackoff = new Backoff();
	private readonly crashBackoff = new Backoff();

	constructor(
		private readonly context: KubeletContext,
		private readonly handle: PodHandle,
		private spec: Container,
	) {
		this.model = {name: spec.name, specImage: spec.image, state: {waiting: {reason: 'ContainerCreating'}}, ready: false, started: false, restartCount: 0};
	}

	get running(): boolean {
		return 'running' in this.model.state;
	}

	/** Ensure the image, then create and start the container. */
	attempt(): void {
		const image = this.spec.image;
		const invalid = invalidImageMessage(image);
		if (invalid) {
			this.event('Warning', 'InspectFailed', invalid);
			return this.fail('InvalidImageName', invalid);
		}
		const reference = parseImageReference(image);
		const policy = this.spec.imagePullPolicy ?? defaultPullPolicy(image);
		const present = this.context.nodeImages(this.handle.node).has(reference.full);
		if (policy === 'Never' && !present) {
			const message = `Container image "${image}" is not present with pull policy of Never`;
			this.event('Warning', 'ErrImageNeverPull', message);
			return this.fail('ErrImageNeverPull', message);
		}
		if (present && policy !== 'Always') {
			this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
			return this.create(reference);
		}
		if (this.pullBackoff.inBackoffSinceUpdate(this.simNow())) return this.pullBackOff();
		this.pull(reference);
	}

	/** The pod spec changed this container's image: the kubelet kills and recreates it. */
	update(spec: Container): void {
		const changed = spec.image !== this.spec.image;
		this.spec = spec;
		if (!changed) return;
		this.cancel();
		this.model.specImage = spec.image;
		this.pullBackoff.reset();
		this.pullError = undefined;
		if (this.running) {
			this.event('Normal', 'Killing', `Container ${spec.name} definition changed, will be restarted`);
			this.model.lastTerminated = this.terminate(0, 'Completed');
			this.model.restartCount++;
		}
		this.attempt();
	}

	/** The pod is being deleted: stop timers; a running container is told to stop (Killing). */
	stop(): void {
		this.cancel();
		this.context.chatter.remove(this.handle.pod().metadata.namespace!, this.handle.pod().metadata.name, this.spec.name);
		if (this.running) this.event('Normal', 'Killing', `Stopping container ${this.spec.name}`);
	}

	/** After the grace period: the stopped container reports its exit. */
	finishStop(): void {
		if (!this.running) return;
		this.model.state = {terminated: this.terminate(0, 'Completed')};
		this.model.ready = false;
		this.model.started = false;
	}

	private pull(reference: ImageReference): void {
		const pod = this.handle.pod();
		const {credentials, missing} = pullCredentials(this.context.store, pod);
		if (missing.length > 0) {
			this.context.recorder.record(pod, {type: 'Warning', reason: 'FailedToRetrieveImagePullSecret', message: `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`, component: 'kubelet', host: this.handle.node});
		}
		this.event('Normal', 'Pulling', `Pulling image "${this.spec.image}"`);
		const epoch = this.epoch;
		const started = this.context.clock.now();
		void this.context.registry.pull(reference, credentials).then(result => {
			if (epoch !== this.epoch || this.handle.deleting()) return;
			this.later(result.durationMs, () => this.pulled(reference, result, started));
		});
	}

	private pulled(reference: ImageReference, result: PullResult, started: number): void {
		const now = this.context.clock.now();
		if (result.ok) {
			const images = this.context.nodeImages(this.handle.node);
			images.add(reference.full);
			images.add(`${reference.repository}@${result.digest}`);
			this.pullError = undefined;
			const waited = Math.max(result.durationMs, (now - started) * this.context.clock.speed);
			this.event('Normal', 'Pulled', `Successfully pulled image "${this.spec.image}" in ${goDurationMs(result.durationMs)} (${goDurationMs(waited)} including waiting). Image size: ${result.size} bytes.`);
			return this.create(reference);
		}
		const error = `rpc error: code = ${result.code} desc = ${result.message}`;
		this.event('Warning', 'Failed', `Failed to pull image "${this.spec.image}": ${error}`);
		this.pullBackoff.next(this.simNow());
		this.pullError = `ErrImagePull: ${error}`;
		this.setWaiting('ErrImagePull', error);
		this.event('Warning', 'Failed', 'Error: ErrImagePull');
		this.handle.write();
		this.later(syncDelayMs, () => this.pullBackOff());
	}

	private pullBackOff(): void {
		const now = this.simNow();
		if (!this.pullBackoff.inBackoffSinceUpdate(now)) return this.attempt();
		const message = `Back-off pulling image "${this.spec.image}"`;
		this.event('Normal', 'BackOff', message);
		this.setWaiting('ImagePullBackOff', this.pullError ? `${message}: ${this.pullError}` : message);
		this.event('Warning', 'Failed', 'Error: ImagePullBackOff');
		this.handle.write();
		const remaining = this.pullBackoff.endsAt(this.pullBackoff.lastFailure) - now;
		this.later(Math.min(remaining, 20_000) + 50, () => this.pullBackOff());
	}

	private create(reference: ImageReference): void {
		const pod = this.handle.pod();
		const namespace = pod.metadata.namespace!;
		const program = this.context.registry.program(reference);
		const security = effectiveSecurity(pod, this.spec, program);
		const configError = nonRootError(security, podDescription(pod), this.spec.name);
		if (configError) return this.fail('CreateContainerConfigError', configError);
		const argv = resolveArgv(this.spec, program);
		const containerID = `containerd://${randomBytes(32).toString('hex')}`;
		if (this.instances > 0) this.context.logs.restart(namespace, pod.metadata.name, this.spec.name);
		this.instances++;
		this.model.containerID = containerID;
		this.model.imageID = this.context.registry.imageID(reference);
		this.model.runningImage = reference.full;
		this.event('Normal', 'Created', `Created container: ${this.spec.name}`);
		const startError = execError(argv, program);
		if (startError) {
			this.event('Warning', 'Failed', `Error: ${startError}`);
			return this.exited({exitCode: 128, reason: 'StartError', message: startError, startedAt: '1970-01-01T00:00:00Z', finishedAt: this.context.clock.iso(), containerID});
		}
		this.event('Normal', 'Started', `Started container ${this.spec.name}`);
		const startedAt = this.context.clock.now();
		const podIP = this.handle.podIP();
		const run = program.run({
			namespace,
			pod: pod.metadata.name,
			container: this.spec,
			podIP,
			node: this.handle.node,
			argv,
			env: environment(this.spec),
			startedAt,
			at: offset => startedAt + offset / this.context.clock.speed,
			restartCount: this.model.restartCount,
			security,
			lookup: name => this.context.lookup(name, namespace, podIP),
		});
		this.model.state = {running: {startedAt: this.context.clock.iso(startedAt)}};
		this.model.started = true;
		const probe = (this.spec as Container & {readinessProbe?: {initialDelaySeconds?: number}}).readinessProbe;
		this.model.ready = !probe;
		const plan = planRun(run, {memoryLimit: parseMemory(this.spec.resources?.limits?.memory), probe});
		for (const [at, texts] of plan.linesByTime) {
			this.later(at, () => {
				for (const text of texts) this.context.logs.append(namespace, pod.metadata.name, this.spec.name, text, this.context.clock.now());
			});
		}
		if (plan.readyAt !== undefined) {
			this.later(plan.readyAt, () => {
				this.model.ready = true;
				this.handle.write();
			});
		}
		const {chatter} = run;
		if (chatter && !plan.exit) this.later(plan.quietAt, () => this.context.chatter.add(namespace, pod.metadata.name, this.spec.name, chatter));
		const {exit} = plan;
		if (exit) {
			this.later(exit.at, () => {
				if (exit.reason === 'OOMKilled') this.systemOom(argv);
				this.exited({exitCode: exit.code, reason: exit.reason, startedAt: this.context.clock.iso(startedAt), finishedAt: this.context.clock.iso(), containerID});
			});
		}
		this.handle.write();
	}

	private exited(terminated: Terminated): void {
		const pod = this.handle.pod();
		this.context.chatter.remove(pod.metadata.namespace!, pod.metadata.name, this.spec.name);
		this.context.logs.stop(pod.metadata.namespace!, pod.metadata.name, this.spec.name);
		this.finishedAtMs = this.simNow();
		this.model.state = {terminated};
		this.model.ready = false;
		this.model.started = false;
		this.handle.write();
		const policy = pod.spec?.restartPolicy ?? 'Always';
		if (policy === 'Never' || (policy === 'OnFailure' && terminated.exitCode === 0)) return;
		this.later(syncDelayMs, () => this.restartOrBackOff(terminated));
	}

	private restartOrBackOff(terminated: Terminated): void {
		const now = this.simNow();
		this.model.lastTerminated = terminated;
		if (this.crashBackoff.inBackoffSince(this.finishedAtMs, now)) {
			const description = podDescription(this.handle.pod());
			this.setWaiting('CrashLoopBackOff', `back-off ${goDuration(this.crashBackoff.current)} restarting failed container=${this.spec.name} pod=${description}`);
			this.event('Warning', 'BackOff', `Back-off restarting failed container ${this.spec.name} in pod ${description}`);
			this.handle.write();
			const remaining = this.crashBackoff.endsAt(this.finishedAtMs) - now;
			this.later(Math.min(remaining, 20_000) + 50, () => this.restartOrBackOff(terminated));
			return;
		}
		this.crashBackoff.next(this.finishedAtMs);
		this.model.restartCount++;
		this.attempt();
	}

	/** A failure before the container exists: reported as waiting, retried on the kubelet's next resync. */
	private fail(reason: string, message: string): void {
		this.setWaiting(reason, message);
		this.event('Warning', 'Failed', reason === 'CreateContainerConfigError' ? `Error: ${message}` : `Error: ${reason}`);
		this.handle.write();
		this.later(resyncMs, () => this.attempt());
	}

	private systemOom(argv: string[]): void {
		const node = this.context.nodeObject(this.handle.node);
		if (!node) return;
		const process = (argv[0] ?? this.spec.name).split('/').pop();
		this.context.recorder.record(node, {type: 'Warning', reason: 'SystemOOM', message: `System OOM encountered, victim process: ${process}, pid: ${1000 + Math.floor(Math.random() * 60000)}`, component: 'kubelet', host: this.handle.node});
	}

	private terminate(exitCode: number, reason: string): Terminated {
		const startedAt = 'running' in this.model.state ? this.model.state.running.startedAt : this.context.clock.iso();
		return {exitCode, reason, startedAt, finishedAt: this.context.clock.iso(), containerID: this.model.containerID ?? ''};
	}

	private setWaiting(reason: string, message?: string): void {
		this.model.state = {waiting: message ? {reason, message} : {reason}};
		this.model.ready = false;
		this.model.started = false;
	}

	private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
		this.context.recorder.record(this.handle.pod(), {type, reason, message, component: 'kubelet', host: this.handle.node, fieldPath: `spec.containers{${this.spec.name}}`});
	}

	/** Simulated time in ms: wall-clock time scaled by the clock's speed, so back-off windows (simulated durations) compare with it. */
	private simNow(): number {
		return this.context.clock.now() * this.context.clock.speed;
	}

	private later(simMs: number, fn: () => void): void {
		const epoch = this.epoch;
		const timer = this.context.clock.after(simMs, () => {
			this.timers = this.timers.filter(candidate => candidate !== timer);
			if (epoch === this.epoch && !this.handle.deleting()) fn();
		});
		this.timers.push(timer);
	}

	private cancel(): void {
		this.epoch++;
		for (const timer of this.timers) timer.cancel();
		this.timers = [];
	}
}
