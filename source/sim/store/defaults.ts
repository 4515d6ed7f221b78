// What the API server's defaulting and validation add to objects on create and update, so
// stored objects look like a real cluster's (kubectl -o yaml, describe) and bad writes fail
// with the real 422 messages.
import type {KubeObject} from '../../core/objects/types.js';
import type {Admission, ObjectStore} from './object-store.js';
import type {Resource} from './resources.js';
import {invalid} from './status-error.js';

type Json = Record<string, any>;

export function installDefaults(store: ObjectStore): void {
	const allocator = new ClusterIpAllocator();
	const admission: Admission = (resource, object, old) => {
		switch (resource.kind) {
			case 'Pod':
				if (old) checkPodUpdate(resource, object, old);
				else defaultPod(resource, object);
				break;
			case 'Deployment':
			case 'ReplicaSet':
				defaultWorkload(resource, object, old);
				break;
			case 'Service':
				defaultService(resource, object, old, allocator);
				break;
			case 'Namespace':
				object.metadata.labels = {...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name};
				object.spec = {finalizers: ['kubernetes'], ...object.spec};
				object.status = {phase: 'Active', ...object.status};
				break;
			case 'Secret':
				defaultSecret(object);
				break;
		}
	};
	store.addAdmission(admission);
}

function defaultContainer(container: Json): void {
	if (!container.imagePullPolicy) {
		const image = String(container.image ?? '');
		const tag = image.includes('@') ? undefined : /:([^/:]+)$/.exec(image)?.[1];
		container.imagePullPolicy = image.includes('@') || (tag && tag !== 'latest') ? 'IfNotPresent' : 'Always';
	}
	container.terminationMessagePath ??= '/dev/termination-log';
	container.terminationMessagePolicy ??= 'File';
	container.resources ??= {};
	for (const port of container.ports ?? []) port.protocol ??= 'TCP';
}

/** Pod spec defaults, also applied to workload templates. */
function defaultPodSpec(spec: Json): void {
	spec.restartPolicy ??= 'Always';
	spec.terminationGracePeriodSeconds ??= 30;
	spec.dnsPolicy ??= 'ClusterFirst';
	spec.schedulerName ??= 'default-scheduler';
	spec.securityContext ??= {};
	for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(container);
}

