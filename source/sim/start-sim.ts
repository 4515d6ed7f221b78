// Starts the simulated cluster: clock → store (with API defaulting) → logs → HTTP API listening →
// kubeconfig written. The same function serves `kconsole sim`, `kconsole demo`, tests and benchmarks.
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Clock} from './clock.js';
import {writeKubeconfig} from './kubeconfig.js';
import {ApiServer} from './server/api-server.js';
import type {RequestRecord} from './server/request-record.js';
import {installDefaults} from './store/defaults.js';
import {LogStore} from './store/log-store.js';
import {ObjectStore} from './store/object-store.js';
import {resourceFor} from './store/resources.js';
import {type World, addHealthyPods, createWorld, installScenarios} from './world.js';

export type SimOptions = {
	/** host:port, default 127.0.0.1:0 (a free port). */
	listen?: string;
	/** Scenario names, or ['all']. */
	scenarios?: string[];
	/** Simulated durations run this many times faster (back-offs, pulls). */
	speed?: number;
	/** Healthy pods added on top of the scenarios (scale tests, benchmarks). */
	pods?: number;
	/** Where to write the kubeconfig; default: a file in a fresh temp dir. */
	kubeconfigPath?: string;
	/** How often watches that allow bookmarks receive one; default one minute. */
	bookmarkIntervalMs?: number;
	/** Only the API server and its store: no controllers, scenarios or healthy pods (API tests). */
	bare?: boolean;
};

export type SimHandle = {
	url: string;
	kubeconfigPath: string;
	store: ObjectStore;
	logs: LogStore;
	clock: Clock;
	/** The controllers, registries and scenarios; undefined for a bare sim. */
	world?: World;
	server: ApiServer;
	requests(): RequestRecord[];
	clearRequests(): void;
	stop(): Promise<void>;
};

const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
	const {host, port} = parseListen(options.listen ?? '127.0.0.1:0');
	const clock = new Clock({speed: options.speed});
	const store = new ObjectStore(clock);
	installDefaults(store);
	const logs = new LogStore();
	// The API server itself creates the system namespaces, as kube-apiserver does.
	for (const name of systemNamespaces) store.create(resourceFor('Namespace'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	let world: World | undefined;
	let server: ApiServer | undefined;
	let url: string;
	try {
		if (!options.bare) {
			world = await createWorld({clock, store, logs});
			await installScenarios(world, options.scenarios ?? []);
			if (options.pods) addHealthyPods(world, options.pods);
		} else if ((options.scenarios?.length ?? 0) > 0 || options.pods) {
			throw new Error('a bare simulated cluster has no scenarios or pods');
		}
		server = new ApiServer({store, logs, clock, world, bookmarkIntervalMs: options.bookmarkIntervalMs});
		url = await server.listen(host, port);
	} catch (error) {
		await world?.stop();
		clock.stop();
		throw error;
	}
	const api = server;
	const kubeconfigPath = options.kubeconfigPath ?? join(await mkdtemp(join(tmpdir(), 'kconsole-sim-')), 'kubeconfig');
	await writeKubeconfig(kubeconfigPath, url);
	let stopped: Promise<void> | undefined;
	return {
		url,
		kubeconfigPath,
		store,
		logs,
		clock,
		world,
		server: api,
		requests: () => api.requests.list(),
		clearRequests: () => api.requests.clear(),
		stop: () => {
			stopped ??= (async () => {
				await api.stop();
				await world?.stop();
				clock.stop();
			})();
			return stopped;
		},
	};
}

/** `host:port`, `[::1]:port` or `:port`. */
export function parseListen(listen: string): {host: string; port: number} {
	const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen.trim());
	if (!match) throw new Error(`--listen wants HOST:PORT (e.g. 127.0.0.1:0), got "${listen}"`);
	const port = Number(match[3]);
	if (port > 65535) throw new Error(`--listen port out of range: ${port}`);
	return {host: match[1] ?? (match[2] || '127.0.0.1'), port};
}
