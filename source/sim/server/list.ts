// GET on a collection without watch: selectors, `limit`/`continue` paging and the representation asked for.
import type {KubeObject} from '../../core/objects/types.js';
import type {ObjectStore} from '../store/object-store.js';
import {StatusError, badRequest} from '../store/status-error.js';
import type {Exchange} from './exchange.js';
import {type ListMeta, renderList, representationOf} from './representation.js';
import type {ResourceRoute} from './route.js';

type ContinueToken = {v: 'meta.k8s.io/v1'; rv: number; start: string};

export function handleList(exchange: Exchange, route: ResourceRoute, store: ObjectStore, now: number): void {
	const representation = representationOf(exchange.accept, exchange.query);
	const limit = exchange.integer('limit') ?? 0;
	const token = exchange.query.get('continue');
	const items = store.list(route.resource, {
		namespace: route.namespace,
		labelSelector: exchange.query.get('labelSelector') ?? undefined,
		fieldSelector: exchange.query.get('fieldSelector') ?? undefined,
	});
	let rv = store.resourceVersion;
	let start = 0;
	if (token) {
		const decoded = decodeContinue(token);
		if (store.eventsSince(decoded.rv) === 'expired') {
			throw new StatusError(
				410,
				'Expired',
				'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
			);
		}
		rv = decoded.rv;
		start = firstAfter(items, decoded.start);
	}
	let page = start === 0 ? items : items.slice(start);
	const meta: ListMeta = {resourceVersion: String(rv)};
	if (limit > 0 && page.length > limit) {
		page = page.slice(0, limit);
		const last = page[page.length - 1];
		meta.continue = encodeContinue({v: 'meta.k8s.io/v1', rv, start: keyOf(last)});
		meta.remainingItemCount = items.length - start - limit;
	}
	exchange.head(200, 'application/json');
	for (const chunk of renderList(route.resource, page, representation, meta, now)) exchange.res.write(chunk);
	exchange.res.end();
}

function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function encodeContinue(token: ContinueToken): string {
	return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
	try {
		const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
		if (token.v === 'meta.k8s.io/v1' && typeof token.rv === 'number' && typeof token.start === 'string') return token;
	} catch {}
	throw badRequest('continue key is not valid: invalid continue token');
}

/** Index of the first item sorted after `key` (items are sorted by namespace, then name). */
function firstAfter(items: KubeObject[], key: string): number {
	const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
	let low = 0;
	let high = items.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		const itemNamespace = items[middle].metadata.namespace ?? '';
		const itemName = items[middle].metadata.name;
		const after = itemNamespace > namespace || (itemNamespace === namespace && itemName > name);
		if (after) high = middle;
		else low = middle + 1;
	}
	return low;
}
