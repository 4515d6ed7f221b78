// /version, and API discovery in both forms kubectl uses: aggregated (APIGroupDiscoveryList,
// one request for everything) and legacy (APIVersions, APIGroupList, APIResourceList).
import {type Resource, apiVersionOf, resources} from '../store/resources.js';

export const serverVersion = {
	major: '1',
	minor: '32',
	gitVersion: 'v1.32.0+kconsole-sim',
	gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
	gitTreeState: 'clean',
	buildDate: '2024-12-11T17:59:15Z',
	goVersion: 'go1.23.3',
	compiler: 'gc',
	platform: 'linux/amd64',
};

type Kind = {group: string; version: string; kind: string};

const subresourceKinds: Record<string, (resource: Resource) => Kind> = {
	scale: () => ({group: 'autoscaling', version: 'v1', kind: 'Scale'}),
};

const subresourceVerbs: Record<string, string[]> = {
	log: ['get'],
	status: ['get', 'patch', 'update'],
	scale: ['get', 'patch', 'update'],
	finalize: ['update'],
};

function responseKind(resource: Resource, subresource?: string): Kind {
	const special = subresource ? subresourceKinds[subresource] : undefined;
	return special ? special(resource) : {group: resource.group, version: resource.version, kind: resource.kind};
}

/** Served groups in discovery order: the legacy core group first, then named groups. */
function groups(): Array<{group: string; version: string; resources: Resource[]}> {
	const byGroup = new Map<string, Resource[]>();
	for (const resource of resources) {
		const list = byGroup.get(resource.group) ?? [];
		list.push(resource);
		byGroup.set(resource.group, list);
	}
	return [...byGroup].map(([group, list]) => ({group, version: list[0].version, resources: list}));
}

/** Does the Accept header ask for aggregated discovery? Answers the version asked for (v2 or v2beta1). */
export function aggregatedVersion(accept: string): 'v2' | 'v2beta1' | undefined {
	for (const part of accept.split(',')) {
		if (!part.includes('as=APIGroupDiscoveryList') || !part.trim().startsWith('application/json')) continue;
		if (/\bv=v2(;|$|\s)/.test(part)) return 'v2';
		if (part.includes('v=v2beta1')) return 'v2beta1';
	}
	return undefined;
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
	return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/** `/api` (legacy: true) or `/apis` as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(legacy: boolean, version: 'v2' | 'v2beta1'): object {
	const items = groups()
		.filter(entry => (entry.group === '') === legacy)
		.map(entry => ({
			metadata: entry.group ? {name: entry.group, creationTimestamp: null} : {creationTimestamp: null},
			versions: [
				{
					version: entry.version,
					resources: entry.resources.map(resource => ({
						resource: resource.name,
						responseKind: responseKind(resource),
						scope: resource.namespaced ? 'Namespaced' : 'Cluster',
						singularResource: resource.singularName,
						verbs: resource.verbs,
						...(resource.shortNames ? {shortNames: resource.shortNames} : {}),
						...(resource.categories ? {categories: resource.categories} : {}),
						...(resource.subresources
							? {
									subresources: resource.subresources.map(subresource => ({
										subresource,
										responseKind: responseKind(resource, subresource),
										verbs: subresourceVerbs[subresource] ?? ['get'],
									})),
								}
							: {}),
					})),
					freshness: 'Current',
				},
			],
		}));
	return {kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items};
}

export function apiVersions(host: string): object {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: host}]};
}

function apiGroup(group: string, version: string): object {
	const groupVersion = {groupVersion: `${group}/${version}`, version};
	return {name: group, versions: [groupVersion], preferredVersion: groupVersion};
}

export function apiGroupList(): object {
	const named = groups().filter(entry => entry.group !== '');
	return {kind: 'APIGroupList', apiVersion: 'v1', groups: named.map(entry => apiGroup(entry.group, entry.version))};
}

/** `/apis/GROUP`, or undefined for a group this server does not serve. */
export function apiGroupDocument(group: string): object | undefined {
	const entry = groups().find(candidate => candidate.group === group && group !== '');
	return entry ? {kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(entry.group, entry.version)} : undefined;
}

/** `/api/v1` or `/apis/GROUP/VERSION` as an APIResourceList, or undefined when not served. */
export function apiResourceList(group: string, version: string): object | undefined {
	const entry = groups().find(candidate => candidate.group === group && candidate.version === version);
	if (!entry) return undefined;
	const list: object[] = [];
	for (const resource of entry.resources) {
		list.push({
			name: resource.name,
			singularName: resource.singularName,
			namespaced: resource.namespaced,
			kind: resource.kind,
			verbs: resource.verbs,
			...(resource.shortNames ? {shortNames: resource.shortNames} : {}),
			...(resource.categories ? {categories: resource.categories} : {}),
		});
		for (const subresource of resource.subresources ?? []) {
			const kind = responseKind(resource, subresource);
			list.push({
				name: `${resource.name}/${subresource}`,
				singularName: '',
				namespaced: resource.namespaced,
				...(kind.group !== resource.group ? {group: kind.group, version: kind.version} : {}),
				kind: kind.kind,
				verbs: subresourceVerbs[subresource] ?? ['get'],
			});
		}
	}
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(entry.resources[0]), resources: list};
}
