// The Kubernetes object shapes kconsole reads. Only the fields we use are typed; objects
// from a cluster carry more, and every field may be missing in what a user feeds `match`.

export type OwnerReference = {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
};

export type ObjectMeta = {
	name: string;
	generateName?: string;
	namespace?: string;
	uid?: string;
	resourceVersion?: string;
	generation?: number;
	creationTimestamp?: string;
	deletionTimestamp?: string;
	deletionGracePeriodSeconds?: number;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
	finalizers?: string[];
};

export type KubeObject = {
	apiVersion: string;
	kind: string;
	metadata: ObjectMeta;
	spec?: any;
	status?: any;
	[field: string]: unknown;
};

export type ContainerStateWaiting = {reason?: string; message?: string};
export type ContainerStateRunning = {startedAt?: string};
export type ContainerStateTerminated = {
	exitCode: number;
	signal?: number;
	reason?: string;
	message?: string;
	startedAt?: string;
	finishedAt?: string;
	containerID?: string;
};
export type ContainerState = {
	waiting?: ContainerStateWaiting;
	running?: ContainerStateRunning;
	terminated?: ContainerStateTerminated;
};

export type ContainerStatus = {
	name: string;
	image: string;
	imageID?: string;
	ready: boolean;
	started?: boolean;
	restartCount: number;
	state?: ContainerState;
	lastState?: ContainerState;
	containerID?: string;
};

export type Container = {
	name: string;
	image: string;
	command?: string[];
	args?: string[];
	env?: Array<{name: string; value?: string; valueFrom?: unknown}>;
	ports?: Array<{name?: string; containerPort: number; protocol?: string}>;
	resources?: {limits?: Record<string, string>; requests?: Record<string, string>};
	securityContext?: Record<string, unknown>;
	imagePullPolicy?: string;
};

export type PodCondition = {type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string; lastTransitionTime?: string};

export type Pod = KubeObject & {
	kind: 'Pod';
	spec: {
		nodeName?: string;
		containers: Container[];
		initContainers?: Container[];
		imagePullSecrets?: Array<{name: string}>;
		restartPolicy?: string;
		serviceAccountName?: string;
		terminationGracePeriodSeconds?: number;
		[field: string]: unknown;
	};
	status?: {
		phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
		reason?: string;
		message?: string;
		conditions?: PodCondition[];
		containerStatuses?: ContainerStatus[];
		initContainerStatuses?: ContainerStatus[];
		podIP?: string;
		hostIP?: string;
		startTime?: string;
		[field: string]: unknown;
	};
};

export type ObjectReference = {
	kind?: string;
	namespace?: string;
	name?: string;
	uid?: string;
	apiVersion?: string;
	fieldPath?: string;
	resourceVersion?: string;
};

export type Event = KubeObject & {
	kind: 'Event';
	involvedObject: ObjectReference;
	reason?: string;
	message?: string;
	type?: 'Normal' | 'Warning';
	count?: number;
	firstTimestamp?: string;
	lastTimestamp?: string;
	eventTime?: string;
	source?: {component?: string; host?: string};
	reportingComponent?: string;
};

export type Deployment = KubeObject & {
	kind: 'Deployment';
	spec: {
		replicas?: number;
		selector: {matchLabels?: Record<string, string>};
		template: {metadata?: Partial<ObjectMeta>; spec: Pod['spec']};
		paused?: boolean;
		[field: string]: unknown;
	};
	status?: {
		observedGeneration?: number;
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		unavailableReplicas?: number;
		conditions?: Array<{type: string; status: string; reason?: string; message?: string}>;
	};
};

export type Service = KubeObject & {
	kind: 'Service';
	spec: {
		type?: string;
		selector?: Record<string, string>;
		clusterIP?: string;
		ports?: Array<{name?: string; port: number; targetPort?: number | string; nodePort?: number; protocol?: string}>;
	};
};

export type Endpoints = KubeObject & {
	kind: 'Endpoints';
	subsets?: Array<{
		addresses?: Array<{ip: string; targetRef?: ObjectReference}>;
		notReadyAddresses?: Array<{ip: string; targetRef?: ObjectReference}>;
		ports?: Array<{name?: string; port: number; protocol?: string}>;
	}>;
};

export type Namespace = KubeObject & {
	kind: 'Namespace';
	spec?: {finalizers?: string[]};
	status?: {phase?: 'Active' | 'Terminating'; conditions?: Array<{type: string; status: string; reason?: string; message?: string}>};
};

export type NodeCondition = {type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string};

export type Node = KubeObject & {
	kind: 'Node';
	status?: {
		conditions?: NodeCondition[];
		addresses?: Array<{type: string; address: string}>;
		nodeInfo?: Record<string, string>;
		capacity?: Record<string, string>;
		allocatable?: Record<string, string>;
	};
};

/** Kinds the console watches and the matcher knows. Other kinds are accepted and ignored. */
export const watchedKinds = [
	'Namespace',
	'Node',
	'Pod',
	'Event',
	'Deployment',
	'ReplicaSet',
	'Service',
	'Endpoints',
	'Ingress',
	'IngressClass',
	'ClusterRole',
	'ClusterRoleBinding',
] as const;

export type WatchedKind = (typeof watchedKinds)[number];

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones. */
export function objectKey(object: {metadata: {namespace?: string; name: string}}): string {
	return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}