function defaultPod(resource: Resource, pod: KubeObject): void {
	const spec = (pod.spec ??= {}) as Json;
	const containers: Json[] = spec.containers ?? [];
	if (containers.length === 0) throw invalid(resource, pod.metadata.name, 'spec.containers', 'Required value');
	containers.forEach((container, index) => {
		if (!container.name) throw invalid(resource, pod.metadata.name, `spec.containers[${index}].name`, 'Required value');
		if (!container.image) throw invalid(resource, pod.metadata.name, `spec.containers[${index}].image`, 'Required value');
	});
	defaultPodSpec(spec);
	spec.serviceAccountName ??= 'default';
	spec.enableServiceLinks ??= true;
	spec.priority ??= 0;
	spec.preemptionPolicy ??= 'PreemptLowerPriority';
	spec.tolerations ??= [
		{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
		{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
	];
	pod.status = {phase: 'Pending', qosClass: 'BestEffort', ...pod.status};
}

/** Pod updates may change only images, a few scheduling fields, and (once) the node binding. */
function checkPodUpdate(resource: Resource, pod: KubeObject, old: KubeObject): void {
	const strip = (spec: Json | undefined, reference: Json | undefined) => {
		const copy: Json = {...spec};
		const images = (list: Json[] | undefined) => (list ?? []).map(container => ({...container, image: ''}));
		copy.containers = images(copy.containers);
		copy.initContainers = images(copy.initContainers);
		delete copy.activeDeadlineSeconds;
		delete copy.tolerations;
		delete copy.terminationGracePeriodSeconds;
		if (!reference?.nodeName) delete copy.nodeName;
		return copy;
	};
	const reference = old.spec as Json | undefined;
	if (JSON.stringify(strip(pod.spec, reference)) !== JSON.stringify(strip(old.spec, reference))) {
		throw invalid(
			resource,
			pod.metadata.name,
			'spec',
			'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
		);
	}
}

function defaultWorkload(resource: Resource, object: KubeObject, old: KubeObject | undefined): void {
	const spec = (object.spec ??= {}) as Json;
	spec.replicas ??= 1;
	if (resource.kind === 'Deployment') {
		spec.revisionHistoryLimit ??= 10;
		spec.progressDeadlineSeconds ??= 600;
		if (!spec.strategy?.type) spec.strategy = {...spec.strategy, type: 'RollingUpdate'};
		if (spec.strategy.type === 'RollingUpdate') spec.strategy.rollingUpdate = {maxUnavailable: '25%', maxSurge: '25%', ...spec.strategy.rollingUpdate};
	}
	const template = (spec.template ??= {}) as Json;
	defaultPodSpec((template.spec ??= {}) as Json);
	const selector: Record<string, string> | undefined = spec.selector?.matchLabels;
	const labels: Record<string, string> = template.metadata?.labels ?? {};
	if (!spec.selector) throw invalid(resource, object.metadata.name, 'spec.selector', 'Required value');
	if (selector && Object.entries(selector).some(([key, value]) => labels[key] !== value)) {
		throw invalid(resource, object.metadata.name, 'spec.template.metadata.labels', `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``);
	}
	if (old && JSON.stringify(old.spec?.selector) !== JSON.stringify(spec.selector)) {
		throw invalid(resource, object.metadata.name, 'spec.selector', `Invalid value: v1.LabelSelector{MatchLabels:${goMap(selector ?? {})}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`);
	}
}

function defaultService(resource: Resource, service: KubeObject, old: KubeObject | undefined, allocator: ClusterIpAllocator): void {
	const spec = (service.spec ??= {}) as Json;
	spec.type ??= 'ClusterIP';
	spec.sessionAffinity ??= 'None';
	spec.internalTrafficPolicy ??= 'Cluster';
	for (const port of spec.ports ?? []) {
		port.protocol ??= 'TCP';
		port.targetPort ??= port.port;
	}
	if (spec.type === 'ExternalName') return;
	const previous: string | undefined = old?.spec?.clusterIP;
	if (previous) {
		if (spec.clusterIP && spec.clusterIP !== previous) {
			throw invalid(resource, service.metadata.name, 'spec.clusterIPs[0]', `Invalid value: []string{"${spec.clusterIP}"}: may not change once set`);
		}
		spec.clusterIP = previous;
	} else if (spec.clusterIP !== 'None') {
		spec.clusterIP = allocator.allocate(spec.clusterIP);
	}
	spec.clusterIPs = [spec.clusterIP];
	spec.ipFamilies ??= ['IPv4'];
	spec.ipFamilyPolicy ??= 'SingleStack';
	if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
		spec.externalTrafficPolicy ??= 'Cluster';
		const oldPorts: Json[] = old?.spec?.ports ?? [];
		for (const port of spec.ports ?? []) port.nodePort ??= oldPorts.find(candidate => candidate.port === port.port)?.nodePort ?? allocator.nodePort();
	}
	if (spec.type === 'LoadBalancer') service.status = {loadBalancer: {}, ...service.status};
	else service.status ??= {loadBalancer: {}};
}

function defaultSecret(secret: KubeObject): void {
	secret.type ??= 'Opaque';
	const stringData = secret.stringData as Record<string, string> | undefined;
	if (stringData) {
		const data: Record<string, string> = {...(secret.data as Record<string, string> | undefined)};
		for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(value).toString('base64');
		secret.data = data;
		delete secret.stringData;
	}
}

/** Service cluster IPs from 10.96.0.0/12 (10.96.0.1 is the `kubernetes` service's), node ports from 30000-32767. */
class ClusterIpAllocator {
	private readonly used = new Set<string>(['10.96.0.1', '10.96.0.10']);
	private next = 100;
	private nextNodePort = 30000 + Math.floor(Math.random() * 2000);

	allocate(requested: string | undefined): string {
		if (requested) {
			this.used.add(requested);
			return requested;
		}
		for (;;) {
			const offset = this.next++;
			const ip = `10.${96 + (offset >> 16)}.${(offset >> 8) & 255}.${offset & 255}`;
			if (!this.used.has(ip) && (offset & 255) !== 0 && (offset & 255) !== 255) {
				this.used.add(ip);
				return ip;
			}
		}
	}

	nodePort(): number {
		const port = this.nextNodePort++;
		if (this.nextNodePort > 32767) this.nextNodePort = 30000;
		return port;
	}
}

function goMap(map: Record<string, string>): string {
	return `map[string]string{${Object.entries(map)
		.map(([key, value]) => `"${key}":"${value}"`)
		.join(', ')}}`;
}

