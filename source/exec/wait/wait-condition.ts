// What a ```wait step waits for, judged against the store the console watches (never by
// polling kubectl): met, failed for good, or still waiting with a line saying how far along.
import type {ContainerStatus, KubeObject, Pod, PodCondition, WatchedKind} from '../../core/objects/types.js';
import type {Finding} from '../../core/match/types.js';
import {findingKey} from '../../core/match/types.js';
import type {ClusterStore} from '../../kube/cluster-store.js';
import {kindResources} from '../../kube/kind-resources.js';
import {watchedKindFor} from '../kind-words.js';

export type WaitCondition =
	| {type: 'resolved'}
	| {type: 'rollout'; name: string}
	| {type: 'ready' | 'running' | 'pulled'; name: string}
	| {type: 'gone'; kind: WatchedKind; name: string};

export type StoreReader = Pick<ClusterStore, 'get' | 'list'>;

export type WaitScope = {
	/** Namespace of the run: where namespaced objects are looked up. */
	namespace: string | null;
	/** The finding the run fixes, for `resolved`. */
	finding?: Finding;
	/** The deployment the run's pod belongs to: when the pod is replaced, its successors count. */
	deployment?: string;
	/**
	 * For `rollout`: the deployment's generation the API server reported when the wait began. A
	 * watch a moment behind a write still shows the previous rollout, complete; it must not count.
	 */
	minimumGeneration?: number;
};

export type WaitCheck =
	| {state: 'met'; text: string}
	| {state: 'failed'; text: string}
	| {state: 'waiting'; text: string};

export type ParsedWait = {ok: true; condition: WaitCondition} | {ok: false; error: string};

export function parseWait(argv: string[]): ParsedWait {
	const [verb, target, ...rest] = argv;
	if (verb === 'resolved') return target === undefined ? {ok: true, condition: {type: 'resolved'}} : {ok: false, error: 'wait resolved takes no argument'};
	if (!['rollout', 'ready', 'running', 'pulled', 'gone'].includes(verb)) return {ok: false, error: `unknown wait "${verb ?? ''}" (expected resolved, rollout, ready, running, gone or pulled)`};
	const slash = target?.indexOf('/') ?? -1;
	const kindWord = slash > 0 ? target.slice(0, slash).toLowerCase() : '';
	const name = slash > 0 ? target.slice(slash + 1) : '';
	if (rest.length > 0 || !name || name.includes('/')) return {ok: false, error: `wait ${verb ?? ''} needs KIND/NAME`};
	const kind = watchedKindFor(kindWord);
	switch (verb) {
		case 'rollout':
			return kind === 'Deployment' ? {ok: true, condition: {type: 'rollout', name}} : {ok: false, error: 'wait rollout needs deployment/NAME'};
		case 'ready':
		case 'running':
		case 'pulled':
			return kind === 'Pod' ? {ok: true, condition: {type: verb, name}} : {ok: false, error: `wait ${verb} needs pod/NAME`};
		default:
			return kind ? {ok: true, condition: {type: 'gone', kind, name}} : {ok: false, error: `wait gone: kconsole does not watch "${kindWord}" objects`};
	}
}

/** The kinds whose watch the condition depends on. */
export function conditionKinds(condition: WaitCondition): WatchedKind[] {
	switch (condition.type) {
		case 'resolved':
			return [];
		case 'rollout':
			return ['Deployment', 'ReplicaSet', 'Pod'];
		case 'gone':
			return [condition.kind];
		default:
			return ['Pod'];
	}
}

