import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import {selectsLabels} from '../store/selectors.js';
import type {ClusterIndex} from './cluster-index.js';
import {canonical} from './deployment-math.js';
import {podIsReady} from './pod-conditions.js';
import {WorkQueue, keyOf, splitKey} from './work-queue.js';

// endpoints-controller: each Service with a selector gets an Endpoints object listing the
// pods it selects (ready ones as addresses, others as notReadyAddresses), grouped by ports.

const services = resourceFor('Service');
const endpoints = resourceFor('Endpoints');
const pods = resourceFor('Pod');

type Address = {ip: string; nodeName?: string; targetRef: {kind: 'Pod'; namespace: string; name: string; uid: string}};
type Port = {name?: string; port: number; protocol: string};

export class EndpointsController {
	private readonly queue: WorkQueue;
	private readonly selectors = new Map<string, Map<string, Record<string, string>>>();
	/** Services each pod appeared in at their last sync, to drop a pod whose labels changed. */
	private readonly servicesOfPod = new Map<string, Set<string>>();
	private readonly unsubscribe: () => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: Clock,
		private readonly index: ClusterIndex,
	) {
		this.queue = new WorkQueue(clock, key => this.sync(key));
		this.unsubscribe = store.subscribe(event => {
			const {object} = event;
			const namespace = object.metadata.namespace!;
			if (event.resource === services) {
				let byName = this.selectors.get(namespace);
				if (!byName) this.selectors.set(namespace, (byName = new Map()));
				if (event.type === 'DELETED' || !object.spec?.selector) byName.delete(object.metadata.name);
				else byName.set(object.metadata.name, object.spec.selector);
				this.queue.add(keyOf(namespace, object.metadata.name));
			} else if (event.resource === pods) {
				const podKey = keyOf(namespace, object.metadata.name);
				for (const service of this.servicesOfPod.get(podKey) ?? []) this.queue.add(service);
				if (event.type === 'DELETED') this.servicesOfPod.delete(podKey);
				for (const [name, selector] of this.selectors.get(namespace) ?? []) if (selectsLabels(selector, object.metadata.labels)) this.queue.add(keyOf(namespace, name));
			}
		});
	}

	stop(): void {
		this.unsubscribe();
		this.queue.stop();
	}

	private sync(key: string): void {
		const [namespace, name] = splitKey(key);
		const service = this.store.get(services, namespace, name);
		const existing = this.store.get(endpoints, namespace, name);
		if (!service) {
			if (existing) this.store.delete(endpoints, namespace, name);
			return;
		}
		const selector = service.spec?.selector as Record<string, string> | undefined;
		if (!selector || Object.keys(selector).length === 0) return;
		const groups = new Map<string, {ports: Port[]; addresses: Address[]; notReadyAddresses: Address[]}>();
		for (const pod of this.index.podsIn(namespace)) {
			if (!selectsLabels(selector, pod.metadata.labels) || !pod.status?.podIP || pod.metadata.deletionTimestamp) continue;
			this.remember(keyOf(namespace, pod.metadata.name), key);
			const ports = portsFor(service, pod);
			const portsKey = JSON.stringify(ports);
			let group = groups.get(portsKey);
			if (!group) groups.set(portsKey, (group = {ports, addresses: [], notReadyAddresses: []}));
			const address: Address = {ip: pod.status.podIP, ...(pod.spec?.nodeName ? {nodeName: pod.spec.nodeName} : {}), targetRef: {kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid!}};
			(podIsReady(pod) || service.spec?.publishNotReadyAddresses ? group.addresses : group.notReadyAddresses).push(address);
		}
		const subsets = [...groups.values()].map(group => ({
			...(group.addresses.length > 0 ? {addresses: group.addresses.sort(byIp)} : {}),
			...(group.notReadyAddresses.length > 0 ? {notReadyAddresses: group.notReadyAddresses.sort(byIp)} : {}),
			ports: group.ports,
		}));
		if (existing && canonical(existing.subsets ?? []) === canonical(subsets) && canonical(existing.metadata.labels ?? {}) === canonical(service.metadata.labels ?? {})) return;
		const object: KubeObject = {
			apiVersion: 'v1',
			kind: 'Endpoints',
			metadata: {
				name,
				namespace,
				...(service.metadata.labels ? {labels: {...service.metadata.labels}} : {}),
				annotations: {'endpoints.kubernetes.io/last-change-trigger-time': this.clock.iso()},
			},
			...(subsets.length > 0 ? {subsets} : {}),
		};
		if (existing) this.store.mutate(endpoints, namespace, name, draft => {
			draft.metadata.labels = object.metadata.labels;
			draft.metadata.annotations = {...draft.metadata.annotations, ...object.metadata.annotations};
			if (subsets.length > 0) draft.subsets = subsets;
			else delete draft.subsets;
		});
		else this.store.create(endpoints, object);
	}

	private remember(podKey: string, serviceKey: string): void {
		let keys = this.servicesOfPod.get(podKey);
		if (!keys) this.servicesOfPod.set(podKey, (keys = new Set()));
		keys.add(serviceKey);
	}
}

/** The service's ports resolved against one pod (named targetPorts look up the container's ports). */
function portsFor(service: KubeObject, pod: KubeObject): Port[] {
	const containerPorts: Array<{name?: string; containerPort: number}> = (pod.spec?.containers ?? []).flatMap((container: {ports?: unknown[]}) => container.ports ?? []);
	const ports: Port[] = [];
	for (const port of service.spec?.ports ?? []) {
		const target = port.targetPort ?? port.port;
		const number = typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : containerPorts.find(candidate => candidate.name === target)?.containerPort;
		if (number === undefined) continue;
		ports.push({...(port.name ? {name: port.name} : {}), port: number, protocol: port.protocol ?? 'TCP'});
	}
	return ports;
}

function byIp(a: Address, b: Address): number {
	return a.ip.localeCompare(b.ip, undefined, {numeric: true});
}
