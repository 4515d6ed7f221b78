import test from 'ava';
import {Matcher, matchAll} from '../../../source/core/match/matcher.js';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {parsePlaybook} from '../../../source/core/playbook/parse-playbook.js';
import {now, pod, started, touched, waiting} from './fixtures/kube.js';
import {playbook} from './fixtures/playbooks.js';

// firstRevision tells a Deployment's first rollout from a later one (an image that was never
// pushed yet vs. an update to a tag that does not exist); role-missing finds a binding whose
// Role or ClusterRole is gone (seed 003: Traefik's ClusterRole deleted, its binding left).

const pulls = playbook({
	id: 'pull',
	match: [{pod: {waiting: ['ImagePullBackOff']}}],
	variants: [
		{id: 'first-rollout', match: [{pod: {firstRevision: true}}]},
		{id: 'later-rollout', match: [{pod: {firstRevision: false}}]},
	],
});
const roles = playbook({id: 'role', match: [{object: {kind: 'ClusterRoleBinding', check: 'role-missing'}}, {object: {kind: 'RoleBinding', check: 'role-missing'}}]});
const library = [pulls, roles];

function replicaSet(name: string, revision: string | undefined, deployment: string | null = 'web'): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {
			name,
			namespace: 'shop',
			resourceVersion: '47500',
			creationTimestamp: started,
			...(revision ? {annotations: {'deployment.kubernetes.io/revision': revision}} : {}),
			...(deployment ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: deployment, uid: 'd-1', controller: true}]} : {}),
		},
		spec: {replicas: 1},
	};
}

const backingOff = pod({deployment: 'web', containers: [{name: 'app', image: 'ghcr.io/acme/web:2.0', state: waiting('ImagePullBackOff', 'Back-off pulling image "ghcr.io/acme/web:2.0"')}]});
const jobPod = pod({deployment: 'migrate', owner: {kind: 'Job', name: 'migrate'}, containers: [{name: 'app', image: 'ghcr.io/acme/migrate:1', state: waiting('ImagePullBackOff')}]});

const variantOf = (objects: KubeObject[]) => matchAll({objects}, library, {now: () => now}).map(finding => `${finding.name}:${finding.variant ?? '-'}`);

test('firstRevision: revision 1 is the first rollout, a later revision is not, a pod without a Deployment is neither', t => {
	t.deepEqual(variantOf([backingOff, replicaSet('web-7d4b9c8f6d', '1')]), ['web-7d4b9c8f6d-x2x9q:first-rollout']);
	t.deepEqual(variantOf([backingOff, replicaSet('web-7d4b9c8f6d', '3')]), ['web-7d4b9c8f6d-x2x9q:later-rollout']);
	t.deepEqual(variantOf([backingOff]), ['web-7d4b9c8f6d-x2x9q:-'], 'ReplicaSet not seen');
	t.deepEqual(variantOf([backingOff, replicaSet('web-7d4b9c8f6d', undefined)]), ['web-7d4b9c8f6d-x2x9q:-'], 'no revision annotation');
	t.deepEqual(variantOf([backingOff, replicaSet('web-7d4b9c8f6d', '1', null)]), ['web-7d4b9c8f6d-x2x9q:-'], 'a ReplicaSet of its own');
	t.deepEqual(variantOf([jobPod]), ['migrate-7d4b9c8f6d-x2x9q:-']);
});

test('firstRevision names the rollout in the evidence', t => {
	const [finding] = matchAll({objects: [replicaSet('web-7d4b9c8f6d', '2'), backingOff]}, library, {now: () => now});
	t.true(finding.evidence.includes('replicaset web-7d4b9c8f6d is revision 2 of deployment web'), finding.evidence.join('\n'));
});

test('firstRevision is re-judged when the ReplicaSet arrives after the pod, changes revision, or goes', t => {
	const matcher = new Matcher(library, {now: () => now});
	const variant = () => matcher.findings().map(finding => finding.variant);
	matcher.upsert(backingOff);
	t.deepEqual(variant(), [null]);
	matcher.upsert(replicaSet('web-7d4b9c8f6d', '1'));
	t.deepEqual(variant(), ['first-rollout']);
	// A rollback reuses the ReplicaSet under a new revision number.
	matcher.upsert(touched(replicaSet('web-7d4b9c8f6d', '3'), '47501'));
	t.deepEqual(variant(), ['later-rollout']);
	matcher.remove(replicaSet('web-7d4b9c8f6d', '3'));
	t.deepEqual(variant(), [null]);
	matcher.remove(backingOff);
	matcher.upsert(replicaSet('web-7d4b9c8f6d', '1'));
	t.deepEqual(variant(), []);
});

