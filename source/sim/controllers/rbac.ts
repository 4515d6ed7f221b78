import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';

// Cluster-scope RBAC for a service account: what its ClusterRoleBindings' ClusterRoles allow.

const clusterRoles = resourceFor('ClusterRole');
const clusterRoleBindings = resourceFor('ClusterRoleBinding');

type Rule = {apiGroups?: string[]; resources?: string[]; verbs?: string[]};

export function serviceAccountAllowed(store: ObjectStore, account: {namespace: string; name: string}, verb: string, group: string, resource: string): boolean {
	for (const binding of store.list(clusterRoleBindings)) {
		const subjects = (binding.subjects ?? []) as Array<{kind?: string; name?: string; namespace?: string}>;
		if (!subjects.some(subject => subject.kind === 'ServiceAccount' && subject.name === account.name && subject.namespace === account.namespace)) continue;
		const roleRef = binding.roleRef as {kind?: string; name?: string} | undefined;
		if (roleRef?.kind !== 'ClusterRole' || !roleRef.name) continue;
		const role = store.get(clusterRoles, undefined, roleRef.name);
		for (const rule of (role?.rules ?? []) as Rule[]) {
			if (matches(rule.verbs, verb) && matches(rule.apiGroups, group) && matches(rule.resources, resource)) return true;
		}
	}
	return false;
}

function matches(list: string[] | undefined, value: string): boolean {
	return Boolean(list?.includes('*') || list?.includes(value));
}
