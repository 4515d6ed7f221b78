// What differs between two versions of one Kubernetes object, field by field, leaving out what
// the server maintains (status, resourceVersion, managedFields…) so only a user's change shows.

export type FieldChange = {
	/** `spec.template.spec.containers[web].image`: named list items by name, other arrays by index. */
	path: string;
	change: 'added' | 'removed' | 'changed';
	/** Absent when the field was added. */
	before?: unknown;
	/** Absent when the field was removed. */
	after?: unknown;
};

type Segment = {key: string} | {index: number} | {name: string};
type Named = {name: string; [field: string]: unknown};

// Bookkeeping the API server (or kubectl) writes on every change; a diff of a write would always show it.
const ignoredMetadata = new Set(['resourceVersion', 'generation', 'managedFields', 'creationTimestamp', 'uid', 'selfLink']);
const ignoredAnnotations = new Set([
	'deployment.kubernetes.io/revision',
	// kubectl apply's copy of what it applied: restates the changed fields as one long JSON string.
	'kubectl.kubernetes.io/last-applied-configuration',
]);

/** The fields that differ, in the order they appear in `after` (then the ones only `before` has). */
export function diffObjects(before: unknown, after: unknown): FieldChange[] {
	const changes: FieldChange[] = [];
	walk(before, after, [], changes);
	return changes;
}

function walk(before: unknown, after: unknown, path: Segment[], changes: FieldChange[]): void {
	if (isIgnored(path)) return;
	// Kubernetes omits null fields: a null and a missing field are the same thing.
	const was = before ?? undefined;
	const now = after ?? undefined;
	if (was === undefined && now === undefined) return;
	const last = path.at(-1);
	// A list item that comes or goes (a container, an env var) is one change, shown whole.
	const wholeItem = last !== undefined && 'name' in last;
	if (!wholeItem || (was !== undefined && now !== undefined)) {
		// A missing map or list is an empty one: comparing inside it names each field added or removed.
		if ((isMap(was) || was === undefined) && (isMap(now) || now === undefined)) {
			const left = was ?? {};
			const right = now ?? {};
			const keys = [...Object.keys(right), ...Object.keys(left).filter(key => !Object.hasOwn(right, key))];
			for (const key of keys) walk(left[key], right[key], [...path, {key}], changes);
			return;
		}
		if ((Array.isArray(was) || was === undefined) && (Array.isArray(now) || now === undefined)) {
			walkList(was ?? [], now ?? [], path, changes);
			return;
		}
	}
	if (was === undefined) changes.push({path: formatPath(path), change: 'added', after: now});
	else if (now === undefined) changes.push({path: formatPath(path), change: 'removed', before: was});
	else if (was !== now) changes.push({path: formatPath(path), change: 'changed', before: was, after: now});
}

/** Lists of named items (containers, env, ports, volumes…) are matched by name, so one inserted item is one change. */
function walkList(left: unknown[], right: unknown[], path: Segment[], changes: FieldChange[]): void {
	if (isNamedList(left) && isNamedList(right)) {
		const before = new Map(left.map(item => [item.name, item]));
		for (const item of right) walk(before.get(item.name), item, [...path, {name: item.name}], changes);
		const kept = new Set(right.map(item => item.name));
		for (const item of left) if (!kept.has(item.name)) walk(item, undefined, [...path, {name: item.name}], changes);
		return;
	}
	for (let index = 0; index < Math.max(left.length, right.length); index++) walk(left[index], right[index], [...path, {index}], changes);
}

function isIgnored(path: Segment[]): boolean {
	const keys = path.map(segment => ('key' in segment ? segment.key : ''));
	if (keys.length === 1) return keys[0] === 'status';
	if (keys[0] !== 'metadata') return false;
	if (keys.length === 2) return ignoredMetadata.has(keys[1]);
	return keys.length === 3 && keys[1] === 'annotations' && ignoredAnnotations.has(keys[2]);
}

function isMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every item a map with a distinct string name; an empty list fits either way. */
function isNamedList(list: unknown[]): list is Named[] {
	const names = list.map(item => (isMap(item) && typeof item.name === 'string' ? item.name : undefined));
	return names.every(name => name !== undefined) && new Set(names).size === names.length;
}

// Identifier-like keys read as `.key`, plain names as `[web]`; the rest quoted (`["app.kubernetes.io/name"]`), never raw.
function formatPath(path: Segment[]): string {
	return path.map((segment, position) => {
		if ('index' in segment) return `[${segment.index}]`;
		if ('name' in segment) return /^[\w.:-]+$/.test(segment.name) ? `[${segment.name}]` : `[${JSON.stringify(segment.name)}]`;
		if (!/^[A-Za-z_$][\w$-]*$/.test(segment.key)) return `[${JSON.stringify(segment.key)}]`;
		return position === 0 ? segment.key : `.${segment.key}`;
	}).join('');
}

/** A value on one line: JSON, cut to `max` characters. */
export function formatValue(value: unknown, max = 80): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `spec.replicas: 2 → 3`; a field that comes or goes shows `(none)` on its missing side. */
export function formatChange(change: FieldChange, max?: number): string {
	const before = change.change === 'added' ? '(none)' : formatValue(change.before, max);
	const after = change.change === 'removed' ? '(none)' : formatValue(change.after, max);
	return `${change.path}: ${before} → ${after}`;
}
