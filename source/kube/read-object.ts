// One GET of one object straight from the API server, for checks that must not judge by a
// watch a moment behind (a rollout wait right after `kubectl set image`).
import type {KubeObject, WatchedKind} from '../core/objects/types.js';
import {collectionPath, kindResources} from './kind-resources.js';
import {getJson, KubeApiError} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';

/** The object, or undefined when the server says it does not exist; other failures reject. */
export async function readObject(target: Pick<KubeTarget, 'kubeConfig' | 'server'>, kind: WatchedKind, namespace: string | null, name: string): Promise<KubeObject | undefined> {
	try {
		return await getJson<KubeObject>(target, `${collectionPath(kindResources[kind], namespace)}/${encodeURIComponent(name)}`, {timeoutMs: 5000});
	} catch (error) {
		if (error instanceof KubeApiError && error.status === 404) return undefined;
		throw error;
	}
}
