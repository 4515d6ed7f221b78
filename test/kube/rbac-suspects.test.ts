import test from 'ava';
import type {KubeObject, Pod} from '../../source/core/objects/types.js';
import {evidenceNeeds} from '../../source/kube/log-evidence.js';
import {podServiceAccount, serviceAccountsWithMissingRoles} from '../../source/kube/rbac-suspects.js';

const role = (name: string): KubeObject => ({apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name}});
const binding = (name: string, roleName: string, subjects: Array<Record<string, string>>, roleKind = 'ClusterRole'): KubeObject => ({
	apiVersion: 'rbac.authorization.k8s.io/v1',
	kind: 'ClusterRoleBinding',
	metadata: {name},
	roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName},
	subjects,
});

test('service accounts bound to a ClusterRole that is gone are suspects; users, groups and existing roles are not', t => {
	const bindings = [
		binding('traefik-kube-system', 'traefik-kube-system', [{kind: 'ServiceAccount', name: 'traefik', namespace: 'kube-system'}, {kind: 'User', name: 'alice'}]),
		binding('coredns', 'system:coredns', [{kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system'}]),
		binding('ops', 'gone-too', [{kind: 'Group', name: 'ops'}]),
	];
	t.deepEqual([...serviceAccountsWithMissingRoles(bindings, [role('system:coredns')])], ['kube-system/traefik']);
	t.deepEqual([...serviceAccountsWithMissingRoles(bindings, [role('system:coredns'), role('traefik-kube-system')])], []);
});

test("a pod's service account defaults to default", t => {
	const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'shop'}, spec: {containers: []}} as Pod;
	t.is(podServiceAccount(pod), 'shop/default');
	t.is(podServiceAccount({...pod, spec: {...pod.spec, serviceAccountName: 'traefik'}}), 'shop/traefik');
});

test('a ready container is read only when its pod is an RBAC suspect', t => {
	const pod: Pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'traefik-1', namespace: 'kube-system'},
		spec: {serviceAccountName: 'traefik', containers: [{name: 'traefik', image: 'traefik:2.10'}]},
		status: {phase: 'Running', containerStatuses: [{name: 'traefik', image: 'traefik:2.10', ready: true, restartCount: 0, state: {running: {startedAt: '2026-01-01T00:00:00Z'}}}]},
	};
	const now = Date.parse('2026-01-01T01:00:00Z');
	t.deepEqual(evidenceNeeds(pod, now), []);
	t.deepEqual(evidenceNeeds(pod, now, 30_000, {rbacSuspect: true}), [{container: 'traefik', restartCount: 0, previous: false, current: true}]);
});
