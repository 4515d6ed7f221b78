import type {KubeObject} from '../../core/objects/types.js';

type Condition = {type: string; status: string; lastTransitionTime?: string};

export function podCondition(pod: KubeObject, type: string): Condition | undefined {
	return (pod.status?.conditions as Condition[] | undefined)?.find(condition => condition.type === type);
}

export function podIsReady(pod: KubeObject): boolean {
	return !pod.metadata.deletionTimestamp && podCondition(pod, 'Ready')?.status === 'True';
}

/** When the pod last became Ready (ms), for minReadySeconds. */
export function readySince(pod: KubeObject): number | undefined {
	const time = podCondition(pod, 'Ready')?.lastTransitionTime;
	return time ? Date.parse(time) : undefined;
}
