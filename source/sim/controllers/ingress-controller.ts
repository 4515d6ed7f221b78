import type {KubeObject} from '../../core/objects/types.js';
import type {Clock, Timer} from '../clock.js';
import {klogPrefix} from '../registry/programs/program.js';
import type {LogStore} from '../store/log-store.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import type {ClusterIndex} from './cluster-index.js';
import {podIsReady} from './pod-conditions.js';
import {serviceAccountAllowed} from './rbac.js';
import {WorkQueue} from './work-queue.js';

// Traefik's Kubernetes ingress provider (k3s' bundled ingress controller): it lists and
// watches services, endpoints, secrets, ingresses and ingress classes with its service
// account. While its ClusterRole is missing every list is forbidden and client-go logs it
// (seed 003); with access it publishes its LoadBalancer address on the ingresses of its class.

const ingresses = resourceFor('Ingress');
const ingressClasses = resourceFor('IngressClass');
const services = resourceFor('Service');
const watched = [
	{group: '', resource: 'services', type: '*v1.Service'},
	{group: '', resource: 'endpoints', type: '*v1.Endpoints'},
	{group: '', resource: 'secrets', type: '*v1.Secret'},
	{group: 'networking.k8s.io', resource: 'ingresses', type: '*v1.Ingress'},
	{group: 'networking.k8s.io', resource: 'ingressclasses', type: '*v1.IngressClass'},
];
export const traefikAccount = {namespace: 'kube-system', name: 'traefik'};
const controllerName = 'traefik.io/ingress-controller';
const retryMs = 30_000;

export class IngressController {
	private readonly queue: WorkQueue;
	private readonly timer: Timer;
	private readonly unsubscribe: () => void;
	/** How many resources were denied when last logged, to log again at once when that changes. */
	private logged = 0;

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: Clock,
		private readonly logs: LogStore,
		private readonly index: ClusterIndex,
	) {
		this.queue = new WorkQueue(clock, () => this.sync(false));
		this.timer = clock.every(retryMs, () => this.sync(true));
		this.unsubscribe = store.subscribe(event => {
			const kind = event.resource.kind;
			const traefikPod = kind === 'Pod' && event.object.metadata.namespace === 'kube-system' && event.object.metadata.labels?.['app.kubernetes.io/name'] === 'traefik';
			if (traefikPod || kind === 'Ingress' || kind === 'IngressClass' || kind === 'ClusterRole' || kind === 'ClusterRoleBinding') this.queue.add('sync');
		});
	}

	stop(): void {
		this.unsubscribe();
		this.timer.cancel();
		this.queue.stop();
	}

	/** `retrying`: the reflectors' periodic relist, which logs the forbidden errors again. */
	private sync(retrying: boolean): void {
		const pods = [...this.index.podsIn('kube-system')].filter(pod => pod.metadata.labels?.['app.kubernetes.io/name'] === 'traefik' && podIsReady(pod));
		if (pods.length === 0) return;
		const denied = watched.filter(({group, resource}) => !serviceAccountAllowed(this.store, traefikAccount, 'list', group, resource) || !serviceAccountAllowed(this.store, traefikAccount, 'watch', group, resource));
		if (denied.length > 0) {
			if (retrying || this.logged !== denied.length) this.logForbidden(pods, denied);
			this.logged = denied.length;
			return;
		}
		this.logged = 0;
		const address = this.store.get(services, 'kube-system', 'traefik')?.status?.loadBalancer?.ingress ?? [];
		for (const ingress of this.store.list(ingresses)) {
			if (!this.ours(ingress)) continue;
			if (JSON.stringify(ingress.status?.loadBalancer?.ingress ?? []) === JSON.stringify(address)) continue;
			this.store.mutate(ingresses, ingress.metadata.namespace, ingress.metadata.name, draft => {
				draft.status = {loadBalancer: {ingress: address}};
			});
		}
	}

	private ours(ingress: KubeObject): boolean {
		const className = ingress.spec?.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
		if (className) {
			const ingressClass = this.store.get(ingressClasses, undefined, className);
			return ingressClass?.spec?.controller === controllerName;
		}
		return this.store.list(ingressClasses).some(candidate => candidate.spec?.controller === controllerName && candidate.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
	}

	private logForbidden(pods: KubeObject[], denied: typeof watched): void {
		const now = this.clock.now();
		const user = `system:serviceaccount:${traefikAccount.namespace}:${traefikAccount.name}`;
		for (const {group, resource, type} of denied) {
			const qualified = group ? `${resource}.${group}` : resource;
			const reason = `${qualified} is forbidden: User "${user}" cannot list resource "${resource}" in API group "${group}" at the cluster scope`;
			const source = 'k8s.io/client-go@v0.29.3/tools/cache/reflector.go:229';
			for (const pod of pods) {
				const container = pod.spec?.containers?.[0]?.name ?? 'traefik';
				this.logs.append(pod.metadata.namespace!, pod.metadata.name, container, `${klogPrefix('W', now, 'reflector.go:539')}${source}: failed to list ${type}: ${reason}`, now);
				this.logs.append(pod.metadata.namespace!, pod.metadata.name, container, `${klogPrefix('E', now, 'reflector.go:147')}${source}: Failed to watch ${type}: failed to list ${type}: ${reason}`, now);
			}
		}
	}
}
