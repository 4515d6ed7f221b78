// Stored objects are never mutated, so each one's JSON is made once, when the store keeps it,
// and shared by every list, get and watch frame that sends it and every copy made from it.
import type {KubeObject} from '../../core/objects/types.js';

const cache = new WeakMap<KubeObject, string>();

/** The object's JSON; objects the store never kept (dry runs, deleted objects) are serialized on first use. */
export function objectJson(object: KubeObject): string {
	let json = cache.get(object);
	if (json === undefined) {
		json = JSON.stringify(object);
		cache.set(object, json);
	}
	return json;
}

/** A deep copy to change: parsing the cached JSON is cheaper than structuredClone. */
export function copyOf(object: KubeObject): KubeObject {
	return JSON.parse(objectJson(object)) as KubeObject;
}
