// RFC 6902 JSON Patch, as the API server applies `application/json-patch+json`.
import {StatusError, badRequest} from '../store/status-error.js';

type Operation = {op: string; path: string; value?: unknown; from?: string};

type Container = Record<string, unknown> | unknown[];

export function applyJsonPatch(document: unknown, patch: unknown): unknown {
	if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
	let root = document;
	for (const operation of patch as Operation[]) {
		if (!operation || typeof operation.op !== 'string' || typeof operation.path !== 'string') throw badRequest('invalid JSON patch operation');
		switch (operation.op) {
			case 'add':
				root = add(root, operation.path, requireValue(operation));
				break;
			case 'remove':
				root = remove(root, operation.path);
				break;
			case 'replace':
				get(root, operation.path);
				root = remove(root, operation.path);
				root = add(root, operation.path, requireValue(operation));
				break;
			case 'move': {
				const value = get(root, from(operation));
				root = remove(root, from(operation));
				root = add(root, operation.path, value);
				break;
			}
			case 'copy':
				root = add(root, operation.path, structuredClone(get(root, from(operation))));
				break;
			case 'test':
				if (JSON.stringify(get(root, operation.path)) !== JSON.stringify(operation.value)) throw unprocessable(`testing value ${operation.path} failed: test failed`);
				break;
			default:
				throw badRequest(`Unexpected kind: ${operation.op}`);
		}
	}
	return root;
}

function requireValue(operation: Operation): unknown {
	if (!('value' in operation)) throw unprocessable(`missing value for ${operation.op} operation`);
	return structuredClone(operation.value);
}

function from(operation: Operation): string {
	if (typeof operation.from !== 'string') throw unprocessable(`missing from for ${operation.op} operation`);
	return operation.from;
}

function unprocessable(message: string): StatusError {
	return new StatusError(422, 'Invalid', message);
}

function tokens(path: string): string[] {
	if (path === '') return [];
	if (!path.startsWith('/')) throw unprocessable(`invalid JSON pointer "${path}"`);
	return path
		.slice(1)
		.split('/')
		.map(token => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function isContainer(value: unknown): value is Container {
	return value !== null && typeof value === 'object';
}

/** The container holding the last token of `path`. */
function parentOf(root: unknown, path: string): {parent: Container; key: string} {
	const parts = tokens(path);
	if (parts.length === 0) throw unprocessable('cannot operate on the document root');
	let current: unknown = root;
	for (const part of parts.slice(0, -1)) {
		if (!isContainer(current)) throw unprocessable(`doc is missing path: "${path}": missing value`);
		current = Array.isArray(current) ? current[Number(part)] : current[part];
	}
	if (!isContainer(current)) throw unprocessable(`doc is missing path: "${path}": missing value`);
	return {parent: current, key: parts.at(-1)!};
}

function get(root: unknown, path: string): unknown {
	let current: unknown = root;
	for (const part of tokens(path)) {
		if (!isContainer(current)) throw unprocessable(`doc is missing path: "${path}": missing value`);
		const next: unknown = Array.isArray(current) ? current[Number(part)] : current[part];
		if (next === undefined) throw unprocessable(`doc is missing path: "${path}": missing value`);
		current = next;
	}
	return current;
}

function add(root: unknown, path: string, value: unknown): unknown {
	if (path === '') return value;
	const {parent, key} = parentOf(root, path);
	if (Array.isArray(parent)) {
		const index = key === '-' ? parent.length : Number(key);
		if (!Number.isInteger(index) || index < 0 || index > parent.length) throw unprocessable(`add operation does not apply: doc is missing path: "${path}"`);
		parent.splice(index, 0, value);
	} else {
		parent[key] = value;
	}
	return root;
}

function remove(root: unknown, path: string): unknown {
	const {parent, key} = parentOf(root, path);
	if (Array.isArray(parent)) {
		const index = Number(key);
		if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw unprocessable(`remove operation does not apply: doc is missing path: "${path}": missing value`);
		parent.splice(index, 1);
	} else {
		if (!(key in parent)) throw unprocessable(`remove operation does not apply: doc is missing path: "${path}": missing value`);
		delete parent[key];
	}
	return root;
}
