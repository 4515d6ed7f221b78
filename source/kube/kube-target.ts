// Which cluster, as whom, and where to look: resolved once from the flags and the kubeconfig,
// then shared by the store, the log streams and the kubectl runner.
import {existsSync} from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import {UserError} from '../commands/command.js';
import {describeConnectionError} from './connection-error.js';
import {kubeRequest, KubeApiError} from './kube-request.js';
import {displayPath, loadKubeconfigFiles, type KubeconfigOrigin} from './kubeconfig-files.js';

export type KubeTarget = {
	kubeConfig: k8s.KubeConfig;
	context: string;
	server: string;
	user: string;
	/** The namespace commands act in: -n, else the context's, else `default`. */
	namespace: string;
	allNamespaces: boolean;
	/** What kubectl needs to see the same config: pass as KUBECONFIG (joined with ':'); empty means kubectl's own default. */
	kubeconfigPaths: string[];
	origin: KubeconfigOrigin | 'in-cluster';
	/** Set when no kubeconfig was found and the target is kubectl's localhost:8080 fallback: why. */
	fallbackReason?: string;
};

export type TargetOptions = {kubeconfig?: string; context?: string; namespace?: string; allNamespaces?: boolean; env: NodeJS.ProcessEnv};

const fallbackServer = 'http://localhost:8080';
const serviceAccountToken = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const namespacePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Throws a UserError with a one-line message when the kubeconfig cannot give a target. */
export function loadTarget(options: TargetOptions): KubeTarget {
	const {env} = options;
	if (options.namespace !== undefined && !namespacePattern.test(options.namespace)) {
		throw new UserError(`"${options.namespace}" is not a valid namespace name (lowercase letters, digits and "-")`);
	}
	const loaded = loadKubeconfigFiles(options);
	const {kubeConfig} = loaded;
	let origin: KubeTarget['origin'] = loaded.origin;
	let fallbackReason: string | undefined;
	if (loaded.origin === 'none') {
		if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT && existsSync(serviceAccountToken)) {
			kubeConfig.loadFromCluster();
			origin = 'in-cluster';
		} else {
			useFallback(kubeConfig);
			fallbackReason = `no kubeconfig was found (${loaded.missing})`;
		}
	} else if (kubeConfig.getContexts().length === 0 && !options.context) {
		useFallback(kubeConfig);
		fallbackReason = `the kubeconfig ${shownPaths(loaded.paths, env)} defines no context`;
	}
	const names = kubeConfig.getContexts().map(context => context.name);
	const contextName = options.context ?? kubeConfig.getCurrentContext();
	const where = origin === 'in-cluster' ? 'the in-cluster config' : shownPaths(loaded.paths, env);
	if (!contextName) {
		throw new UserError(`no current context in ${where}: pick one with --context (${available(names)}) or run kubectl config use-context NAME`);
	}
	const context = kubeConfig.getContextObject(contextName);
	if (!context) throw new UserError(`context "${contextName}" not found in ${where} (${available(names)})`);
	kubeConfig.setCurrentContext(contextName);
	const cluster = kubeConfig.getCluster(context.cluster);
	if (!cluster) throw new UserError(`context "${contextName}" names cluster "${context.cluster}", which ${where} does not define`);
	allowPlainHttp(kubeConfig, cluster);
	return {
		kubeConfig,
		context: contextName,
		server: cluster.server,
		user: context.user,
		namespace: options.namespace ?? (context.namespace || 'default'),
		allNamespaces: options.allNamespaces === true,
		kubeconfigPaths: loaded.paths,
		origin,
		fallbackReason,
	};
}

/** GET /version within the timeout; a UserError naming the server and the likely cause otherwise. */
export async function checkReachable(target: KubeTarget, timeoutMs = 5000): Promise<void> {
	try {
		const response = await kubeRequest(target, '/version', {timeoutMs});
		response.resume();
	} catch (error) {
		// A 403 still proves the server is there and knows us; RBAC is reported per kind later.
		if (error instanceof KubeApiError && error.status === 403) return;
		throw new UserError(describeConnectionError(error, target, {timeoutMs}));
	}
}

function useFallback(kubeConfig: k8s.KubeConfig): void {
	kubeConfig.loadFromOptions({
		clusters: [{name: 'localhost', server: fallbackServer, skipTLSVerify: true}],
		users: [{name: 'anonymous'}],
		contexts: [{name: 'localhost', cluster: 'localhost', user: 'anonymous'}],
		currentContext: 'localhost',
	});
}

// kubectl talks to http:// servers as they are; client-node refuses unless skipTLSVerify is set,
// which means nothing without TLS, so set it on our in-memory copy.
function allowPlainHttp(kubeConfig: k8s.KubeConfig, cluster: k8s.Cluster): void {
	if (!cluster.server.startsWith('http:') || cluster.skipTLSVerify) return;
	kubeConfig.loadFromOptions({
		clusters: kubeConfig.getClusters().map(each => (each === cluster ? {...each, skipTLSVerify: true} : each)),
		users: kubeConfig.getUsers(),
		contexts: kubeConfig.getContexts(),
		currentContext: kubeConfig.getCurrentContext(),
	});
}

function shownPaths(paths: string[], env: NodeJS.ProcessEnv): string {
	return paths.map(file => displayPath(file, env)).join(':');
}

function available(names: string[]): string {
	return names.length === 0 ? 'it defines no contexts' : `contexts: ${names.join(', ')}`;
}
