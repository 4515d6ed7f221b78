// One complete list of a collection, page by page, as the server's JSON.
import type {KubeObject} from '../core/objects/types.js';
import {getJson} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';

export type ObjectList = {metadata: {resourceVersion?: string}; items: KubeObject[]};

type ListPage = {metadata?: {resourceVersion?: string; continue?: string}; items?: KubeObject[] | null};

/** Pages of 500 keep a large cluster's first answer small for the API server (kubectl does the same). */
export async function listObjects(target: Pick<KubeTarget, 'kubeConfig' | 'server'>, path: string, options: {signal?: AbortSignal; pageSize?: number; timeoutMs?: number} = {}): Promise<ObjectList> {
	const items: KubeObject[] = [];
	let token: string | undefined;
	let resourceVersion: string | undefined;
	do {
		const query = new URLSearchParams({limit: String(options.pageSize ?? 500)});
		if (token) query.set('continue', token);
		const page = await getJson<ListPage>(target, `${path}?${query}`, {signal: options.signal, timeoutMs: options.timeoutMs});
		items.push(...(page.items ?? []));
		resourceVersion = page.metadata?.resourceVersion;
		token = page.metadata?.continue || undefined;
	} while (token);
	return {metadata: {resourceVersion}, items};
}
