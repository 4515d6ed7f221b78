import test from 'ava';
import type {KubeObject, WatchedKind} from '../../../source/core/objects/types.js';
import type {Finding} from '../../../source/core/match/types.js';
import {checkWait, parseWait, type WaitScope} from '../../../source/exec/wait/wait-condition.js';
import {ClusterStore} from '../../../source/kube/cluster-store.js';
import {deployment, namespace, pod, replicaSet} from './objects.js';

function storeWith(objects: KubeObject[]): ClusterStore {
	const store = new ClusterStore();
	for (const object of objects) store.upsert(object.kind as WatchedKind, object);
	return store;
}

const finding: Finding = {
	playbook: 'image-pull', variant: 'tag-not-found', severity: 'error', namespace: 'shop', kind: 'Pod', name: 'web-old-1',
	container: 'web', summary: 'nginx:1.27-typo does not exist in the registry', evidence: [], captures: {},
};
const scope: WaitScope = {namespace: 'shop', finding, deployment: 'web'};

type Case = {name: string; wait: string[]; objects: KubeObject[]; findings?: Finding[]; expect: {state: 'met' | 'failed' | 'waiting'; text: string | RegExp}};

const cases: Case[] = [
	{name: 'rollout: complete', wait: ['rollout', 'deployment/web'], objects: [deployment('web')], expect: {state: 'met', text: 'deployment/web rolled out: 2/2 updated, 2 available'}},
	{name: 'rollout: the controller has not seen the new generation', wait: ['rollout', 'deployment/web'], objects: [deployment('web', {generation: 3, observedGeneration: 2})], expect: {state: 'waiting', text: 'waiting for deployment/web: the controller has not seen the change yet'}},
	{name: 'rollout: half updated, none available', wait: ['rollout', 'deployment/web'], objects: [deployment('web', {updated: 1, available: 0, total: 3})], expect: {state: 'waiting', text: 'waiting for deployment/web: 1/2 updated, 0 available, 2 old pods left'}},
	{name: 'rollout: updated but an old pod is still terminating', wait: ['rollout', 'deployment/web'], objects: [
		deployment('web'), replicaSet('web-old', 'web', 1), replicaSet('web-new', 'web', 2),
		pod('web-new-1', {replicaSet: 'web-new', ready: true}), pod('web-new-2', {replicaSet: 'web-new', ready: true}), pod('web-old-1', {replicaSet: 'web-old', deleting: true}),
	], expect: {state: 'waiting', text: 'waiting for deployment/web: 2/2 updated, 2 available, 1 old pod left'}},
	{name: 'rollout: progress deadline exceeded fails for good', wait: ['rollout', 'deployment/web'], objects: [deployment('web', {updated: 1, available: 1, deadlineExceeded: true})], expect: {state: 'failed', text: /exceeded its progress deadline/}},
	{name: 'rollout: the previous generation\'s exceeded deadline does not fail the new one', wait: ['rollout', 'deployment/web'], objects: [deployment('web', {generation: 3, observedGeneration: 2, updated: 1, available: 1, deadlineExceeded: true})], expect: {state: 'waiting', text: 'waiting for deployment/web: the controller has not seen the change yet'}},
	{name: 'rollout: no such deployment yet', wait: ['rollout', 'deployment/web'], objects: [], expect: {state: 'waiting', text: 'waiting for deployment/web: it does not exist'}},
	{name: 'ready: a Ready pod', wait: ['ready', 'pod/web-1'], objects: [pod('web-1', {ready: true})], expect: {state: 'met', text: 'pod/web-1 is Ready'}},
	{name: 'ready: a pod pulling its image', wait: ['ready', 'pod/web-1'], objects: [pod('web-1', {phase: 'Pending', waiting: 'ImagePullBackOff'})], expect: {state: 'waiting', text: 'waiting for pod/web-1 to be Ready: ImagePullBackOff'}},
	{name: 'running: every container running', wait: ['running', 'pod/web-1'], objects: [pod('web-1')], expect: {state: 'met', text: 'pod/web-1 is running'}},
	{name: 'running: still creating', wait: ['running', 'pod/web-1'], objects: [pod('web-1', {phase: 'Pending', waiting: 'ContainerCreating'})], expect: {state: 'waiting', text: 'waiting for pod/web-1 to be running: ContainerCreating'}},
	{name: 'pulled: crash-looping after the pull counts as pulled', wait: ['pulled', 'pod/web-1'], objects: [pod('web-1', {waiting: 'CrashLoopBackOff', imageID: 'docker.io/library/nginx@sha256:abc'})], expect: {state: 'met', text: 'pod/web-1 is pulled'}},
	{name: 'pulled: still in back-off', wait: ['pulled', 'pod/web-1'], objects: [pod('web-1', {phase: 'Pending', waiting: 'ErrImagePull'})], expect: {state: 'waiting', text: 'waiting for pod/web-1 to be pulled: ErrImagePull'}},
	{name: 'pulled: the pod was replaced by the rollback; its successor counts', wait: ['pulled', 'pod/web-old-1'], objects: [
		replicaSet('web-bad', 'web', 2), replicaSet('web-good', 'web', 3), pod('web-good-1', {replicaSet: 'web-good', imageID: 'sha256:1'}),
	], expect: {state: 'met', text: 'pod/web-old-1 was replaced by pod/web-good-1: pulled'}},
	{name: 'ready: replaced, successor not ready yet', wait: ['ready', 'pod/web-old-1'], objects: [
		replicaSet('web-good', 'web', 3), pod('web-good-1', {replicaSet: 'web-good', phase: 'Pending', waiting: 'ContainerCreating'}), pod('web-old-1', {replicaSet: 'web-bad', deleting: true, waiting: 'ImagePullBackOff'}),
	], expect: {state: 'waiting', text: 'waiting for pod/web-old-1 was replaced by pod/web-good-1 to be Ready: web-good-1 ContainerCreating'}},
	{name: 'gone: a namespace still terminating', wait: ['gone', 'namespace/old'], objects: [namespace('old', true)], expect: {state: 'waiting', text: 'waiting for namespace/old to go: terminating, held by finalizers kubernetes'}},
	{name: 'gone: deleted', wait: ['gone', 'ns/old'], objects: [namespace('other')], expect: {state: 'met', text: 'namespace/old is gone'}},
	{name: 'gone: a pod that is not being deleted', wait: ['gone', 'pod/web-1'], objects: [pod('web-1')], expect: {state: 'waiting', text: 'waiting for pod/web-1 to go: it still exists (not being deleted)'}},
	{name: 'resolved: the finding is still live', wait: ['resolved'], objects: [], findings: [finding], expect: {state: 'waiting', text: 'waiting for the finding to go: nginx:1.27-typo does not exist in the registry'}},
	{name: 'resolved: another finding does not count', wait: ['resolved'], objects: [], findings: [{...finding, name: 'web-other'}], expect: {state: 'met', text: 'the finding is gone'}},
];

for (const {name, wait, objects, findings = [], expect} of cases) {
	test(name, t => {
		const parsed = parseWait(wait);
		if (!parsed.ok) return t.fail(parsed.error);
		const check = checkWait(parsed.condition, storeWith(objects), scope, () => findings);
		t.is(check.state, expect.state);
		if (typeof expect.text === 'string') t.is(check.text, expect.text);
		else t.regex(check.text, expect.text);
	});
}

const badWaits: Array<[string[], RegExp]> = [
	[['rollout', 'pod/web'], /needs deployment\/NAME/],
	[['ready', 'web'], /needs KIND\/NAME/],
	[['gone', 'widgets/x'], /does not watch "widgets"/],
	[['resolved', 'now'], /takes no argument/],
	[['soon'], /unknown wait "soon"/],
];

for (const [argv, message] of badWaits) {
	test(`refused: wait ${argv.join(' ')}`, t => {
		const parsed = parseWait(argv);
		t.false(parsed.ok);
		if (!parsed.ok) t.regex(parsed.error, message);
	});
}
