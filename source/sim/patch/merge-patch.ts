// RFC 7386 JSON Merge Patch (`application/merge-patch+json`): maps merge, null deletes, lists are replaced.

export function applyMergePatch(target: unknown, patch: unknown): unknown {
	if (!isMap(patch)) return structuredClone(patch);
	const result: Record<string, unknown> = isMap(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = applyMergePatch(result[key], value);
	}
	return result;
}

export function isMap(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