function clusterRole(name: string): KubeObject {
	return {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name, resourceVersion: '100'}, rules: [{apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch']}]};
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, role: {kind: string; name: string}, subjects: Array<Record<string, string>>, namespace?: string): KubeObject {
	return {
		apiVersion: 'rbac.authorization.k8s.io/v1',
		kind,
		metadata: {name, ...(namespace ? {namespace} : {}), resourceVersion: '101'},
		roleRef: {apiGroup: 'rbac.authorization.k8s.io', ...role},
		subjects,
	};
}

const traefikBinding = binding('ClusterRoleBinding', 'traefik-kube-system', {kind: 'ClusterRole', name: 'traefik-kube-system'}, [{kind: 'ServiceAccount', name: 'traefik', namespace: 'kube-system'}]);

test('role-missing: a ClusterRoleBinding whose ClusterRole is gone, with the role and its subject as captures', t => {
	const [finding, ...rest] = matchAll({objects: [traefikBinding, clusterRole('system:coredns')]}, library, {now: () => now});
	t.deepEqual(rest, []);
	t.like(finding, {playbook: 'role', kind: 'ClusterRoleBinding', name: 'traefik-kube-system', namespace: null});
	t.like(finding.captures, {role: 'traefik-kube-system', roleKind: 'ClusterRole', serviceAccount: 'traefik', serviceAccountNamespace: 'kube-system'});
	t.deepEqual(finding.evidence, ['clusterrolebinding traefik-kube-system grants ClusterRole traefik-kube-system, which does not exist (subjects: ServiceAccount kube-system/traefik)']);
});

test('role-missing: quiet while the role exists, or while no role of that kind has been seen', t => {
	t.deepEqual(matchAll({objects: [traefikBinding, clusterRole('traefik-kube-system')]}, library, {now: () => now}), []);
	t.deepEqual(matchAll({objects: [traefikBinding]}, library, {now: () => now}), []);
	t.is(matchAll({objects: [traefikBinding]}, library, {now: () => now, listedKinds: ['ClusterRole']}).length, 1, 'a listed kind without that role');
});

test('role-missing: a RoleBinding to a missing Role of its namespace, for a user', t => {
	const role: KubeObject = {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: 'reader', namespace: 'other', resourceVersion: '5'}};
	const userBinding = binding('RoleBinding', 'jane-reader', {kind: 'Role', name: 'reader'}, [{kind: 'User', name: 'jane@example.com', apiGroup: 'rbac.authorization.k8s.io'}], 'shop');
	const [finding] = matchAll({objects: [userBinding, role]}, library, {now: () => now});
	t.like(finding, {kind: 'RoleBinding', namespace: 'shop', name: 'jane-reader'});
	t.like(finding.captures, {role: 'reader', roleKind: 'Role', user: 'jane@example.com'});
});

test('role-missing reacts to the role being created and deleted', t => {
	const matcher = new Matcher(library, {now: () => now, listedKinds: ['ClusterRole']});
	matcher.upsert(traefikBinding);
	t.is(matcher.findings().length, 1);
	matcher.upsert(clusterRole('traefik-kube-system'));
	t.deepEqual(matcher.findings(), []);
	matcher.remove(clusterRole('traefik-kube-system'));
	t.is(matcher.findings().length, 1);
});

test('the parser accepts firstRevision and role-missing, whose captures are placeholders', t => {
	const text = [
		'---',
		'id: demo',
		'title: Demo',
		'severity: error',
		'match:',
		'  - pod: {waiting: [ImagePullBackOff], firstRevision: true}',
		'  - object: {kind: ClusterRoleBinding, check: role-missing}',
		'---',
		'## Steps',
		'### Recreate the role',
		'```kubectl',
		'kubectl create clusterrole {{role}} --verb=get --resource=services',
		'```',
		'### Check',
		'```kubectl',
		'kubectl auth can-i get services --as=system:serviceaccount:{{serviceAccountNamespace}}:{{serviceAccount}}',
		'```',
		'',
	].join('\n');
	const result = parsePlaybook(text, 'demo.md');
	t.deepEqual(result.problems, []);
	t.is(result.playbook?.match[0].pod?.firstRevision, true);
	const wrong = parsePlaybook(text.replace('firstRevision: true', 'firstRevision: first'), 'demo.md');
	t.deepEqual(wrong.problems.map(problem => `${problem.line}: ${problem.message}`), ['6: match[0].pod.firstRevision: expected true or false, got "first"']);
});
