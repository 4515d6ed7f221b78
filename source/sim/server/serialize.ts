// Stored objects are immutable, so each is serialized once and the string is shared by every
// list, get and watch that sends it.
import type {KubeObject} from '../../core/objects/types.js';

const objectCache = new WeakMap<KubeObject, string>();
const bufferCache = new WeakMap<KubeObject, Buffer>();
const metadataCache = new WeakMap<KubeObject, string>();

export function objectJson(object: KubeObject): string {
	let json = objectCache.get(object);
	if (json === undefined) {
		json = JSON.stringify(object);
		objectCache.set(object, json);
	}
	return json;
}

/** The object's JSON as UTF-8 bytes: large lists are copied from these without encoding again. */
export function objectBuffer(object: KubeObject): Buffer {
	let buffer = bufferCache.get(object);
	if (buffer === undefined) {
		buffer = Buffer.from(objectCache.get(object) ?? JSON.stringify(object));
		bufferCache.set(object, buffer);
	}
	return buffer;
}

/** `PartialObjectMetadata` of an object, as Table rows and metadata-only lists carry it. */
export function partialMetadataJson(object: KubeObject): string {
	let json = metadataCache.get(object);
	if (json === undefined) {
		json = `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(object.metadata)}}`;
		metadataCache.set(object, json);
	}
	return json;
}

/** A deep copy to change: parsing the cached JSON is cheaper than structuredClone. */
export function copyOf(object: KubeObject): KubeObject {
	return JSON.parse(objectJson(object)) as KubeObject;
}
