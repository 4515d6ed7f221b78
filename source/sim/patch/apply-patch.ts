// Picks the patch algorithm from the request's Content-Type, as the API server does.
import {StatusError} from '../store/status-error.js';
import {applyJsonPatch} from './json-patch.js';
import {applyMergePatch} from './merge-patch.js';
import {applyStrategicMergePatch} from './strategic-merge-patch.js';

export const patchTypes = [
	'application/json-patch+json',
	'application/merge-patch+json',
	'application/strategic-merge-patch+json',
	'application/apply-patch+yaml',
] as const;

export type PatchType = (typeof patchTypes)[number];

/** The patch type named by a Content-Type header, or a 415 like the API server's. */
export function patchTypeOf(contentType: string | undefined): PatchType {
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const known = patchTypes.find(type => type === mediaType);
	if (!known) {
		throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${patchTypes.join(', ')}`);
	}
	return known;
}

/**
 * Apply `patch` to a copy of `current`. Server-side apply is approximated by a strategic merge of
 * the applied configuration (no field ownership), which is what a single manager observes.
 */
export function applyPatch(type: PatchType, current: unknown, patch: unknown): unknown {
	switch (type) {
		case 'application/json-patch+json':
			return applyJsonPatch(structuredClone(current), patch);
		case 'application/merge-patch+json':
			return applyMergePatch(current, patch);
		case 'application/strategic-merge-patch+json':
		case 'application/apply-patch+yaml':
			return applyStrategicMergePatch(current, patch);
	}
}
