// Finds and merges kubeconfig files the way kubectl does: --kubeconfig alone, else every file in
// $KUBECONFIG (missing ones skipped; for each name the first file wins, and so does the first
// current-context), else ~/.kube/config. Read problems become one-line UserErrors.
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {UserError} from '../commands/command.js';

export type KubeconfigOrigin = '--kubeconfig' | '$KUBECONFIG' | '~/.kube/config' | 'none';

export type LoadedKubeconfig = {
	kubeConfig: k8s.KubeConfig;
	/** The files that were read, in merge order. */
	paths: string[];
	origin: KubeconfigOrigin;
	/** Why no file was read, for the localhost:8080 message. Empty when files were read. */
	missing: string;
};

export function loadKubeconfigFiles(options: {kubeconfig?: string; env: NodeJS.ProcessEnv}): LoadedKubeconfig {
	const {env} = options;
	if (options.kubeconfig) {
		const file = path.resolve(expandHome(options.kubeconfig, env));
		const text = readKubeconfig(file, env);
		if (text === null) throw new UserError(`the kubeconfig ${displayPath(file, env)} given with --kubeconfig does not exist`);
		return {kubeConfig: merge([parseKubeconfig(file, text, env)]), paths: [file], origin: '--kubeconfig', missing: ''};
	}
	const listed = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
	if (listed.length > 0) {
		const files = [...new Set(listed.map(file => path.resolve(expandHome(file, env))))];
		const read = files.flatMap(file => {
			const text = readKubeconfig(file, env);
			return text === null ? [] : [{file, config: parseKubeconfig(file, text, env)}];
		});
		if (read.length === 0) {
			const missing = `none of the files in $KUBECONFIG exist (${files.map(file => displayPath(file, env)).join(', ')})`;
			return {kubeConfig: new k8s.KubeConfig(), paths: [], origin: 'none', missing};
		}
		return {kubeConfig: merge(read.map(({config}) => config)), paths: read.map(({file}) => file), origin: '$KUBECONFIG', missing: ''};
	}
	const home = env.HOME ?? env.USERPROFILE;
	if (home) {
		const file = path.join(home, '.kube', 'config');
		const text = readKubeconfig(file, env);
		if (text !== null) return {kubeConfig: merge([parseKubeconfig(file, text, env)]), paths: [file], origin: '~/.kube/config', missing: ''};
	}
	return {kubeConfig: new k8s.KubeConfig(), paths: [], origin: 'none', missing: '$KUBECONFIG is not set and ~/.kube/config does not exist'};
}

/** The file's text; null when it does not exist. Any other read problem is a UserError. */
function readKubeconfig(file: string, env: NodeJS.ProcessEnv): string | null {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return null;
		throw new UserError(describeReadError(file, error as NodeJS.ErrnoException, env));
	}
}

export function describeReadError(file: string, error: NodeJS.ErrnoException, env: NodeJS.ProcessEnv): string {
	const shown = displayPath(file, env);
	if (error.code === 'EACCES' || error.code === 'EPERM') {
		// Seed 000: `sudo kind create cluster` leaves ~/.kube/config owned by root.
		const owner = ownerOf(file);
		const ownedBy = owner === undefined ? '' : owner === 0 ? ' (the file belongs to root)' : ` (the file belongs to uid ${owner})`;
		const kubeDirectory = env.HOME ? path.join(env.HOME, '.kube') : undefined;
		const fix = kubeDirectory && isInside(file, kubeDirectory) ? 'sudo chown -R $USER:$USER ~/.kube' : `sudo chown $USER:$USER ${shown}`;
		return `cannot read the kubeconfig ${shown}: permission denied${ownedBy}; make it yours with: ${fix}`;
	}
	if (error.code === 'EISDIR') return `the kubeconfig ${shown} is a directory, not a file`;
	return `cannot read the kubeconfig ${shown}: ${error.message}`;
}

function parseKubeconfig(file: string, text: string, env: NodeJS.ProcessEnv): k8s.KubeConfig {
	const config = new k8s.KubeConfig();
	try {
		// Broken entries are dropped like kubectl ignores what the chosen context does not use.
		config.loadFromString(text, {onInvalidEntry: 'filter'});
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		throw new UserError(`the kubeconfig ${displayPath(file, env)} is not valid YAML: ${message}`);
	}
	config.makePathsAbsolute(path.dirname(file));
	return config;
}

function merge(configs: k8s.KubeConfig[]): k8s.KubeConfig {
	const firstByName = <T extends {name: string}>(lists: T[][]): T[] => {
		const seen = new Map<string, T>();
		for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
		return [...seen.values()];
	};
	const merged = new k8s.KubeConfig();
	merged.loadFromOptions({
		clusters: firstByName(configs.map(config => config.getClusters() ?? [])),
		users: firstByName(configs.map(config => config.getUsers() ?? [])),
		contexts: firstByName(configs.map(config => config.getContexts() ?? [])),
		currentContext: configs.map(config => config.getCurrentContext()).find(Boolean),
	});
	return merged;
}

/** `~/…` for files under $HOME, so messages read like the advice people find online. */
export function displayPath(file: string, env: NodeJS.ProcessEnv): string {
	const home = env.HOME;
	return home && isInside(file, home) ? `~/${path.relative(home, file)}` : file;
}

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
	return env.HOME && (file === '~' || file.startsWith('~/')) ? path.join(env.HOME, file.slice(1)) : file;
}

function isInside(file: string, directory: string): boolean {
	const relative = path.relative(directory, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function ownerOf(file: string): number | undefined {
	try {
		return statSync(file).uid;
	} catch {
		return undefined;
	}
}
