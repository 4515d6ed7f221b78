// One GET of an object from the API server, bypassing the store: a rollout wait reads the
// deployment's generation first so a watch a moment behind the write cannot pass it.
import type {KubeObject} from '../core/objects/types.js';
import {collectionPath, kindResources} from '../kube/kind-resources.js';
import {getJson, KubeApiError} from '../kube/kube-request.js';
import type {KubeTarget} from '../kube/kube-target.js';
import type {FreshRead} from './wait/run-wait.js';

export function freshRead(target: Pick<KubeTarget, 'kubeConfig' | 'server'>, timeoutMs = 5000): FreshRead {
	return async (kind, namespace, name) => {
		try {
			return await getJson<KubeObject>(target, `${collectionPath(kindResources[kind], namespace)}/${encodeURIComponent(name)}`, {timeoutMs});
		} catch (error) {
			if (error instanceof KubeApiError && error.status === 404) return undefined;
			throw error;
		}
	};
}
