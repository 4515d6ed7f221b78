// SelfSubjectAccessReview and SelfSubjectRulesReview: what `kubectl auth can-i` asks. The simulated
// user may do everything, except what a `forbid` fault currently denies; an identity it
// impersonates (`--as`) may do what the cluster's RBAC bindings grant it.
import type {ObjectStore} from '../store/object-store.js';
import {badRequest} from '../store/status-error.js';
import {allows, type Attributes, type Identity} from './rbac.js';

export function accessReview(body: unknown, isForbidden: (resource: string) => boolean, store: ObjectStore, identity?: Identity): object {
	const spec = (body as {spec?: {resourceAttributes?: Attributes; nonResourceAttributes?: object}} | undefined)?.spec;
	if (!spec || (!spec.resourceAttributes && !spec.nonResourceAttributes)) {
		throw badRequest('SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
	}
	const resource = spec.resourceAttributes?.resource ?? '';
	const denied = resource !== '' && isForbidden(resource);
	if (identity && spec.resourceAttributes) {
		const allowed = !denied && allows(store, identity, spec.resourceAttributes);
		return review(spec, allowed ? {allowed: true, reason: `RBAC: allowed by a binding of ${identity.user}`} : {allowed: false});
	}
	return review(spec, denied ? {allowed: false, denied: true, reason: 'forbidden by a kconsole sim fault'} : {allowed: true, reason: 'kconsole sim allows everything'});
}

function review(spec: object, status: object): object {
	return {
		kind: 'SelfSubjectAccessReview',
		apiVersion: 'authorization.k8s.io/v1',
		metadata: {creationTimestamp: null},
		spec,
		status,
	};
}

export function rulesReview(body: unknown): object {
	const spec = (body as {spec?: {namespace?: string}} | undefined)?.spec ?? {};
	return {
		kind: 'SelfSubjectRulesReview',
		apiVersion: 'authorization.k8s.io/v1',
		metadata: {creationTimestamp: null},
		spec,
		status: {
			resourceRules: [{verbs: ['*'], apiGroups: ['*'], resources: ['*']}],
			nonResourceRules: [{verbs: ['*'], nonResourceURLs: ['*']}],
			incomplete: false,
		},
	};
}
