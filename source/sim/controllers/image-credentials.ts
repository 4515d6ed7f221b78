import type {KubeObject} from '../../core/objects/types.js';
import {type Credentials, credentialHost} from '../registry/registry.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';

// The kubelet's keyring from a pod's imagePullSecrets: docker-registry secrets
// (`.dockerconfigjson`), keyed by registry host. Secrets that do not exist are reported.

const secrets = resourceFor('Secret');

export function pullCredentials(store: ObjectStore, pod: KubeObject): {credentials: Credentials; missing: string[]} {
	const credentials: Credentials = new Map();
	const missing: string[] = [];
	for (const {name} of (pod.spec?.imagePullSecrets ?? []) as Array<{name: string}>) {
		const secret = store.get(secrets, pod.metadata.namespace, name);
		if (!secret) {
			missing.push(name);
			continue;
		}
		const data = (secret.data ?? {}) as Record<string, string>;
		const encoded = data['.dockerconfigjson'] ?? data['.dockercfg'];
		if (!encoded) continue;
		try {
			const config = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
			const auths: Record<string, {username?: string; password?: string; auth?: string}> = config.auths ?? config;
			for (const [key, entry] of Object.entries(auths)) {
				let {username = '', password = ''} = entry;
				if ((!username || !password) && entry.auth) [username, password] = Buffer.from(entry.auth, 'base64').toString('utf8').split(/:(.*)/s);
				credentials.set(credentialHost(key), {username, password: password ?? ''});
			}
		} catch {
			// A malformed secret gives no credentials, as the kubelet's keyring skips it.
		}
	}
	return {credentials, missing};
}
