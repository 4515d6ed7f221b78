// The kubeconfig written for the simulated cluster: context `kconsole-sim`, accepted by kubectl and
// by @kubernetes/client-node (which refuses an http:// server unless insecure-skip-tls-verify is set).
import {mkdir, writeFile} from 'node:fs/promises';
import {dirname} from 'node:path';
import {stringify} from 'yaml';

export const simContext = 'kconsole-sim';

export function kubeconfigText(url: string, namespace = 'default'): string {
	return stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name: simContext, cluster: {server: url, 'insecure-skip-tls-verify': true}}],
		users: [{name: simContext, user: {username: simContext}}],
		contexts: [{name: simContext, context: {cluster: simContext, user: simContext, namespace}}],
		'current-context': simContext,
		preferences: {},
	});
}

export async function writeKubeconfig(path: string, url: string): Promise<void> {
	await mkdir(dirname(path), {recursive: true});
	await writeFile(path, kubeconfigText(url), {mode: 0o600});
}
