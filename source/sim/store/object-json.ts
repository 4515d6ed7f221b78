// Stored objects are never mutated, so each one is serialized once (in the turns after the store
// keeps it, or when first sent) and its UTF-8 bytes are shared by every list, get and watch frame.
import type {KubeObject} from '../../core/objects/types.js';

const cache = new WeakMap<KubeObject, Buffer>();

/** The object's JSON as UTF-8; objects the store never kept (dry runs, deleted objects) are serialized on first use. */
export function objectBytes(object: KubeObject): Buffer {
	let bytes = cache.get(object);
	if (bytes === undefined) {
		const json = JSON.stringify(object);
		// Not from Node's shared 8 KB pool: a slice would keep the whole pool alive as long as the object.
		bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
		bytes.write(json);
		cache.set(object, bytes);
	}
	return bytes;
}

/** Drops the bytes of a version the store no longer holds: history keeps old versions, their bytes need not stay too. */
export function forgetBytes(object: KubeObject): void {
	cache.delete(object);
}

/** The object's JSON as a string: the cached bytes when there are some, else made afresh and not kept (a version about to be replaced need not be cached). */
export function objectJson(object: KubeObject): string {
	const bytes = cache.get(object);
	return bytes === undefined ? JSON.stringify(object) : bytes.toString();
}

/** A deep copy to change: parsing the cached JSON is cheaper than structuredClone. */
export function copyOf(object: KubeObject): KubeObject {
	return JSON.parse(objectJson(object)) as KubeObject;
}
