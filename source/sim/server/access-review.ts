// SelfSubjectAccessReview and SelfSubjectRulesReview: what `kubectl auth can-i` asks. The simulated
// user may do everything, except what a `forbid` fault currently denies.
import {badRequest} from '../store/status-error.js';

type ResourceAttributes = {namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string};

export function accessReview(body: unknown, isForbidden: (resource: string) => boolean): object {
	const spec = (body as {spec?: {resourceAttributes?: ResourceAttributes; nonResourceAttributes?: object}} | undefined)?.spec;
	if (!spec || (!spec.resourceAttributes && !spec.nonResourceAttributes)) {
		throw badRequest('SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
	}
	const resource = spec.resourceAttributes?.resource ?? '';
	const denied = resource !== '' && isForbidden(resource);
	return {
		kind: 'SelfSubjectAccessReview',
		apiVersion: 'authorization.k8s.io/v1',
		metadata: {creationTimestamp: null},
		spec,
		status: denied ? {allowed: false, denied: true, reason: 'forbidden by a kconsole sim fault'} : {allowed: true, reason: 'kconsole sim allows everything'},
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
