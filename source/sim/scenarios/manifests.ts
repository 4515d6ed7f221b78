import type {Container, KubeObject} from '../../core/objects/types.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceForKind} from '../store/resources.js';

// Manifests as a user would write them for `kubectl apply`, and applying them to the store
// (through the API server's admission, like any client's create).

export function apply(store: ObjectStore, ...objects: KubeObject[]): KubeObject[] {
	return objects.map(object => {
		const resource = resourceForKind(object.kind);
		if (!resource) throw new Error(`the simulated cluster does not serve ${object.kind}`);
		return store.create(resource, object);
	});
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
	return {apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels: {'kubernetes.io/metadata.name': name, ...labels}}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}};
}

export type DeploymentOptions = {
	namespace: string;
	name: string;
	replicas?: number;
	labels?: Record<string, string>;
	containers: Container[];
	annotations?: Record<string, string>;
	podSpec?: Record<string, unknown>;
	strategy?: Record<string, unknown>;
};

export function deployment(options: DeploymentOptions): KubeObject {
	const labels = options.labels ?? {app: options.name};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: options.name, namespace: options.namespace, labels: {...labels}, ...(options.annotations ? {annotations: options.annotations} : {})},
		spec: {
			replicas: options.replicas ?? 1,
			selector: {matchLabels: {...labels}},
			...(options.strategy ? {strategy: options.strategy} : {}),
			template: {
				metadata: {labels: {...labels}},
				spec: {...options.podSpec, containers: options.containers},
			},
		},
	};
}

export function service(options: {namespace: string; name: string; selector: Record<string, string>; ports: Array<{name?: string; port: number; targetPort?: number | string; protocol?: string; nodePort?: number}>; type?: string; clusterIP?: string; labels?: Record<string, string>}): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: options.name, namespace: options.namespace, ...(options.labels ? {labels: options.labels} : {})},
		spec: {
			type: options.type ?? 'ClusterIP',
			...(options.clusterIP ? {clusterIP: options.clusterIP, clusterIPs: [options.clusterIP]} : {}),
			selector: options.selector,
			ports: options.ports.map(port => ({...port, protocol: port.protocol ?? 'TCP', targetPort: port.targetPort ?? port.port})),
		},
	};
}

export function ingress(options: {namespace: string; name: string; host: string; service: string; port: number; className?: string; annotations?: Record<string, string>}): KubeObject {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'Ingress',
		metadata: {name: options.name, namespace: options.namespace, ...(options.annotations ? {annotations: options.annotations} : {})},
		spec: {
			...(options.className ? {ingressClassName: options.className} : {}),
			rules: [{host: options.host, http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: options.service, port: {number: options.port}}}}]}}],
		},
	};
}

/** What `kubectl create secret docker-registry NAME --docker-server=… --docker-username=… --docker-password=…` creates. */
export function dockerRegistrySecret(options: {namespace: string; name: string; server: string; username: string; password: string}): KubeObject {
	const auth = Buffer.from(`${options.username}:${options.password}`).toString('base64');
	const config = {auths: {[options.server]: {username: options.username, password: options.password, auth}}};
	return {
		apiVersion: 'v1',
		kind: 'Secret',
		metadata: {name: options.name, namespace: options.namespace},
		type: 'kubernetes.io/dockerconfigjson',
		data: {'.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64')},
	};
}

export function container(name: string, image: string, extra: Partial<Container> & Record<string, unknown> = {}): Container {
	return {name, image, ...extra};
}
