// The columns kubectl shows for each kind, as the API server's printers produce them
// (kubernetes/pkg/printers/internalversion, 1.32). Cells are always generated "wide":
// kubectl hides priority-1 columns unless `-o wide`.
import {age} from '../../core/objects/age.js';
import {podColumns} from '../../core/objects/pod-status.js';
import type {KubeObject, Pod} from '../../core/objects/types.js';
import {containerCells, eventSource, eventTimes, formatEndpoints, formatLabels, formatSelector, ingressHosts, loadBalancerIps, nodeAddress, nodeRoles, nodeStatus, serviceExternalIp, servicePorts} from './table-format.js';

export type Column = {name: string; type: 'string' | 'integer' | 'date'; format?: 'name'; priority?: number; description: string};
export type Printer = {columns: Column[]; cells: (object: any, now: number) => unknown[]};

const nameColumn: Column = {name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.'};
const ageColumn: Column = {name: 'Age', type: 'string', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.'};
const column = (name: string, description: string, options: Partial<Column> = {}): Column => ({name, type: 'string', description, ...options});
const wide = (name: string, description: string): Column => column(name, description, {priority: 1});
const created = (object: KubeObject, now: number) => age(object.metadata.creationTimestamp, now);
const orNone = (value: string | undefined) => (value ? value : '<none>');

export const printers: Record<string, Printer> = {
	Pod: {
		columns: [
			nameColumn,
			column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
			column('Status', 'The aggregate status of the containers in this pod.'),
			column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
			ageColumn,
			wide('IP', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
			wide('Node', 'NodeName is a request to schedule this pod onto a specific node.'),
			wide('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.'),
			wide('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.'),
		],
		cells: (pod: Pod, now) => {
			const columns = podColumns(pod, now);
			const gates: Array<{conditionType: string}> = (pod.spec as any)?.readinessGates ?? [];
			const trueConditions = new Set((pod.status?.conditions ?? []).filter((condition: {status: string}) => condition.status === 'True').map((condition: {type: string}) => condition.type));
			const gateText = gates.length === 0 ? '<none>' : `${gates.filter(gate => trueConditions.has(gate.conditionType)).length}/${gates.length}`;
			return [
				pod.metadata.name,
				columns.ready,
				columns.status,
				columns.restarts,
				created(pod, now),
				orNone(pod.status?.podIP),
				orNone(pod.spec?.nodeName),
				orNone(pod.status?.nominatedNodeName as string | undefined),
				gateText,
			];
		},
	},
	Deployment: {
		columns: [
			nameColumn,
			column('Ready', 'Number of the pod with ready state'),
			column('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', {type: 'integer'}),
			column('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', {type: 'integer'}),
			ageColumn,
			wide('Containers', 'Names of each container in the template.'),
			wide('Images', 'Images referenced by each container in the template.'),
			wide('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
		],
		cells: (deployment: any, now) => [
			deployment.metadata.name,
			`${deployment.status?.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 0}`,
			deployment.status?.updatedReplicas ?? 0,
			deployment.status?.availableReplicas ?? 0,
			created(deployment, now),
			...containerCells(deployment.spec?.template?.spec),
			formatSelector(deployment.spec?.selector),
		],
	},
	ReplicaSet: {
		columns: [
			nameColumn,
			column('Desired', 'Replicas is the number of desired replicas.', {type: 'integer'}),
			column('Current', 'Replicas is the most recently observed number of replicas.', {type: 'integer'}),
			column('Ready', 'The number of ready replicas for this replica set.', {type: 'integer'}),
			ageColumn,
			wide('Containers', 'Names of each container in the template.'),
			wide('Images', 'Images referenced by each container in the template.'),
			wide('Selector', 'Selector is a label query over pods that should match the replica count.'),
		],
		cells: (replicaSet: any, now) => [
			replicaSet.metadata.name,
			replicaSet.spec?.replicas ?? 0,
			replicaSet.status?.replicas ?? 0,
			replicaSet.status?.readyReplicas ?? 0,
			created(replicaSet, now),
			...containerCells(replicaSet.spec?.template?.spec),
			formatSelector(replicaSet.spec?.selector),
		],
	},
	Event: {
		columns: [
			column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
			column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
			column('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
			column('Object', 'The object that this event is about.'),
			wide('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.'),
			wide('Source', 'The component reporting this event. Should be a short machine understandable string.'),
			column('Message', 'A human-readable description of the status of this operation.'),
			wide('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
			wide('Count', 'The number of times this event has occurred.'),
			{...nameColumn, priority: 1},
		],
		cells: (event: any, now) => {
			const {first, last, count} = eventTimes(event, now);
			const involved = event.involvedObject ?? {};
			const kind = String(involved.kind ?? '').toLowerCase();
			return [
				last,
				event.type ?? '',
				event.reason ?? '',
				involved.name ? `${kind}/${involved.name}` : kind,
				involved.fieldPath ?? '',
				eventSource(event),
				String(event.message ?? '').trim(),
				first,
				count,
				event.metadata.name,
			];
		},
	},
	Service: {
		columns: [
			nameColumn,
			column('Type', 'type determines how the Service is exposed.'),
			column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
			column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
			column('Port(s)', 'The list of ports that are exposed by this service.'),
			ageColumn,
			wide('Selector', 'Route service traffic to pods with label keys and values matching this selector.'),
		],
		cells: (service: any, now) => [
			service.metadata.name,
			service.spec?.type ?? '',
			service.spec?.clusterIPs?.[0] ?? '<none>',
			serviceExternalIp(service),
			servicePorts(service.spec?.ports),
			created(service, now),
			formatLabels(service.spec?.selector),
		],
	},
	Endpoints: {
		columns: [nameColumn, column('Endpoints', 'Endpoints of the service'), ageColumn],
		cells: (endpoints: any, now) => [endpoints.metadata.name, formatEndpoints(endpoints.subsets), created(endpoints, now)],
	},
	Namespace: {
		columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
		cells: (namespace: any, now) => [namespace.metadata.name, namespace.status?.phase ?? '', created(namespace, now)],
	},
	Node: {
		columns: [
			nameColumn,
			column('Status', 'The status of the node'),
			column('Roles', 'The roles of the node'),
			ageColumn,
			column('Version', 'Kubelet Version reported by the node.'),
			wide('Internal-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.'),
			wide('External-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.'),
			wide('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'),
			wide('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
			wide('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).'),
		],
		cells: (node: any, now) => {
			const info = node.status?.nodeInfo ?? {};
			return [
				node.metadata.name,
				nodeStatus(node),
				nodeRoles(node.metadata.labels),
				created(node, now),
				info.kubeletVersion ?? '',
				nodeAddress(node, 'InternalIP'),
				nodeAddress(node, 'ExternalIP'),
				info.osImage || '<unknown>',
				info.kernelVersion || '<unknown>',
				info.containerRuntimeVersion || '<unknown>',
			];
		},
	},
	ConfigMap: {
		columns: [nameColumn, column('Data', 'Data contains the configuration data.', {type: 'integer'}), ageColumn],
		cells: (configMap: any, now) => [configMap.metadata.name, Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length, created(configMap, now)],
	},
	Secret: {
		columns: [nameColumn, column('Type', 'The type of secret'), column('Data', 'Data contains the secret data.', {type: 'integer'}), ageColumn],
		cells: (secret: any, now) => [secret.metadata.name, secret.type ?? '', Object.keys(secret.data ?? {}).length, created(secret, now)],
	},
	ServiceAccount: {
		columns: [nameColumn, column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.', {type: 'integer'}), ageColumn],
		cells: (account: any, now) => [account.metadata.name, (account.secrets ?? []).length, created(account, now)],
	},
	Ingress: {
		columns: [
			nameColumn,
			column('Class', 'The name of the IngressClass resource.'),
			column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
			column('Address', 'Address is a list containing ingress points for the load-balancer'),
			column('Ports', 'Ports of TLS configurations that open'),
			ageColumn,
		],
		cells: (ingress: any, now) => [
			ingress.metadata.name,
			ingress.spec?.ingressClassName ?? '<none>',
			ingressHosts(ingress.spec?.rules),
			loadBalancerIps(ingress.status?.loadBalancer?.ingress),
			(ingress.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
			created(ingress, now),
		],
	},
	IngressClass: {
		columns: [nameColumn, column('Controller', 'Controller that is responsible for handling this class'), column('Parameters', 'A reference to a resource with additional parameters'), ageColumn],
		cells: (ingressClass: any, now) => {
			const parameters = ingressClass.spec?.parameters;
			const text = parameters ? `${parameters.kind}${parameters.apiGroup ? `.${parameters.apiGroup}` : ''}/${parameters.name}` : '<none>';
			return [ingressClass.metadata.name, ingressClass.spec?.controller ?? '', text, created(ingressClass, now)];
		},
	},
	ClusterRole: {
		columns: [nameColumn, column('Created At', 'CreationTimestamp is a timestamp representing the server time when this object was created.', {type: 'date'})],
		cells: (role: any) => [role.metadata.name, role.metadata.creationTimestamp ?? ''],
	},
	ClusterRoleBinding: bindingPrinter(),
	RoleBinding: bindingPrinter(),
};
function bindingPrinter(): Printer {
	return {
		columns: [
			nameColumn,
			column('Role', 'RoleRef can only reference the current namespace and the global namespace.'),
			ageColumn,
			wide('Users', 'Users in the roleBinding'),
			wide('Groups', 'Groups in the roleBinding'),
			wide('ServiceAccounts', 'ServiceAccounts in the roleBinding'),
		],
		cells: (binding: any, now) => {
			const subjects: Array<{kind: string; name: string; namespace?: string}> = binding.subjects ?? [];
			const names = (kind: string) => subjects.filter(subject => subject.kind === kind);
			return [
				binding.metadata.name,
				`${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`,
				created(binding, now),
				names('User').map(subject => subject.name).join(', '),
				names('Group').map(subject => subject.name).join(', '),
				names('ServiceAccount').map(subject => `${subject.namespace ?? ''}:${subject.name}`).join(', '),
			];
		},
	};
}

/** Kinds without a printer get the API server's default table: name and creation time. */
export const defaultPrinter: Printer = {
	columns: [nameColumn, column('Created At', 'CreationTimestamp is a timestamp representing the server time when this object was created.', {type: 'date'})],
	cells: (object: KubeObject) => [object.metadata.name, object.metadata.creationTimestamp ?? ''],
};