export function checkWait(condition: WaitCondition, store: StoreReader, scope: WaitScope, findings?: () => readonly Finding[]): WaitCheck {
	switch (condition.type) {
		case 'resolved': {
			if (!scope.finding || !findings) return {state: 'failed', text: 'wait resolved: this run has no live findings to watch'};
			const key = findingKey(scope.finding);
			const still = findings().some(finding => findingKey(finding) === key);
			return still ? {state: 'waiting', text: `waiting for the finding to go: ${scope.finding.summary}`} : {state: 'met', text: 'the finding is gone'};
		}
		case 'rollout':
			return checkRollout(condition.name, store, scope.namespace, scope.minimumGeneration ?? 0);
		case 'gone': {
			const namespace = kindResources[condition.kind].namespaced ? scope.namespace : null;
			const object = store.get(condition.kind, namespace, condition.name);
			const shown = `${condition.kind.toLowerCase()}/${condition.name}`;
			return object ? {state: 'waiting', text: `waiting for ${shown} to go: ${lingering(object)}`} : {state: 'met', text: `${shown} is gone`};
		}
		default:
			return checkPods(condition.type, condition.name, store, scope);
	}
}

function checkRollout(name: string, store: StoreReader, namespace: string | null, minimumGeneration: number): WaitCheck {
	const deployment = store.get('Deployment', namespace, name);
	const shown = `deployment/${name}`;
	if (!deployment) return {state: 'waiting', text: `waiting for ${shown}: it does not exist`};
	const desired = deployment.spec?.replicas ?? 1;
	const status: DeploymentStatus = deployment.status ?? {};
	const updated = status.updatedReplicas ?? 0;
	const available = status.availableReplicas ?? 0;
	const total = status.replicas ?? 0;
	const summary = `${updated}/${desired} updated, ${available} available`;
	if ((deployment.metadata.generation ?? 0) < minimumGeneration) return {state: 'waiting', text: `waiting for ${shown}: the watch has not seen the latest change yet`};
	if ((status.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0)) {
		return {state: 'waiting', text: `waiting for ${shown}: the controller has not seen the change yet`};
	}
	// Only now: a deadline the previous generation exceeded says nothing about this one.
	const deadline = status.conditions?.find(condition => condition.type === 'Progressing' && condition.reason === 'ProgressDeadlineExceeded');
	if (deadline) return {state: 'failed', text: `${shown} exceeded its progress deadline: ${summary}`};
	const old = Math.max(total - updated, oldPods(deployment, store, namespace));
	if (updated === desired && total === desired && available === desired && old === 0) return {state: 'met', text: `${shown} rolled out: ${summary}`};
	return {state: 'waiting', text: `waiting for ${shown}: ${summary}${old > 0 ? `, ${old} old ${old === 1 ? 'pod' : 'pods'} left` : ''}`};
}

type DeploymentStatus = {
	observedGeneration?: number;
	replicas?: number;
	updatedReplicas?: number;
	availableReplicas?: number;
	conditions?: Array<{type: string; reason?: string}>;
};

/** Pods of the deployment's older ReplicaSets still in the store (terminating ones included). */
function oldPods(deployment: KubeObject, store: StoreReader, namespace: string | null): number {
	const sets = replicaSetsOf(deployment.metadata.name, store, namespace);
	const newest = sets[0];
	if (!newest) return 0;
	const older = new Set(sets.slice(1).map(set => set.metadata.name));
	return store.list('Pod').filter(pod => pod.metadata.namespace === namespace && older.has(controllerName(pod, 'ReplicaSet') ?? '')).length;
}

