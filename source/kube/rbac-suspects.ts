// Pods that look healthy can still fail every API call they make: a controller whose
// ClusterRole is gone stays Ready and only says so in its log. Those pods' logs are evidence
// too, and the cluster objects tell us which ones they are.
import type {KubeObject, Pod} from '../core/objects/types.js';

type Binding = KubeObject & {roleRef?: {kind?: string; name?: string}; subjects?: Array<{kind?: string; name?: string; namespace?: string}>};

/** `namespace/name` of every service account bound to a ClusterRole that does not exist. */
export function serviceAccountsWithMissingRoles(bindings: readonly KubeObject[], clusterRoles: readonly KubeObject[]): Set<string> {
	const roles = new Set(clusterRoles.map(role => role.metadata.name));
	const suspects = new Set<string>();
	for (const binding of bindings as Binding[]) {
		const ref = binding.roleRef;
		if (ref?.kind !== 'ClusterRole' || !ref.name || roles.has(ref.name)) continue;
		for (const subject of binding.subjects ?? []) {
			if (subject.kind === 'ServiceAccount' && subject.name && subject.namespace) suspects.add(`${subject.namespace}/${subject.name}`);
		}
	}
	return suspects;
}

/** The pod's service account as `namespace/name`. */
export function podServiceAccount(pod: Pod): string {
	return `${pod.metadata.namespace ?? ''}/${pod.spec?.serviceAccountName || 'default'}`;
}
