// create (POST), update (PUT), patch (PATCH) and delete (DELETE) of objects and their status,
// scale and finalize subresources. Every write honours dryRun=All and accepts fieldManager.
import type {KubeObject} from '../../core/objects/types.js';
import {applyPatch, patchTypeOf} from '../patch/apply-patch.js';
import {isMap} from '../patch/merge-patch.js';
import {copyOf, objectBytes, objectJson} from '../store/object-json.js';
import type {ObjectStore} from '../store/object-store.js';
import {apiVersionOf} from '../store/resources.js';
import {StatusError, badRequest, conflict, notFound} from '../store/status-error.js';
import type {Exchange} from './exchange.js';
import type {ResourceRoute} from './route.js';
import {formatSelector} from './table-format.js';

export async function handleCreate(exchange: Exchange, route: ResourceRoute, store: ObjectStore): Promise<void> {
	const dryRun = exchange.dryRun;
	const object = checkBody(await exchange.body(), route);
	const created = store.create(route.resource, object, {dryRun});
	exchange.json(201, objectBytes(created));
}

export async function handleUpdate(exchange: Exchange, route: ResourceRoute, store: ObjectStore): Promise<void> {
	const dryRun = exchange.dryRun;
	const object = checkBody(await exchange.body(), route);
	if (route.subresource === 'scale') {
		const replicas = (object as {spec?: {replicas?: unknown}}).spec?.replicas;
		exchange.json(200, scaleOf(writeReplicas(store, route, replicas, object.metadata?.resourceVersion, dryRun)));
		return;
	}
	if (route.subresource === 'finalize') {
		const finalizers = (object.spec as {finalizers?: string[]} | undefined)?.finalizers ?? [];
		const result = store.mutate(route.resource, undefined, route.name!, draft => {
			draft.spec = {...draft.spec, finalizers};
		}, {dryRun});
		exchange.json(200, objectBytes(result));
		return;
	}
	const updated = store.replace(route.resource, object, {dryRun, subresource: route.subresource === 'status' ? 'status' : undefined});
	exchange.json(200, objectBytes(updated));
}

export async function handlePatch(exchange: Exchange, route: ResourceRoute, store: ObjectStore): Promise<void> {
	const dryRun = exchange.dryRun;
	const type = patchTypeOf(exchange.req.headers['content-type']);
	const patch = await exchange.body();
	if (patch === undefined) throw badRequest('the body of the request was empty');
	const current = store.get(route.resource, route.namespace, route.name!);
	if (!current) {
		// Server-side apply creates what does not exist yet.
		if (type !== 'application/apply-patch+yaml' || route.subresource) throw notFound(route.resource, route.name!);
		const created = store.create(route.resource, checkBody(patch, route), {dryRun});
		exchange.json(201, objectBytes(created));
		return;
	}
	if (route.subresource === 'scale') {
		const scale = applyPatch(type, scaleOf(current), patch) as {spec?: {replicas?: unknown}; metadata?: {resourceVersion?: string}};
		const result = writeReplicas(store, route, scale.spec?.replicas, undefined, dryRun);
		exchange.json(200, scaleOf(result));
		return;
	}
	const patched = applyPatch(type, copyOf(current), patch);
	if (!isMap(patched)) throw new StatusError(422, 'Invalid', 'the patch did not produce an object');
	const object = patched as KubeObject;
	object.metadata ??= {name: route.name!};
	if (object.metadata.name !== route.name) throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${route.name})`);
	if (route.resource.namespaced) object.metadata.namespace = route.namespace;
	if (object.metadata.uid !== current.metadata.uid) throw new StatusError(409, 'Conflict', `Precondition failed: UID in precondition: ${object.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
	const updated = store.replace(route.resource, object, {dryRun, subresource: route.subresource === 'status' ? 'status' : undefined});
	exchange.json(200, objectBytes(updated));
}