/** The deployment's ReplicaSets, newest revision first. */
function replicaSetsOf(deployment: string, store: StoreReader, namespace: string | null): KubeObject[] {
	const revision = (set: KubeObject) => Number(set.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
	return store
		.list('ReplicaSet')
		.filter(set => set.metadata.namespace === namespace && controllerName(set, 'Deployment') === deployment)
		.sort((a, b) => revision(b) - revision(a));
}

function controllerName(object: KubeObject, kind: string): string | undefined {
	return object.metadata.ownerReferences?.find(owner => owner.kind === kind)?.name;
}

const pullWaiting = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const goals = {ready: 'Ready', running: 'running', pulled: 'pulled'} as const;

function checkPods(goal: 'ready' | 'running' | 'pulled', name: string, store: StoreReader, scope: WaitScope): WaitCheck {
	const {pods, replaced} = podsFor(name, store, scope);
	const shown = `pod/${name}`;
	if (pods.length === 0) {
		const why = replaced ? `it is gone; waiting for deployment/${scope.deployment} to start its replacement` : 'it does not exist';
		return {state: 'waiting', text: `waiting for ${shown} to be ${goals[goal]}: ${why}`};
	}
	const pending = pods.filter(pod => !podMeets(goal, pod));
	const subject = replaced ? `${shown} was replaced by ${pods.map(pod => `pod/${pod.metadata.name}`).join(', ')}` : shown;
	if (pending.length === 0) return {state: 'met', text: replaced ? `${subject}: ${goals[goal]}` : `${shown} is ${goals[goal]}`};
	const states = pending.map(pod => `${replaced ? `${pod.metadata.name} ` : ''}${podState(pod)}`).join(', ');
	return {state: 'waiting', text: `waiting for ${subject} to be ${goals[goal]}: ${states}`};
}

/** The pod itself, or once it is deleted, the current pods of the deployment it belonged to. */
function podsFor(name: string, store: StoreReader, scope: WaitScope): {pods: Pod[]; replaced: boolean} {
	const pod = store.get('Pod', scope.namespace, name) as Pod | undefined;
	if (pod && !pod.metadata.deletionTimestamp) return {pods: [pod], replaced: false};
	if (!scope.deployment) return {pods: [], replaced: false};
	const newest = replicaSetsOf(scope.deployment, store, scope.namespace)[0];
	if (!newest) return {pods: [], replaced: true};
	const pods = (store.list('Pod') as Pod[])
		.filter(each => each.metadata.namespace === scope.namespace && !each.metadata.deletionTimestamp && controllerName(each, 'ReplicaSet') === newest.metadata.name)
		.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
	return {pods, replaced: true};
}

function podMeets(goal: 'ready' | 'running' | 'pulled', pod: Pod): boolean {
	const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
	const conditions: PodCondition[] = pod.status?.conditions ?? [];
	const everyContainer = (test: (status: ContainerStatus) => boolean) =>
		statuses.length >= pod.spec.containers.length && statuses.every(test);
	switch (goal) {
		case 'ready':
			return conditions.some(condition => condition.type === 'Ready' && condition.status === 'True');
		case 'running':
			return pod.status?.phase === 'Running' && everyContainer(status => Boolean(status.state?.running));
		case 'pulled':
			// A container that ran, runs or has an image ID had its image; one waiting on a pull has not.
			return everyContainer(status => !pullWaiting.has(status.state?.waiting?.reason ?? '') && Boolean(status.state?.running || status.state?.terminated || status.lastState?.terminated || status.imageID));
	}
}

/** What the pod is doing now, in kubectl's words: a waiting reason, a terminated reason, or the phase. */
function podState(pod: Pod): string {
	const all: ContainerStatus[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
	for (const status of all) {
		const reason = status.state?.waiting?.reason ?? status.state?.terminated?.reason;
		if (reason) return reason;
	}
	const phase = pod.status?.phase ?? 'Pending';
	if (phase !== 'Running') return phase;
	const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
	return `Running, ${statuses.filter(status => status.ready).length}/${pod.spec.containers.length} containers ready`;
}

/** Why an object is still there: terminating, and what holds it. */
function lingering(object: KubeObject): string {
	if (!object.metadata.deletionTimestamp) return 'it still exists (not being deleted)';
	const finalizers = [...(object.metadata.finalizers ?? []), ...((object.spec as {finalizers?: string[]} | undefined)?.finalizers ?? [])];
	return finalizers.length > 0 ? `terminating, held by finalizers ${finalizers.join(', ')}` : 'terminating';
}
