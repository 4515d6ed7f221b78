// Strategic merge patch (`application/strategic-merge-patch+json`), as kubectl's patch, set image,
// rollout restart and scale send it: lists of named things merge by their key, and the
// directives $patch (merge|replace|delete), $setElementOrder/, $deleteFromPrimitiveList/ and
// $retainKeys are honoured.
import {badRequest} from '../store/status-error.js';
import {listStrategy, type ListStrategy} from './merge-keys.js';
import {isMap} from './merge-patch.js';

type Json = Record<string, unknown>;

export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
	if (!isMap(patch)) throw badRequest('strategic merge patch must be a JSON object');
	return mergeMap(isMap(original) ? original : {}, patch, []) ?? {};
}

/** Undefined means "delete this map" ($patch: delete). */
function mergeMap(original: Json, patch: Json, path: string[]): Json | undefined {
	const directive = patch.$patch;
	if (directive === 'delete') return undefined;
	if (directive === 'replace') return strip(patch) as Json;
	if (directive !== undefined && directive !== 'merge') throw badRequest(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
	const result: Json = {...original};
	const orders: Array<[string, unknown[]]> = [];
	for (const [key, value] of Object.entries(patch)) {
		if (key === '$patch' || key === '$retainKeys') continue;
		if (key.startsWith('$setElementOrder/')) {
			if (!Array.isArray(value)) throw badRequest('invalid patch: $setElementOrder must be a list');
			orders.push([key.slice('$setElementOrder/'.length), value]);
			continue;
		}
		if (key.startsWith('$deleteFromPrimitiveList/')) {
			const field = key.slice('$deleteFromPrimitiveList/'.length);
			if (!Array.isArray(value)) throw badRequest('invalid patch: $deleteFromPrimitiveList must be a list');
			const current = result[field];
			if (Array.isArray(current)) result[field] = current.filter(item => !value.includes(item));
			continue;
		}
		if (value === null) {
			delete result[key];
		} else if (isMap(value)) {
			const merged = mergeMap(isMap(result[key]) ? (result[key] as Json) : {}, value, [...path, key]);
			if (merged === undefined) delete result[key];
			else result[key] = merged;
		} else if (Array.isArray(value)) {
			result[key] = mergeList(Array.isArray(result[key]) ? (result[key] as unknown[]) : [], value, [...path, key]);
		} else {
			result[key] = value;
		}
	}
	for (const [field, order] of orders) {
		const current = result[field];
		if (Array.isArray(current)) result[field] = applyOrder(current, order, listStrategy([...path, field]));
	}
	const retain = patch.$retainKeys;
	if (Array.isArray(retain)) {
		for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
	}
	return result;
}

function mergeList(original: unknown[], patch: unknown[], path: string[]): unknown[] {
	const strategy = listStrategy(path);
	if (!strategy) return patch.filter(item => !(isMap(item) && item.$patch !== undefined)).map(strip);
	if (strategy.kind === 'primitive') {
		const result = [...original];
		for (const item of patch) if (!result.includes(item)) result.push(item);
		return result;
	}
	const {key} = strategy;
	if (patch.some(item => isMap(item) && item.$patch === 'replace')) {
		return patch.filter(item => !(isMap(item) && item.$patch === 'replace')).map(strip);
	}
	const result = [...original];
	for (const item of patch) {
		if (!isMap(item)) throw badRequest(`invalid patch: ${path.join('.')} items must be objects with "${key}"`);
		const index = result.findIndex(existing => isMap(existing) && existing[key] === item[key]);
		if (item.$patch === 'delete') {
			if (index >= 0) result.splice(index, 1);
			continue;
		}
		const base = index >= 0 && isMap(result[index]) ? (result[index] as Json) : {};
		const merged = mergeMap(base, item, path);
		if (merged === undefined) {
			if (index >= 0) result.splice(index, 1);
		} else if (index >= 0) {
			result[index] = merged;
		} else {
			result.push(merged);
		}
	}
	return result;
}

/** Items named in `order` come first, in that order; the server's other items keep their relative order after them. */
function applyOrder(items: unknown[], order: unknown[], strategy: ListStrategy | undefined): unknown[] {
	const identity = (item: unknown) => (strategy?.kind === 'key' && isMap(item) ? item[strategy.key] : item);
	const wanted = order.map(identity);
	const ranked = items.map(item => ({item, rank: wanted.indexOf(identity(item))}));
	const listed = ranked.filter(entry => entry.rank >= 0).sort((a, b) => a.rank - b.rank);
	const others = ranked.filter(entry => entry.rank < 0);
	return [...listed, ...others].map(entry => entry.item);
}

/** A value from the patch with its directives removed, for places where it is taken whole. */
function strip(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(strip);
	if (!isMap(value)) return value;
	const result: Json = {};
	for (const [key, inner] of Object.entries(value)) {
		if (key.startsWith('$')) continue;
		result[key] = strip(inner);
	}
	return result;
}