export async function handleDelete(exchange: Exchange, route: ResourceRoute, store: ObjectStore): Promise<void> {
	const body = await exchange.body();
	const options = isMap(body) ? (body as {gracePeriodSeconds?: number; dryRun?: string[]; preconditions?: {uid?: string; resourceVersion?: string}}) : {};
	const dryRun = exchange.dryRun || (options.dryRun ?? []).includes('All');
	const gracePeriodSeconds = exchange.integer('gracePeriodSeconds') ?? options.gracePeriodSeconds;
	if (!route.name) {
		const deleted = deleteCollection(exchange, route, store, dryRun, gracePeriodSeconds);
		exchange.json(200, `{"kind":"${route.resource.kind}List","apiVersion":"${apiVersionOf(route.resource)}","metadata":{"resourceVersion":"${store.resourceVersion}"},"items":[${deleted.map(objectJson).join(',')}]}`);
		return;
	}
	const current = store.get(route.resource, route.namespace, route.name);
	if (!current) throw notFound(route.resource, route.name);
	const {uid, resourceVersion} = options.preconditions ?? {};
	if (uid && uid !== current.metadata.uid) throw new StatusError(409, 'Conflict', `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`);
	if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) throw conflict(route.resource, route.name);
	const result = store.delete(route.resource, route.namespace, route.name, {dryRun, gracePeriodSeconds});
	const remains = !dryRun && store.get(route.resource, route.namespace, route.name) !== undefined;
	if (remains || dryRun || route.resource.kind === 'Pod' || route.resource.kind === 'Namespace') {
		exchange.json(200, objectBytes(result));
		return;
	}
	exchange.json(200, {
		kind: 'Status',
		apiVersion: 'v1',
		metadata: {},
		status: 'Success',
		details: {name: route.name, group: route.resource.group || undefined, kind: route.resource.name, uid: current.metadata.uid},
	});
}

function deleteCollection(exchange: Exchange, route: ResourceRoute, store: ObjectStore, dryRun: boolean, gracePeriodSeconds: number | undefined): KubeObject[] {
	const items = store.list(route.resource, {
		namespace: route.namespace,
		labelSelector: exchange.query.get('labelSelector') ?? undefined,
		fieldSelector: exchange.query.get('fieldSelector') ?? undefined,
	});
	return items.map(item => store.delete(route.resource, item.metadata.namespace, item.metadata.name, {dryRun, gracePeriodSeconds}));
}

/** The body of a create or update: an object of this resource's kind, in the URL's namespace. */
function checkBody(body: unknown, route: ResourceRoute): KubeObject {
	if (!isMap(body)) throw badRequest('Object \'Kind\' is missing in the request body');
	const object = body as KubeObject;
	const resource = route.resource;
	const expected = route.subresource === 'scale' ? 'autoscaling/v1' : apiVersionOf(resource);
	if (object.apiVersion && object.apiVersion !== expected) throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`);
	const kind = route.subresource === 'scale' ? 'Scale' : resource.kind;
	if (object.kind && object.kind !== kind) throw badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${kind})`);
	object.metadata ??= {name: ''};
	if (!isMap(object.metadata)) throw badRequest('metadata must be an object');
	if (route.name && object.metadata.name && object.metadata.name !== route.name) {
		throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${route.name})`);
	}
	if (route.name && !object.metadata.name) object.metadata.name = route.name;
	if (resource.namespaced && route.namespace) {
		if (object.metadata.namespace && object.metadata.namespace !== route.namespace) {
			throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
		}
		object.metadata.namespace = route.namespace;
	}
	return object;
}

function writeReplicas(store: ObjectStore, route: ResourceRoute, replicas: unknown, resourceVersion: string | undefined, dryRun: boolean): KubeObject {
	const current = store.get(route.resource, route.namespace, route.name!);
	if (!current) throw notFound(route.resource, route.name!);
	if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
		throw new StatusError(422, 'Invalid', `Scale.autoscaling "${route.name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
	}
	if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) throw conflict(route.resource, route.name!);
	const draft = copyOf(current);
	draft.spec = {...draft.spec, replicas};
	return store.replace(route.resource, draft, {dryRun});
}

/** The autoscaling/v1 Scale of a deployment or replica set. */
export function scaleOf(object: KubeObject): object {
	const selector = formatSelector(object.spec?.selector);
	return {
		kind: 'Scale',
		apiVersion: 'autoscaling/v1',
		metadata: {
			name: object.metadata.name,
			namespace: object.metadata.namespace,
			uid: object.metadata.uid,
			resourceVersion: object.metadata.resourceVersion,
			creationTimestamp: object.metadata.creationTimestamp,
		},
		spec: {replicas: object.spec?.replicas ?? 0},
		status: {replicas: object.status?.replicas ?? 0, selector: selector === '<none>' ? '' : selector},
	};
}
