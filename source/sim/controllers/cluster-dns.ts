import {createHash} from 'node:crypto';
import type {KubeObject} from '../../core/objects/types.js';
import type {Lookup} from '../registry/programs/program.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';

// Cluster DNS as pods see it: names resolve only while the kube-dns Service has a ready
// CoreDNS endpoint; otherwise the resolver's UDP query to 10.96.0.10 is refused (seed 001).

const services = resourceFor('Service');
const endpoints = resourceFor('Endpoints');
export const clusterDnsIP = '10.96.0.10';

export class ClusterDns {
	constructor(private readonly store: ObjectStore) {}

	/** Is any CoreDNS pod behind kube-dns ready? */
	ready(): boolean {
		return readyAddresses(this.store.get(endpoints, 'kube-system', 'kube-dns')) > 0;
	}

	/** Resolve `name` from a pod in `namespace` (search path `<namespace>.svc.cluster.local`), as Go's resolver reports it. */
	lookup(name: string, namespace: string, podIP: string): Lookup {
		const server = `${clusterDnsIP}:53`;
		if (!this.ready()) {
			const port = 32768 + Math.floor(Math.random() * 28000);
			return {ok: false, error: `lookup ${name} on ${server}: read udp ${podIP}:${port}->${server}: read: connection refused`};
		}
		const target = serviceName(name.replace(/\.$/, ''), namespace);
		if (!target) return {ok: true, ip: externalAddress(name), endpoints: 1};
		const service = this.store.get(services, target.namespace, target.name);
		if (!service) return {ok: false, error: `lookup ${name} on ${server}: no such host`};
		const ip = typeof service.spec?.clusterIP === 'string' && service.spec.clusterIP !== 'None' ? service.spec.clusterIP : externalAddress(`${target.namespace}/${target.name}`, '10.96');
		return {ok: true, ip, endpoints: readyAddresses(this.store.get(endpoints, target.namespace, target.name))};
	}
}

/** The Service a cluster name refers to, or undefined for names outside the cluster. */
function serviceName(name: string, namespace: string): {name: string; namespace: string} | undefined {
	const parts = name.split('.');
	if (parts.length === 1) return {name, namespace};
	if (parts.length === 2) return {name: parts[0], namespace: parts[1]};
	if (parts.length === 3 && parts[2] === 'svc') return {name: parts[0], namespace: parts[1]};
	if (name.endsWith('.svc.cluster.local') && parts.length === 5) return {name: parts[0], namespace: parts[1]};
	return undefined;
}

function readyAddresses(object: KubeObject | undefined): number {
	const subsets = (object?.subsets ?? []) as Array<{addresses?: unknown[]}>;
	return subsets.reduce((total, subset) => total + (subset.addresses?.length ?? 0), 0);
}

function externalAddress(name: string, prefix?: string): string {
	const bytes = createHash('sha256').update(name).digest();
	return prefix ? `${prefix}.${bytes[0]}.${(bytes[1] % 253) + 1}` : `${(bytes[0] % 200) + 20}.${bytes[1]}.${bytes[2]}.${(bytes[3] % 253) + 1}`;
}
