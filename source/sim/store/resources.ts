// The API resources the simulated cluster serves: one table drives discovery, routing,
// storage keys and kubectl's short names.

export type Resource = {
	group: string;
	version: string;
	/** Plural name used in URLs, e.g. `pods`. */
	name: string;
	singularName: string;
	kind: string;
	namespaced: boolean;
	verbs: string[];
	shortNames?: string[];
	categories?: string[];
	/** Subresources such as `log`, `status`, `scale`, `finalize`. */
	subresources?: string[];
};

const crud = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const resources: Resource[] = [
	{group: '', version: 'v1', name: 'namespaces', singularName: 'namespace', kind: 'Namespace', namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], subresources: ['status', 'finalize']},
	{group: '', version: 'v1', name: 'nodes', singularName: 'node', kind: 'Node', namespaced: false, verbs: crud, shortNames: ['no'], subresources: ['status']},
	{group: '', version: 'v1', name: 'pods', singularName: 'pod', kind: 'Pod', namespaced: true, verbs: crud, shortNames: ['po'], categories: ['all'], subresources: ['log', 'status']},
	{group: '', version: 'v1', name: 'events', singularName: 'event', kind: 'Event', namespaced: true, verbs: crud, shortNames: ['ev']},
	{group: '', version: 'v1', name: 'services', singularName: 'service', kind: 'Service', namespaced: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['svc'], categories: ['all'], subresources: ['status']},
	{group: '', version: 'v1', name: 'endpoints', singularName: 'endpoints', kind: 'Endpoints', namespaced: true, verbs: crud, shortNames: ['ep']},
	{group: '', version: 'v1', name: 'configmaps', singularName: 'configmap', kind: 'ConfigMap', namespaced: true, verbs: crud, shortNames: ['cm']},
	{group: '', version: 'v1', name: 'secrets', singularName: 'secret', kind: 'Secret', namespaced: true, verbs: crud},
	{group: '', version: 'v1', name: 'serviceaccounts', singularName: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, verbs: crud, shortNames: ['sa']},
	{group: 'apps', version: 'v1', name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, verbs: crud, shortNames: ['deploy'], categories: ['all'], subresources: ['scale', 'status']},
	{group: 'apps', version: 'v1', name: 'replicasets', singularName: 'replicaset', kind: 'ReplicaSet', namespaced: true, verbs: crud, shortNames: ['rs'], categories: ['all'], subresources: ['scale', 'status']},
	{group: 'networking.k8s.io', version: 'v1', name: 'ingresses', singularName: 'ingress', kind: 'Ingress', namespaced: true, verbs: crud, shortNames: ['ing'], subresources: ['status']},
	{group: 'networking.k8s.io', version: 'v1', name: 'ingressclasses', singularName: 'ingressclass', kind: 'IngressClass', namespaced: false, verbs: crud},
	{group: 'rbac.authorization.k8s.io', version: 'v1', name: 'roles', singularName: 'role', kind: 'Role', namespaced: true, verbs: crud},
	{group: 'rbac.authorization.k8s.io', version: 'v1', name: 'rolebindings', singularName: 'rolebinding', kind: 'RoleBinding', namespaced: true, verbs: crud},
	{group: 'rbac.authorization.k8s.io', version: 'v1', name: 'clusterroles', singularName: 'clusterrole', kind: 'ClusterRole', namespaced: false, verbs: crud},
	{group: 'rbac.authorization.k8s.io', version: 'v1', name: 'clusterrolebindings', singularName: 'clusterrolebinding', kind: 'ClusterRoleBinding', namespaced: false, verbs: crud},
	{group: 'authorization.k8s.io', version: 'v1', name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create']},
	{group: 'authorization.k8s.io', version: 'v1', name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create']},
];

export function apiVersionOf(resource: Resource): string {
	return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

const byKind = new Map(resources.map(resource => [resource.kind, resource]));
const byName = new Map(resources.map(resource => [`${resource.group}/${resource.name}`, resource]));

export function resourceForKind(kind: string): Resource | undefined {
	return byKind.get(kind);
}

export function resourceByName(group: string, name: string): Resource | undefined {
	return byName.get(`${group}/${name}`);
}

/** `pods`, `deployments`… for the core and apps kinds whose plural is unambiguous. */
export function resourceFor(kindOrPlural: string): Resource {
	const found = byKind.get(kindOrPlural) ?? resources.find(resource => resource.name === kindOrPlural);
	if (!found) throw new Error(`unknown resource ${kindOrPlural}`);
	return found;
}
