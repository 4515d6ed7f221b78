// What `kubectl auth can-i … --as=USER [--as-group=GROUP]` asks: may that identity do this? The
// simulated admin may do everything; an impersonated identity gets what the cluster's
// (Cluster)RoleBindings grant it, so a binding whose ClusterRole is gone grants nothing.
import type {KubeObject} from '../../core/objects/types.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceForKind} from '../store/resources.js';

export type Identity = {user: string; groups: string[]};
export type Attributes = {namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string};

type Subject = {kind?: string; name?: string; namespace?: string};
type Rule = {verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]};
type Binding = KubeObject & {subjects?: Subject[]; roleRef?: {kind?: string; name?: string}};

const serviceAccountUser = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** The identity a request impersonates, from kubectl's `Impersonate-User`/`Impersonate-Group` headers. */
export function impersonated(headers: Record<string, string | string[] | undefined>): Identity | undefined {
	const user = headers['impersonate-user'];
	if (typeof user !== 'string' || user === '') return undefined;
	const group = headers['impersonate-group'];
	const groups = group === undefined ? [] : Array.isArray(group) ? group : [group];
	const serviceAccount = serviceAccountUser.exec(user);
	const implied = serviceAccount ? ['system:serviceaccounts', `system:serviceaccounts:${serviceAccount[1]}`] : [];
	return {user, groups: [...groups, ...implied, 'system:authenticated']};
}

export function allows(store: ObjectStore, identity: Identity, attributes: Attributes): boolean {
	const bindings = [
		...list(store, 'ClusterRoleBinding').map(binding => ({binding, namespace: undefined as string | undefined})),
		...list(store, 'RoleBinding').map(binding => ({binding, namespace: binding.metadata.namespace})),
	];
	for (const {binding, namespace} of bindings) {
		if (namespace !== undefined && namespace !== attributes.namespace) continue;
		if (!(binding.subjects ?? []).some(subject => names(subject, identity))) continue;
		const roleKind = binding.roleRef?.kind === 'Role' ? 'Role' : 'ClusterRole';
		const role = store.get(resourceForKind(roleKind)!, roleKind === 'Role' ? namespace : undefined, binding.roleRef?.name ?? '') as (KubeObject & {rules?: Rule[]}) | undefined;
		if ((role?.rules ?? []).some(rule => grants(rule, attributes))) return true;
	}
	return false;
}

function list(store: ObjectStore, kind: string): Binding[] {
	const resource = resourceForKind(kind);
	return resource ? (store.list(resource) as Binding[]) : [];
}

function names(subject: Subject, identity: Identity): boolean {
	if (subject.kind === 'User') return subject.name === identity.user;
	if (subject.kind === 'Group') return identity.groups.includes(subject.name ?? '');
	if (subject.kind === 'ServiceAccount') return identity.user === `system:serviceaccount:${subject.namespace}:${subject.name}`;
	return false;
}

function grants(rule: Rule, attributes: Attributes): boolean {
	const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource ?? '';
	return has(rule.verbs, attributes.verb ?? '')
		&& has(rule.apiGroups, attributes.group ?? '')
		&& has(rule.resources, resource)
		&& (!rule.resourceNames?.length || rule.resourceNames.includes(attributes.name ?? ''));
}

const has = (values: string[] | undefined, value: string) => (values ?? []).some(each => each === '*' || each === value);
