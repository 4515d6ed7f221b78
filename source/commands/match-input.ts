// What `kconsole match` reads: Kubernetes objects from a file (JSON or YAML: a List, an array,
// single objects, several YAML documents), container logs from a directory, free text.
import {open, readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {parseAllDocuments} from 'yaml';
import type {ContainerLog} from '../core/match/types.js';
import type {KubeObject} from '../core/objects/types.js';
import {splitLogText} from '../kube/log-lines.js';
import {UserError} from './command.js';

/** Objects out of parsed JSON/YAML: Lists are flattened, typed lists (`PodList`) lend their items a kind. */
export function collectObjects(value: unknown, inheritedKind?: string): KubeObject[] {
	if (Array.isArray(value)) return value.flatMap(item => collectObjects(item, inheritedKind));
	if (!value || typeof value !== 'object') return [];
	const object = value as Record<string, unknown>;
	const kind = typeof object.kind === 'string' && object.kind !== '' ? object.kind : inheritedKind;
	if (Array.isArray(object.items) && (kind === undefined || kind.endsWith('List'))) {
		const itemKind = kind && kind !== 'List' ? kind.slice(0, -'List'.length) : undefined;
		return collectObjects(object.items, itemKind);
	}
	const metadata = object.metadata as {name?: unknown} | undefined;
	if (!kind || typeof metadata?.name !== 'string') return [];
	return [(kind === object.kind ? object : {...object, kind}) as KubeObject];
}

/** Throws a one-line UserError when the text is not JSON/YAML or holds no Kubernetes object. */
export function parseObjects(text: string, source: string): KubeObject[] {
	let values: unknown[];
	try {
		values = [JSON.parse(text)];
	} catch {
		const documents = parseAllDocuments(text);
		const documentList = Array.isArray(documents) ? documents : [documents];
		const broken = documentList.find(document => document.errors.length > 0);
		if (broken) {
			const error = broken.errors[0];
			const line = error.linePos?.[0].line;
			throw new UserError(`${source} is neither JSON nor YAML${line ? ` (line ${line})` : ''}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
		}
		values = documentList.map(document => document.toJS());
	}
	const objects = values.flatMap(value => collectObjects(value));
	if (objects.length === 0) {
		throw new UserError(`${source} holds no Kubernetes objects (expected a List, an array or objects with kind and metadata.name, e.g. kubectl get pods,events -A -o json)`);
	}
	return objects;
}

/** A file's text, or standard input for `-`. */
export async function readInput(file: string, stdin: Readable, what: string): Promise<string> {
	if (file === '-') {
		let text = '';
		stdin.setEncoding('utf8');
		for await (const chunk of stdin) text += chunk;
		return text;
	}
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		throw new UserError(`cannot read the ${what} ${file}: ${describeFsError(error)}`);
	}
}

/** Only the end of a log counts as recent; a huge file is not read whole. */
const logTailBytes = 1024 * 1024;

/**
 * DIR/<namespace>/<pod>/<container>.log holds a container's log, and
 * DIR/<namespace>/<pod>/<container>.previous.log the log of its previous (crashed) instance.
 */
export async function readLogsDirectory(directory: string): Promise<ContainerLog[]> {
	const namespaces = await listDirectory(directory, directory);
	const logs = new Map<string, ContainerLog>();
	for (const namespace of namespaces.filter(entry => entry.isDirectory())) {
		const namespaceDirectory = path.join(directory, namespace.name);
		for (const pod of (await listDirectory(namespaceDirectory, directory)).filter(entry => entry.isDirectory())) {
			const podDirectory = path.join(namespaceDirectory, pod.name);
			for (const file of await listDirectory(podDirectory, directory)) {
				const match = /^(?<container>.+?)(?<previous>\.previous)?\.log$/.exec(file.name);
				if (!file.isFile() || !match?.groups) continue;
				const {container, previous} = match.groups;
				const key = `${namespace.name}/${pod.name}/${container}`;
				let log = logs.get(key);
				if (!log) logs.set(key, (log = {namespace: namespace.name, pod: pod.name, container, lines: []}));
				const lines = splitLogText(await readTail(path.join(podDirectory, file.name)));
				if (previous) log.previous = lines;
				else log.lines = lines;
			}
		}
	}
	return [...logs.values()];
}

async function listDirectory(directory: string, root: string) {
	try {
		return (await readdir(directory, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	} catch (error) {
		throw new UserError(`cannot read the logs directory ${directory === root ? root : `${root} (${path.relative(root, directory)})`}: ${describeFsError(error)}`);
	}
}

async function readTail(file: string): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const {size} = await handle.stat();
		const start = Math.max(0, size - logTailBytes);
		const buffer = Buffer.alloc(size - start);
		await handle.read(buffer, 0, buffer.length, start);
		const text = buffer.toString('utf8');
		// Starting mid-file, the first line is a fragment.
		return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
	} finally {
		await handle.close();
	}
}

function describeFsError(error: unknown): string {
	const {code, message} = error as NodeJS.ErrnoException;
	const words: Record<string, string> = {ENOENT: 'it does not exist', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory', ENOTDIR: 'it is not a directory'};
	return (code && words[code]) ?? message;
}
