import type {KubeObject} from '../../core/objects/types.js';
import type {Clock} from '../clock.js';
import type {ObjectStore} from '../store/object-store.js';
import {type Resource, resources} from '../store/resources.js';
import {WorkQueue} from './work-queue.js';

// namespace-controller: a Terminating namespace has its content deleted; while objects remain
// (graceful pods, finalizers) its conditions say which, with the real messages; once empty the
// `kubernetes` finalizer is removed and the namespace disappears. New namespaces get their
// `default` ServiceAccount and `kube-root-ca.crt` ConfigMap, as the other controllers would add.

const namespaces = resources.find(resource => resource.kind === 'Namespace')!;
const content = resources.filter(resource => resource.namespaced && resource.verbs.includes('delete'));
const serviceAccounts = resources.find(resource => resource.kind === 'ServiceAccount')!;
const configMaps = resources.find(resource => resource.kind === 'ConfigMap')!;
const recheckMs = 5000;

const conditionTypes = ['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'];
const settled: Record<string, [reason: string, message: string]> = {
	NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
	NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
	NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
	NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
	NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

export const rootCertificate = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIGuCZ1wcrjo0wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNTAxMTUwOTU4MTFaFw0zNTAxMTMxMDAzMTFaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
-----END CERTIFICATE-----
`;

export class NamespaceController {
	private readonly queue: WorkQueue;
	private readonly unsubscribe: () => void;

	constructor(
		private readonly store: ObjectStore,
		private readonly clock: Clock,
	) {
		this.queue = new WorkQueue(clock, name => this.sync(name));
		this.unsubscribe = store.subscribe(event => {
			const {object, resource} = event;
			if (resource === namespaces) {
				if (event.type === 'ADDED' && !object.metadata.deletionTimestamp) this.queue.add(`+${object.metadata.name}`);
				if (object.metadata.deletionTimestamp && event.type !== 'DELETED') this.queue.add(object.metadata.name);
				return;
			}
			if (!resource.namespaced || event.type === 'ADDED') return;
			const namespace = this.store.get(namespaces, undefined, object.metadata.namespace!);
			if (namespace?.metadata.deletionTimestamp) this.queue.add(namespace.metadata.name);
		});
	}

	stop(): void {
		this.unsubscribe();
		this.queue.stop();
	}

	/** Give namespaces created before this controller started their defaults too. */
	populateExisting(): void {
		for (const namespace of this.store.list(namespaces)) if (!namespace.metadata.deletionTimestamp) this.queue.add(`+${namespace.metadata.name}`);
	}

	private sync(key: string): void {
		if (key.startsWith('+')) return this.populate(key.slice(1));
		const namespace = this.store.get(namespaces, undefined, key);
		if (!namespace?.metadata.deletionTimestamp || !namespace.spec?.finalizers?.includes('kubernetes')) return;
		const remaining = new Map<string, number>();
		const finalizers = new Map<string, number>();
		for (const resource of content) {
			for (const object of this.store.list(resource, {namespace: key})) {
				const left = object.metadata.deletionTimestamp ? object : this.remove(resource, object);
				if (!left) continue;
				const gvr = `${resource.name}.${resource.group}`;
				remaining.set(gvr, (remaining.get(gvr) ?? 0) + 1);
				for (const finalizer of left.metadata.finalizers ?? []) finalizers.set(finalizer, (finalizers.get(finalizer) ?? 0) + 1);
			}
		}
		const failing = new Map<string, [reason: string, message: string]>();
		if (remaining.size > 0) {
			const list = [...remaining].map(([gvr, count]) => `${gvr} has ${count} resource instances`).sort();
			failing.set('NamespaceContentRemaining', ['SomeResourcesRemain', `Some resources are remaining: ${list.join(', ')}`]);
		}
		if (finalizers.size > 0) {
			const list = [...finalizers].map(([finalizer, count]) => `${finalizer} in ${count} resource instances`).sort();
			failing.set('NamespaceFinalizersRemaining', ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${list.join(', ')}`]);
		}
		this.store.mutate(namespaces, undefined, key, draft => {
			const now = this.clock.iso();
			const previous: Array<Record<string, string>> = draft.status?.conditions ?? [];
			const conditions = conditionTypes.map(type => {
				const [reason, message] = failing.get(type) ?? settled[type];
				const status = failing.has(type) ? 'True' : 'False';
				const old = previous.find(condition => condition.type === type);
				return {type, status, lastTransitionTime: old?.status === status ? old.lastTransitionTime : now, reason, message};
			});
			draft.status = {...draft.status, phase: 'Terminating', conditions};
			if (remaining.size === 0) draft.spec.finalizers = draft.spec.finalizers.filter((finalizer: string) => finalizer !== 'kubernetes');
		});
		if (remaining.size > 0) this.queue.addAfter(key, recheckMs);
	}

	/** Delete an object; returns what is left of it (graceful pods, finalizers) or undefined when gone. */
	private remove(resource: Resource, object: KubeObject): KubeObject | undefined {
		this.store.delete(resource, object.metadata.namespace, object.metadata.name);
		return this.store.get(resource, object.metadata.namespace, object.metadata.name);
	}

	private populate(name: string): void {
		const namespace = this.store.get(namespaces, undefined, name);
		if (!namespace || namespace.metadata.deletionTimestamp) return;
		if (!this.store.get(serviceAccounts, name, 'default')) this.store.create(serviceAccounts, {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'default', namespace: name}});
		if (!this.store.get(configMaps, name, 'kube-root-ca.crt')) {
			this.store.create(configMaps, {
				apiVersion: 'v1',
				kind: 'ConfigMap',
				metadata: {name: 'kube-root-ca.crt', namespace: name, annotations: {'kubernetes.io/description': "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
				data: {'ca.crt': rootCertificate},
			});
		}
	}
}
