import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {at, event, healthyPod, pod, running, terminated, waiting} from '../core/match/fixtures/kube.js';
import {invalidImage, pullErrors, pullFailure, type PullFailureOptions, type Runtime} from '../fixtures/pull-failures.js';
import {findingOf, findings, outline, planRun} from './library.js';

const runtimes: Runtime[] = ['containerd', 'docker', 'cri-o'];

/** The pod's ReplicaSet as the deployment controller writes it, with its rollout revision. */
function replicaSetOf(pod: KubeObject, revision: number): KubeObject {
	const owner = pod.metadata.ownerReferences![0];
	return {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {
			name: owner.name,
			namespace: pod.metadata.namespace,
			uid: owner.uid,
			resourceVersion: '47512',
			annotations: {'deployment.kubernetes.io/desired-replicas': '1', 'deployment.kubernetes.io/max-replicas': '2', 'deployment.kubernetes.io/revision': String(revision)},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: pod.metadata.labels!.app, uid: '0b1c2d3e-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true}],
		},
		spec: {replicas: 1},
		status: {replicas: 1, fullyLabeledReplicas: 1, observedGeneration: 1},
	};
}

/** A pull failure of a deployment at the given rollout revision (1: its first deploy). */
function atRevision(options: PullFailureOptions, revision: number, {events = true} = {}): KubeObject[] {
	const failure = pullFailure(options);
	return [failure.pod, ...(events ? failure.events : []), replicaSetOf(failure.pod, revision)];
}

function objects(options: PullFailureOptions): KubeObject[] {
	const failure = pullFailure(options);
	return [failure.pod, ...failure.events];
}

type Case = {name: string; objects: KubeObject[]; variant: string | null; captures?: Record<string, string>};

const digestImage = 'registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen:v1.4.0@sha256:44d1d0e9f19c63f58b380c5fddaca7cf22c7cee564adeff365225a5df5ef3334';
const privateImage = 'private-registry.example.com/my-namespace/my-app:56cc4792-86';

