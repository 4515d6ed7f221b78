// Cell formatting shared by the table printers, ported from kubectl's server-side printers.
import {age} from '../../core/objects/age.js';

export function formatLabels(labels: Record<string, string> | undefined): string {
	const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return entries.length === 0 ? '<none>' : entries.map(([key, value]) => `${key}=${value}`).join(',');
}

export type LabelSelector = {matchLabels?: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values?: string[]}>};

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function formatSelector(selector: LabelSelector | undefined): string {
	if (!selector) return '<none>';
	const requirements: Array<[string, string]> = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => [key, `${key}=${value}`]);
	for (const expression of selector.matchExpressions ?? []) {
		const values = [...(expression.values ?? [])].sort().join(',');
		const text = {In: `${expression.key} in (${values})`, NotIn: `${expression.key} notin (${values})`, Exists: expression.key, DoesNotExist: `!${expression.key}`}[expression.operator];
		if (text) requirements.push([expression.key, text]);
	}
	requirements.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return requirements.length === 0 ? '<none>' : requirements.map(([, text]) => text).join(',');
}

export function containerCells(spec: any): [string, string] {
	const containers: Array<{name: string; image: string}> = spec?.containers ?? [];
	return [containers.map(container => container.name).join(','), containers.map(container => container.image).join(',')];
}

export function loadBalancerIps(ingress: Array<{ip?: string; hostname?: string}> | undefined): string {
	return (ingress ?? []).map(entry => entry.ip || entry.hostname).filter(Boolean).join(',');
}

export function serviceExternalIp(service: any): string {
	const externalIps: string[] = service.spec?.externalIPs ?? [];
	switch (service.spec?.type ?? 'ClusterIP') {
		case 'ClusterIP':
		case 'NodePort':
			return externalIps.length > 0 ? externalIps.join(',') : '<none>';
		case 'LoadBalancer': {
			const lb = loadBalancerIps(service.status?.loadBalancer?.ingress);
			const all = [...(lb ? lb.split(',') : []), ...externalIps];
			return all.length > 0 ? all.join(',') : '<pending>';
		}
		case 'ExternalName':
			return service.spec?.externalName ?? '';
		default:
			return '<unknown>';
	}
}

export function servicePorts(ports: Array<{port: number; nodePort?: number; protocol?: string}> | undefined): string {
	const text = (ports ?? []).map(port => (port.nodePort ? `${port.port}:${port.nodePort}/${port.protocol ?? 'TCP'}` : `${port.port}/${port.protocol ?? 'TCP'}`)).join(',');
	return text || '<none>';
}

export function formatEndpoints(subsets: any[] | undefined): string {
	if (!subsets || subsets.length === 0) return '<none>';
	const list: string[] = [];
	const max = 3;
	let more = false;
	let count = 0;
	for (const subset of subsets) {
		const addresses: Array<{ip: string}> = subset.addresses ?? [];
		const ports: Array<{port: number}> = subset.ports ?? [];
		const targets = ports.length === 0 ? [undefined] : ports;
		for (const port of targets) {
			count += addresses.length;
			for (const address of addresses) {
				if (list.length === max) {
					more = true;
					break;
				}
				list.push(port ? `${address.ip.includes(':') ? `[${address.ip}]` : address.ip}:${port.port}` : address.ip);
			}
		}
	}
	const text = list.join(',');
	if (more) return `${text} + ${count - max} more...`;
	return text || '<none>';
}

export function nodeRoles(labels: Record<string, string> | undefined): string {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(labels ?? {})) {
		if (key.startsWith('node-role.kubernetes.io/')) {
			const role = key.slice('node-role.kubernetes.io/'.length);
			if (role) roles.add(role);
		} else if (key === 'kubernetes.io/role' && value) {
			roles.add(value);
		}
	}
	return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

export function nodeStatus(node: any): string {
	const ready = (node.status?.conditions ?? []).find((condition: any) => condition.type === 'Ready');
	const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
	if (node.spec?.unschedulable) status.push('SchedulingDisabled');
	return status.join(',');
}

export function nodeAddress(node: any, type: string): string {
	return (node.status?.addresses ?? []).find((address: any) => address.type === type)?.address ?? '<none>';
}

export function ingressHosts(rules: Array<{host?: string}> | undefined): string {
	const list: string[] = [];
	const max = 3;
	let more = false;
	for (const rule of rules ?? []) {
		if (list.length === max) more = true;
		if (!more && rule.host) list.push(rule.host);
	}
	if (list.length === 0) return '*';
	return more ? `${list.join(',')} + ${(rules ?? []).length - max} more...` : list.join(',');
}

export function eventSource(event: any): string {
	const component = event.source?.component || event.reportingComponent || '';
	const instance = event.source?.host || event.reportingInstance || '';
	return instance ? `${component}, ${instance}` : component;
}

export function eventTimes(event: any, now: number): {first: string; last: string; count: number} {
	let first = age(event.firstTimestamp, now);
	if (!event.firstTimestamp) first = age(event.eventTime, now);
	let last = event.lastTimestamp ? age(event.lastTimestamp, now) : first;
	let count = event.count ?? 0;
	if (event.series) {
		last = age(event.series.lastObservedTime, now);
		count = event.series.count;
	} else if (count === 0) {
		count = 1;
	}
	return {first, last, count};
}
