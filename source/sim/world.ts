import {randomUUID} from 'node:crypto';
import {apiServerService, coredns, traefik} from './base/kube-system.js';
import {nodeObject, nodeSpecs} from './base/nodes.js';
import {installStaticPods} from './base/static-pods.js';
import type {Clock} from './clock.js';
import {Chatter} from './controllers/chatter.js';
import {ClusterDns} from './controllers/cluster-dns.js';
import {ClusterIndex} from './controllers/cluster-index.js';
import {DeploymentController} from './controllers/deployment-controller.js';
import {EndpointsController} from './controllers/endpoints-controller.js';
import {EventRecorder} from './controllers/event-recorder.js';
import {type FloodOptions, startFlood} from './controllers/flood.js';
import {GarbageCollector} from './controllers/garbage-collector.js';
import {IngressController} from './controllers/ingress-controller.js';
import {Kubelet} from './controllers/kubelet.js';
import {NamespaceController} from './controllers/namespace-controller.js';
import {ReplicaSetController} from './controllers/replicaset-controller.js';
import {Scheduler} from './controllers/scheduler.js';
import {ProxyTunnel} from './registry/proxy-tunnel.js';
import {Registry} from './registry/registry.js';
import {addBulkPods} from './scenarios/bulk-pods.js';
import {scenarios} from './scenarios/index.js';
import {apply} from './scenarios/manifests.js';
import type {LogStore} from './store/log-store.js';
import type {ObjectStore} from './store/object-store.js';
import {resourceFor} from './store/resources.js';

// The simulated cluster's behaviour: nodes, the kube-system add-ons, the controllers and
// kubelets that act on the store, the registries and the proxy tunnel, and the scenarios
// that reproduce the field notes' failures.

export type World = {
	clock: Clock;
	store: ObjectStore;
	logs: LogStore;
	registry: Registry;
	recorder: EventRecorder;
	dns: ClusterDns;
	kubelet: Kubelet;
	nodes: string[];
	/** Open or close the proxy tunnel (a real loopback listener) that registry.k8s.io is pulled through. */
	setTunnel(open: boolean): Promise<void>;
	tunnelAddress(): {host: string; port: number};
	tunnelOpen(): boolean;
	/** Make an image reference pullable (CI finished pushing it). */
	publishImage(reference: string): void;
	/** Events and log lines at these rates (per real second) until the returned function is called. */
	flood(options: FloodOptions): () => void;
	stop(): Promise<void>;
};

export type WorldOptions = {clock: Clock; store: ObjectStore; logs: LogStore; /** Loopback port of the proxy tunnel; default a free one. */ proxyPort?: number};

const namespaces = resourceFor('Namespace');
const nodes = resourceFor('Node');
const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export async function createWorld(options: WorldOptions): Promise<World> {
	const {clock, store, logs} = options;
	const tunnel = new ProxyTunnel(options.proxyPort);
	await tunnel.set(true);
	const registry = new Registry(tunnel);
	const recorder = new EventRecorder(store, clock);
	const index = new ClusterIndex(store);
	const dns = new ClusterDns(store);
	const chatter = new Chatter(clock, logs);
	const nodeNames = nodeSpecs.map(spec => spec.name);
	const kubelet = new Kubelet(
		{store, clock, logs, registry, recorder, chatter, lookup: (name, namespace, podIP) => dns.lookup(name, namespace, podIP), nodeObject: name => store.get(nodes, undefined, name)},
		nodeNames,
	);
	const namespaceController = new NamespaceController(store, clock);
	const controllers: Array<{stop(): void}> = [
		new Scheduler(store, clock, recorder, `default-scheduler-${nodeSpecs[0].name}`),
		new ReplicaSetController(store, clock, recorder, index),
		new DeploymentController(store, clock, recorder, index),
		new EndpointsController(store, clock, index),
		namespaceController,
		new GarbageCollector(store, clock, index),
		new IngressController(store, clock, logs, index),
	];
	const floods = new Set<() => void>();

	installBase(store, logs, registry, clock);
	namespaceController.populateExisting();

	let stopped: Promise<void> | undefined;
	return {
		clock,
		store,
		logs,
		registry,
		recorder,
		dns,
		kubelet,
		nodes: nodeNames,
		setTunnel: open => tunnel.set(open),
		tunnelAddress: () => tunnel.address(),
		tunnelOpen: () => tunnel.isOpen,
		publishImage: reference => registry.publish(reference),
		flood(flood) {
			const stop = startFlood({clock, store, logs, recorder}, flood);
			const wrapped = () => {
				floods.delete(wrapped);
				stop();
			};
			floods.add(wrapped);
			return wrapped;
		},
		stop() {
			stopped ??= (async () => {
				for (const stopFlood of [...floods]) stopFlood();
				for (const controller of controllers) controller.stop();
				kubelet.stop();
				index.stop();
				chatter.stop();
				recorder.stop();
				await tunnel.set(false);
			})();
			return stopped;
		},
	};
}

function installBase(store: ObjectStore, logs: LogStore, registry: Registry, clock: Clock): void {
	for (const name of systemNamespaces) {
		if (!store.get(namespaces, undefined, name)) store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	}
	const now = clock.now();
	const iso = clock.iso(now);
	const installed = nodeSpecs.map((spec, position) => store.get(nodes, undefined, spec.name) ?? store.create(nodes, nodeObject(spec, position, iso, registry.preloaded())));
	installStaticPods(store, logs, registry, nodeSpecs.map((spec, position) => ({...spec, uid: installed[position].metadata.uid ?? randomUUID()})), now, iso);
	apply(store, ...apiServerService(nodeSpecs[0].ip), ...coredns(), ...traefik(nodeSpecs.map(spec => spec.ip)));
}

export const scenarioNames: readonly string[] = scenarios.map(scenario => scenario.name);

const installedScenarios = new WeakMap<World, Set<string>>();

/** Install scenarios by name (`all` for every one), with the scenarios they build on; throws for unknown names. */
export async function installScenarios(world: World, names: string[]): Promise<void> {
	for (const name of names) {
		if (name !== 'all' && !scenarioNames.includes(name)) throw new Error(`unknown scenario "${name}"; known scenarios: all, ${scenarioNames.join(', ')}`);
	}
	const wanted = new Set<string>();
	const want = (name: string) => {
		if (wanted.has(name)) return;
		wanted.add(name);
		for (const required of scenarios.find(scenario => scenario.name === name)?.requires ?? []) want(required);
	};
	for (const name of names.includes('all') ? scenarioNames : names) want(name);
	let installed = installedScenarios.get(world);
	if (!installed) installedScenarios.set(world, (installed = new Set()));
	for (const scenario of scenarios) {
		if (!wanted.has(scenario.name) || installed.has(scenario.name)) continue;
		installed.add(scenario.name);
		await scenario.install(world);
	}
}

/** Add `count` healthy, already running pods spread over namespaces (for scale work). */
export function addHealthyPods(world: World, count: number): void {
	addBulkPods(world, count);
}