const cases: Case[] = [
	...runtimes.flatMap((runtime): Case[] => [
		{name: `${runtime}: a tag that does not exist`, objects: objects({image: 'nginx:1.99', error: pullErrors.tagNotFound[runtime]('nginx:1.99')}), variant: 'tag-not-found', captures: {image: 'nginx:1.99', deployment: 'web', container: 'app'}},
		{name: `${runtime}: a private image pulled without credentials`, objects: objects({image: privateImage, error: pullErrors.unauthorized[runtime](privateImage)}), variant: 'unauthorized', captures: {registry: 'private-registry.example.com'}},
		{name: `${runtime}: the registry times out`, objects: objects({image: 'gcr.io/google-samples/hello-app:1.0', error: pullErrors.unreachable[runtime]('gcr.io/google-samples/hello-app:1.0')}), variant: 'registry-unreachable'},
		{name: `${runtime}: Docker Hub's pull rate limit`, objects: objects({image: 'redis:7.4', error: pullErrors.rateLimited[runtime]('redis:7.4')}), variant: 'rate-limited'},
	]),
	{name: 'seed 002: an update to a tag that was never built (revision 2)', objects: atRevision({image: 'cifar-api:wrong-v1', deployment: 'cifar10-deployment', error: pullErrors.tagNotFound.containerd('cifar-api:wrong-v1')}, 2), variant: 'tag-not-found'},
	{name: 'seed 003: a first deploy before CI pushed the image (revision 1)', objects: atRevision({image: 'ghcr.io/997899594/rrr:latest', kubelet: 'current', error: pullErrors.tagNotFound.containerd('ghcr.io/997899594/rrr:latest')}, 1), variant: 'not-built-yet', captures: {image: 'ghcr.io/997899594/rrr:latest'}},
	{name: 'a first deploy of a tag Docker does not have (revision 1, no events)', objects: atRevision({image: 'nginx:1.99', state: 'ErrImagePull', error: pullErrors.tagNotFound.docker('nginx:1.99')}, 1, {events: false}), variant: 'not-built-yet'},
	{name: 'seed 002: a wrong tag of a local image (Docker Desktop, ErrImagePull without events)', objects: [pullFailure({image: 'cifar-api:wrong-v1', state: 'ErrImagePull', error: pullErrors.tagNotFound.containerd('cifar-api:wrong-v1'), deployment: 'cifar10-deployment'}).pod], variant: 'tag-not-found'},
	{name: 'seed 003: GHCR has no such tag yet (newer kubelet wording)', objects: objects({image: 'ghcr.io/997899594/rrr:latest', kubelet: 'current', error: pullErrors.tagNotFound.containerd('ghcr.io/997899594/rrr:latest')}), variant: 'tag-not-found', captures: {image: 'ghcr.io/997899594/rrr:latest'}},
	{name: 'newer kubelet: the back-off message carries the error, no events needed', objects: [pullFailure({image: 'nginx:1.99', kubelet: 'current', error: pullErrors.tagNotFound['cri-o']('nginx:1.99')}).pod], variant: 'tag-not-found'},
	{name: 'older kubelet, ImagePullBackOff and no events left: no variant, still image-pull', objects: [pullFailure({image: 'nginx:1.99', error: pullErrors.tagNotFound.containerd('nginx:1.99')}).pod], variant: null},
	{name: 'seed 001: Docker Hub times out from minikube (Docker runtime)', objects: objects({image: 'postgres:16-alpine', error: pullErrors.unreachable.docker()}), variant: 'registry-unreachable', captures: {registryHost: 'registry-1.docker.io'}},
	{name: 'containerd: dial timeout names the registry endpoint', objects: objects({image: 'postgres:16-alpine', error: pullErrors.unreachable.containerd('postgres:16-alpine')}), variant: 'registry-unreachable', captures: {registryHost: 'registry-1.docker.io'}},
	{name: 'TLS handshake timeout', objects: objects({image: 'postgres:16-alpine', error: pullErrors.tlsTimeout()}), variant: 'registry-unreachable'},
	{name: 'a registry name that does not resolve', objects: objects({image: 'registry.internal.example/team/api:1.0', error: pullErrors.noSuchHost('registry.internal.example/team/api:1.0')}), variant: 'registry-unreachable', captures: {registryHost: 'registry.internal.example'}},
	{name: 'GHCR refuses an anonymous token (401)', objects: objects({image: 'ghcr.io/acme/api:2.0', error: pullErrors.tokenRefused('ghcr.io/acme/api:2.0')}), variant: 'unauthorized', captures: {registry: 'ghcr.io'}},
	{
		name: 'seed 004: the pull secret named by the pod does not exist',
		objects: objects({
			image: privateImage,
			error: pullErrors.unauthorized.docker(privateImage),
			extraEvents: [{reason: 'FailedToRetrieveImagePullSecret', message: 'Unable to retrieve some image pull secrets (acr-secret); attempting to pull the image may not succeed.'}],
		}),
		variant: 'unauthorized',
	},
	{name: 'seed 001: a digest the mirror does not have (Docker runtime)', objects: objects({image: digestImage, error: pullErrors.digestNotFound.docker(digestImage)}), variant: 'digest-not-found', captures: {taggedImage: 'registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen:v1.4.0'}},
	{name: 'a digest the mirror does not have (containerd)', objects: objects({image: digestImage, state: 'ErrImagePull', error: pullErrors.digestNotFound.containerd(digestImage)}), variant: 'digest-not-found', captures: {taggedImage: 'registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen:v1.4.0'}},
	{name: 'a closed proxy tunnel under the pull', objects: objects({image: 'nginx:1.27', error: pullErrors.proxyRefused('nginx:1.27')}), variant: 'through-proxy'},
	{name: 'seed 000: an uppercase repository', objects: [invalidImage('ghcr.io/YourName/ml-api:3f2c1a9').pod, ...invalidImage('ghcr.io/YourName/ml-api:3f2c1a9').events], variant: 'invalid-reference', captures: {image: 'ghcr.io/YourName/ml-api:3f2c1a9'}},
	{name: 'seed 000: a commit SHA used as a digest (older wording)', objects: [invalidImage('ghcr.io/yourname/ml-api@3f2c1a9e4b7d8c6f5a0e1d2c3b4a59687f6e5d4c', {wording: 'reference'}).pod], variant: 'invalid-reference'},
];

for (const {name, objects: input, variant, captures} of cases) {
	test(`image-pull recognises ${name}`, t => {
		const reported = findings({objects: input});
		const pull = reported.find(finding => finding.playbook === 'image-pull');
		t.truthy(pull, `findings: ${outline(reported).join(', ')}`);
		t.is(pull!.variant, variant);
		t.is(pull!.severity, 'error');
		if (captures) t.like(pull!.captures, captures);
	});
}

