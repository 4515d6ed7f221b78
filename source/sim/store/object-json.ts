// Stored objects are never mutated, so each one is serialized once, when the store keeps it, and
// its UTF-8 bytes are shared by every list, get and watch frame that sends it.
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

export function objectJson(object: KubeObject): string {
	return objectBytes(object).toString();
}

/** A deep copy to change: parsing the cached JSON is cheaper than structuredClone. */
export function copyOf(object: KubeObject): KubeObject {
	return JSON.parse(objectJson(object)) as KubeObject;
}
