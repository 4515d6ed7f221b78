// Kubernetes objects as the watch delivers them, built small for wait tests.
import type {KubeObject} from '../../../source/core/objects/types.js';

let version = 0;

function meta(name: string, namespace: string | undefined, extra: Partial<KubeObject['metadata']> = {}): KubeObject['metadata'] {
	return {name, ...(namespace ? {namespace} : {}), uid: `uid-${name}`, resourceVersion: String(++version), ...extra};
}

type PodShape = {
	phase?: string;
	ready?: boolean;
	waiting?: string;
	running?: boolean;
	imageID?: string;
	replicaSet?: string;
	deleting?: boolean;
};

export function pod(name: string, shape: PodShape = {}): KubeObject {
	const {phase = 'Running', ready = false, waiting, running = !waiting, imageID, replicaSet, deleting} = shape;
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: meta(name, 'shop', {
			...(replicaSet ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet, uid: `uid-${replicaSet}`, controller: true}]} : {}),
			...(deleting ? {deletionTimestamp: '2025-03-14T09:30:00Z'} : {}),
		}),
		spec: {containers: [{name: 'web', image: 'nginx:1.27'}]},
		status: {
			phase,
			conditions: [{type: 'Ready', status: ready ? 'True' : 'False'}],
			containerStatuses: [{
				name: 'web',
				image: 'nginx:1.27',
				ready,
				restartCount: 0,
				...(imageID ? {imageID} : {}),
				state: waiting ? {waiting: {reason: waiting}} : running ? {running: {startedAt: '2025-03-14T09:29:00Z'}} : {},
			}],
		},
	};
}

type DeploymentShape = {generation?: number; observedGeneration?: number; replicas?: number; updated?: number; available?: number; total?: number; deadlineExceeded?: boolean};

export function deployment(name: string, shape: DeploymentShape = {}): KubeObject {
	const {generation = 2, observedGeneration = generation, replicas = 2, updated = replicas, available = replicas, total = replicas} = shape;
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: meta(name, 'shop', {generation}),
		spec: {replicas, selector: {matchLabels: {app: name}}, template: {spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}}},
		status: {
			observedGeneration,
			replicas: total,
			updatedReplicas: updated,
			availableReplicas: available,
			...(shape.deadlineExceeded ? {conditions: [{type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded'}]} : {}),
		},
	};
}

export function replicaSet(name: string, owner: string, revision: number): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: meta(name, 'shop', {
			annotations: {'deployment.kubernetes.io/revision': String(revision)},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: `uid-${owner}`, controller: true}],
		}),
	};
}

export function namespace(name: string, terminating = false): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Namespace',
		metadata: meta(name, undefined, terminating ? {deletionTimestamp: '2025-03-14T09:30:00Z'} : {}),
		spec: {finalizers: ['kubernetes']},
		status: {phase: terminating ? 'Terminating' : 'Active'},
	};
}