const negatives: Array<{name: string; objects: KubeObject[]}> = [
	{name: 'a healthy pod', objects: [healthyPod()]},
	(() => {
		const creating = pod({deployment: 'trainer', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]});
		return {
			name: 'ContainerCreating while the image is being pulled',
			objects: [creating, event({about: creating, reason: 'Pulling', type: 'Normal', message: 'Pulling image "ghcr.io/acme/trainer:1"', fieldPath: 'spec.containers{train}'})],
		};
	})(),
	(() => {
		const pending = pod({deployment: 'trainer', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]});
		pending.status!.containerStatuses = undefined;
		const message = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
		return {name: 'Pending for Insufficient cpu', objects: [pending, event({about: pending, reason: 'FailedScheduling', message, component: 'default-scheduler'})]};
	})(),
	(() => {
		const pending = pod({deployment: 'db', containers: [{name: 'postgres', image: 'postgres:16-alpine', state: waiting('ContainerCreating')}]});
		const message = '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
		return {name: 'Pending on an unbound PVC', objects: [pending, event({about: pending, reason: 'FailedScheduling', message, component: 'default-scheduler'})]};
	})(),
	{
		name: 'a completed Job pod',
		objects: [pod({deployment: 'migrate', owner: {kind: 'Job', name: 'migrate'}, phase: 'Succeeded', containers: [{name: 'migrate', image: 'ghcr.io/acme/migrate:1', state: terminated('Completed', 0)}]})],
	},
	{name: 'a pod that restarted once and is Ready now', objects: [pod({deployment: 'cart', phase: 'Running', readySince: at(6), containers: [{name: 'app', image: 'ghcr.io/acme/cart:1.0', state: running(at(6)), lastState: terminated('Error', 1), restartCount: 1}]})]},
	(() => {
		// The pull failed a few minutes ago and then succeeded: its Failed events predate Ready.
		const failed = pullFailure({image: 'nginx:1.27', error: pullErrors.unreachable.containerd('nginx:1.27')});
		const recovered = pod({deployment: 'web', phase: 'Running', readySince: at(6), containers: [{name: 'app', image: 'nginx:1.27', state: running(at(6))}]});
		return {name: 'a pod whose earlier pull failures are over', objects: [recovered, ...failed.events]};
	})(),
];

for (const {name, objects: input} of negatives) {
	test(`image-pull stays quiet for ${name}`, t => {
		t.deepEqual(outline(findings({objects: input})).filter(line => line.startsWith('image-pull/')), []);
	});
}

test('image-pull recognises pasted kubectl output', t => {
	const describe = [
		'Events:',
		'  Type     Reason     Age                From               Message',
		'  ----     ------     ----               ----               -------',
		'  Normal   Pulling    2m (x4 over 3m)    kubelet            Pulling image "cifar-api:wrong-v1"',
		'  Warning  Failed     2m (x4 over 3m)    kubelet            Failed to pull image "cifar-api:wrong-v1": failed to resolve reference "docker.io/library/cifar-api:wrong-v1": docker.io/library/cifar-api:wrong-v1: not found',
		'  Warning  Failed     2m (x4 over 3m)    kubelet            Error: ErrImagePull',
	].join('\n');
	const getPods = 'NAME                          READY   STATUS             RESTARTS   AGE\nml-api-6d9f7c8b5-7xk2p        0/1     InvalidImageName   0          3m';
	t.deepEqual(outline(findings({texts: {describe, 'get pods': getPods}})), ['image-pull/tag-not-found Text/describe', 'image-pull/status-only Text/get pods']);
	t.is(findingOf('image-pull', {texts: {'get pods': getPods}}).summary, 'ml-api-6d9f7c8b5-7xk2p cannot pull its image: its events say why');
	const unparsable = 'Warning  InspectFailed  3m (x12 over 5m)  kubelet  Failed to apply default image tag "ghcr.io/YourName/ml-api:3f2c1a9": couldn\'t parse image name "ghcr.io/YourName/ml-api:3f2c1a9": invalid reference format: repository name must be lowercase';
	t.is(findingOf('image-pull', {texts: {describe: unparsable}}).summary, 'ghcr.io/YourName/ml-api:3f2c1a9 is not a valid image reference');
	t.is(findingOf('image-pull', {texts: {describe}}).captures.image, 'cifar-api:wrong-v1');
});

