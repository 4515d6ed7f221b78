// What a dry run would change: the object the server sent back (`-o yaml`) compared with the
// object as it is now. The session reads the object; this file only parses and describes.
import {parse} from 'yaml';
import {diffObjects, formatChange, type FieldChange} from '../objects/object-diff.js';
import type {KubeObject} from '../objects/types.js';

export type DryRunChanges = {
	object: {apiVersion: string; kind: string; namespace?: string; name: string};
	/** The object does not exist yet: the write would create it. */
	creates: boolean;
	fields: FieldChange[];
};

/** Change lines shown before the rest are counted. */
const shownFields = 20;

/** The one object a dry run printed (YAML, or JSON), or undefined when its output is anything else (a message, a List). */
export function printedObject(stdout: string): KubeObject | undefined {
	let value: unknown;
	try {
		value = parse(stdout, {maxAliasCount: 0});
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const object = value as Partial<KubeObject>;
	const named = typeof object.metadata === 'object' && object.metadata !== null && typeof object.metadata.name === 'string' && object.metadata.name !== '';
	if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || object.kind.endsWith('List') || !named) return undefined;
	return object as KubeObject;
}

/** `after` (the dry run's result) against `before` (the object now; undefined when it does not exist). */
export function dryRunChanges(after: KubeObject, before: KubeObject | undefined): DryRunChanges {
	const {namespace, name} = after.metadata;
	return {
		object: {apiVersion: after.apiVersion, kind: after.kind, ...(namespace ? {namespace} : {}), name},
		creates: before === undefined,
		fields: before === undefined ? [] : diffObjects(before, after),
	};
}

/** A headline and one indented line per field, e.g. `would change 1 field of deployment shop/web:`. */
export function describeChanges(changes: DryRunChanges): string[] {
	const {kind, namespace, name} = changes.object;
	const object = `${kind.toLowerCase()} ${namespace ? `${namespace}/` : ''}${name}`;
	if (changes.creates) return [`would create ${object}`];
	const count = changes.fields.length;
	if (count === 0) return [`would change nothing: ${object} is already like that`];
	const lines = [`would change ${count} field${count === 1 ? '' : 's'} of ${object}:`];
	lines.push(...changes.fields.slice(0, shownFields).map(field => `  ${formatChange(field)}`));
	if (count > shownFields) lines.push(`  … and ${count - shownFields} more`);
	return lines;
}
