// Which lists a strategic merge patch merges, and by which key: the patchMergeKey /
// patchStrategy tags of the built-in Kubernetes types the simulated cluster serves.
// Paths hold map keys only (list positions are skipped), e.g. spec.template.spec.containers.env.

export type ListStrategy = {kind: 'key'; key: string} | {kind: 'primitive'};

const podSpecLists: Record<string, string> = {
	containers: 'name',
	initContainers: 'name',
	ephemeralContainers: 'name',
	volumes: 'name',
	imagePullSecrets: 'name',
	schedulingGates: 'name',
	resourceClaims: 'name',
	hostAliases: 'ip',
	topologySpreadConstraints: 'topologyKey',
};

const containerLists: Record<string, string> = {
	env: 'name',
	ports: 'containerPort',
	volumeMounts: 'mountPath',
	volumeDevices: 'devicePath',
};

const containerFields = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The merge strategy of the list at `path`, or undefined for an atomic list (replaced whole). */
export function listStrategy(path: readonly string[]): ListStrategy | undefined {
	const field = path.at(-1) ?? '';
	const parent = path.at(-2) ?? '';
	if (parent === 'metadata') {
		if (field === 'finalizers') return {kind: 'primitive'};
		if (field === 'ownerReferences') return {kind: 'key', key: 'uid'};
		return undefined;
	}
	if (containerFields.has(parent) && containerLists[field]) return {kind: 'key', key: containerLists[field]};
	if (parent === 'status') {
		if (field === 'conditions' || field === 'addresses') return {kind: 'key', key: 'type'};
		if (field === 'podIPs' || field === 'hostIPs') return {kind: 'key', key: 'ip'};
		return undefined;
	}
	if (parent === 'spec') {
		if (podSpecLists[field]) return {kind: 'key', key: podSpecLists[field]};
		// Service ports; container ports are caught above by their parent.
		if (field === 'ports' && path.length === 2) return {kind: 'key', key: 'port'};
		if (field === 'podCIDRs') return {kind: 'primitive'};
	}
	return undefined;
}