test('the tag-not-found run: describe, set image to the corrected reference, wait for the rollout and for the finding to go', t => {
	const finding = findingOf('image-pull', {objects: objects({image: 'nginx:1.99', error: pullErrors.tagNotFound.containerd('nginx:1.99')})});
	t.is(finding.summary, 'nginx:1.99 does not exist in the registry');
	t.deepEqual(planRun(finding, {presets: {image: 'nginx:1.27'}}), [
		{title: 'Read what the registry answered', command: `kubectl describe pod ${finding.name} -n shop`},
		{title: 'Point the deployment at an image that exists', command: 'kubectl set image deployment/web app=nginx:1.27 -n shop'},
		{title: 'Wait for the new pods', command: 'wait rollout deployment/web'},
		{title: 'Check the failure is gone', command: 'wait resolved'},
	]);
	// Without an answer the current image is offered, so the user edits rather than retypes it.
	t.is(planRun(finding)[1].command, 'kubectl set image deployment/web app=nginx:1.99 -n shop');
});

test('the not-built-yet run waits for the push before offering to change the image', t => {
	const finding = findingOf('image-pull', {objects: atRevision({image: 'ghcr.io/997899594/rrr:latest', deployment: 'dev', error: pullErrors.tagNotFound.containerd('ghcr.io/997899594/rrr:latest')}, 1)});
	t.is(finding.summary, 'ghcr.io/997899594/rrr:latest is not in the registry yet: a first deploy, maybe before CI pushed the image');
	t.true(finding.evidence.includes('replicaset dev-7d4b9c8f6d is revision 1 of deployment dev'));
	t.deepEqual(planRun(finding).map(step => step.command), [
		`kubectl describe pod ${finding.name} -n shop`,
		`wait pulled pod/${finding.name}`,
		'kubectl set image deployment/dev app=ghcr.io/997899594/rrr:latest -n shop',
		'wait rollout deployment/dev',
		'wait resolved',
	]);
});

test('the digest-not-found run offers the reference without its digest', t => {
	const finding = findingOf('image-pull', {objects: objects({image: digestImage, deployment: 'ingress-nginx-controller', namespace: 'ingress-nginx', container: 'controller', error: pullErrors.digestNotFound.docker(digestImage)})});
	t.is(planRun(finding)[1].command, 'kubectl set image deployment/ingress-nginx-controller controller=registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen:v1.4.0 -n ingress-nginx');
});

test('the unauthorized run patches the pull secret into the deployment', t => {
	const finding = findingOf('image-pull', {objects: objects({image: privateImage, deployment: 'calculator', namespace: 'default', container: 'calculator', error: pullErrors.unauthorized.containerd(privateImage)})});
	const planned = planRun(finding, {presets: {secretName: 'acr-secret'}});
	t.deepEqual(planned.map(step => step.error), planned.map(() => undefined));
	t.deepEqual(
		planned.map(step => step.command).filter(command => command.startsWith('kubectl patch')),
		['kubectl patch deployment calculator -n default -p \'{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"acr-secret"}]}}}}\''],
	);
	t.regex(planned.find(step => step.title === 'Create the pull secret')!.command, /--docker-server=private-registry\.example\.com/);
});

test('the invalid-reference run refuses to reuse the invalid reference as its default', t => {
	const finding = findingOf('image-pull', {objects: [invalidImage('ghcr.io/YourName/ml-api:3f2c1a9').pod]});
	const setImage = planRun(finding)[1];
	t.regex(setImage.error ?? '', /repository must be lowercase/);
	t.is(planRun(finding, {presets: {image: 'ghcr.io/yourname/ml-api:3f2c1a9'}})[1].command, 'kubectl set image deployment/ml-api api=ghcr.io/yourname/ml-api:3f2c1a9 -n ml');
});

test('every image-pull variant builds all of its steps from a real finding', t => {
	const byVariant = new Map<string | null, KubeObject[]>();
	for (const {objects: input, variant} of cases) if (!byVariant.has(variant)) byVariant.set(variant, input);
	for (const [variant, input] of byVariant) {
		const finding = findingOf('image-pull', {objects: input});
		const planned = planRun(finding, {presets: {image: 'nginx:1.27'}});
		t.deepEqual(planned.filter(step => step.error), [], `variant ${variant ?? '-'}`);
		t.is(planned.at(-1)?.command, 'wait resolved', `variant ${variant ?? '-'}`);
	}
});
