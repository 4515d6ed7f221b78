// Where each watched kind lives in the API, and whether it belongs to a namespace.
import type {WatchedKind} from '../core/objects/types.js';

export type KindResource = {kind: WatchedKind; apiVersion: string; plural: string; namespaced: boolean};

export const kindResources: Record<WatchedKind, KindResource> = {
	Namespace: {kind: 'Namespace', apiVersion: 'v1', plural: 'namespaces', namespaced: false},
	Node: {kind: 'Node', apiVersion: 'v1', plural: 'nodes', namespaced: false},
	Pod: {kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true},
	Event: {kind: 'Event', apiVersion: 'v1', plural: 'events', namespaced: true},
	Deployment: {kind: 'Deployment', apiVersion: 'apps/v1', plural: 'deployments', namespaced: true},
	ReplicaSet: {kind: 'ReplicaSet', apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true},
	Service: {kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true},
	Endpoints: {kind: 'Endpoints', apiVersion: 'v1', plural: 'endpoints', namespaced: true},
	Ingress: {kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true},
	IngressClass: {kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1', plural: 'ingressclasses', namespaced: false},
	ClusterRole: {kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'clusterroles', namespaced: false},
	ClusterRoleBinding: {kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'clusterrolebindings', namespaced: false},
};

/** The collection URL path: every namespace when `namespace` is null or the kind is cluster-scoped. */
export function collectionPath(resource: KindResource, namespace: string | null): string {
	const base = resource.apiVersion === 'v1' ? '/api/v1' : `/apis/${resource.apiVersion}`;
	return resource.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}` : `${base}/${resource.plural}`;
}
