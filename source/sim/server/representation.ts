// What the client asked to receive (the Accept header's `as=` parameter): the objects, a
// server-side Table (kubectl get), or PartialObjectMetadata (metadata-only clients).
import type {KubeObject} from '../../core/objects/types.js';
import {objectBytes, objectJson} from '../store/object-json.js';
import type {Resource} from '../store/resources.js';
import {badRequest} from '../store/status-error.js';
import {defaultPrinter, printers} from './table-printers.js';

export type Representation = {as: 'object'} | {as: 'table'; includeObject: 'None' | 'Metadata' | 'Object'} | {as: 'metadata'};

export function representationOf(accept: string, query: URLSearchParams): Representation {
	for (const part of accept.split(',')) {
		const media = part.trim();
		if (!media.startsWith('application/json')) continue;
		if (media.includes('as=Table')) {
			const includeObject = query.get('includeObject') ?? 'Metadata';
			if (includeObject !== 'None' && includeObject !== 'Metadata' && includeObject !== 'Object') throw badRequest(`includeObject: Unsupported value: "${includeObject}": supported values: "None", "Metadata", "Object"`);
			return {as: 'table', includeObject};
		}
		if (media.includes('as=PartialObjectMetadata')) return {as: 'metadata'};
		return {as: 'object'};
	}
	return {as: 'object'};
}

const metadataCache = new WeakMap<KubeObject, string>();

/** `PartialObjectMetadata` of an object, as Table rows and metadata-only lists carry it. */
export function partialMetadataJson(object: KubeObject): string {
	let json = metadataCache.get(object);
	if (json === undefined) {
		json = `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(object.metadata)}}`;
		metadataCache.set(object, json);
	}
	return json;
}

export function columnDefinitionsJson(resource: Resource): string {
	return JSON.stringify((printers[resource.kind] ?? defaultPrinter).columns.map(column => ({priority: 0, ...column})));
}

export function tableRowJson(resource: Resource, object: KubeObject, now: number, includeObject: 'None' | 'Metadata' | 'Object'): string {
	const cells = JSON.stringify((printers[resource.kind] ?? defaultPrinter).cells(object, now));
	if (includeObject === 'None') return `{"cells":${cells}}`;
	return `{"cells":${cells},"object":${includeObject === 'Object' ? objectJson(object) : partialMetadataJson(object)}}`;
}

export type ListMeta = {resourceVersion: string; continue?: string; remainingItemCount?: number};

/** One object (a get, or a watch event) or a list, in the representation asked for. */
export function renderObject(resource: Resource, object: KubeObject, representation: Representation, now: number, withColumns = true): string | Buffer {
	if (representation.as === 'object') return objectBytes(object);
	if (representation.as === 'metadata') return partialMetadataJson(object);
	const columns = withColumns ? `"columnDefinitions":${columnDefinitionsJson(resource)},` : '';
	const metadata = JSON.stringify({resourceVersion: object.metadata.resourceVersion ?? ''});
	return `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":${metadata},${columns}"rows":[${tableRowJson(resource, object, now, representation.includeObject)}]}`;
}

const comma = Buffer.from(',');

/** A list response in chunks, so 30,000 items never become one giant string; full objects are copied from the bytes cached when they were stored. */
export function* renderList(resource: Resource, objects: KubeObject[], representation: Representation, meta: ListMeta, now: number): Generator<string | Buffer> {
	const metadata = JSON.stringify(meta);
	const batch = 500;
	if (representation.as === 'object') {
		const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
		yield `{"kind":"${resource.kind}List","apiVersion":"${apiVersion}","metadata":${metadata},"items":[`;
		for (let start = 0; start < objects.length; start += batch) {
			const parts: Buffer[] = [];
			for (let i = start; i < Math.min(objects.length, start + batch); i++) {
				if (i > 0) parts.push(comma);
				parts.push(objectBytes(objects[i]));
			}
			yield Buffer.concat(parts);
		}
		yield ']}';
		return;
	}
	let item: (object: KubeObject) => string;
	if (representation.as === 'table') {
		yield `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":${metadata},"columnDefinitions":${columnDefinitionsJson(resource)},"rows":[`;
		item = object => tableRowJson(resource, object, now, representation.includeObject);
	} else {
		yield `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":${metadata},"items":[`;
		item = partialMetadataJson;
	}
	for (let start = 0; start < objects.length; start += batch) {
		const parts: string[] = [];
		for (let i = start; i < Math.min(objects.length, start + batch); i++) parts.push(item(objects[i]));
		yield (start === 0 ? '' : ',') + parts.join(',');
	}
	yield ']}';
}
