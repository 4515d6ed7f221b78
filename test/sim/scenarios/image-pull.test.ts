import net from 'node:net';
import test from 'ava';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {dockerRegistrySecret} from '../../../source/sim/scenarios/manifests.js';
import {type Harness, isReady, rolledOut, startWorld, waitingReason} from '../world-harness.js';

const revision = 'deployment.kubernetes.io/revision';

function pullEvents(sim: Harness, namespace: string, pod: KubeObject): string[] {
	return sim.events(namespace, event => (event.involvedObject as {uid: string}).uid === pod.metadata.uid).map(event => `${event.type} ${event.reason}: ${event.message}`);
}

/** What `kubectl rollout undo` sends: the old replica set's template (without its hash label) and annotations, as a JSON patch. */
function rolloutUndo(sim: Harness, namespace: string, name: string, toRevision: string): void {
	const deployment = sim.get('Deployment', namespace, name)!;
	const replicaSet = sim.list('ReplicaSet', namespace).find(candidate => candidate.metadata.ownerReferences?.[0]?.uid === deployment.metadata.uid && candidate.metadata.annotations?.[revision] === toRevision)!;
	const template = structuredClone(replicaSet.spec.template);
	delete template.metadata.labels['pod-template-hash'];
	const skipped = new Set(['kubectl.kubernetes.io/last-applied-configuration', revision, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);
	const annotations: Record<string, string> = {};
	for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) if (skipped.has(key)) annotations[key] = value;
	for (const [key, value] of Object.entries(replicaSet.metadata.annotations ?? {})) if (!skipped.has(key)) annotations[key] = value;
	sim.patch('Deployment', namespace, name, 'json', [
		{op: 'replace', path: '/spec/template', value: template},
		{op: 'replace', path: '/metadata/annotations', value: annotations},
	]);
}

async function tagNotFound(sim: Harness): Promise<KubeObject> {
	const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/cifar-api:wrong-v1": failed to resolve reference "docker.io/library/cifar-api:wrong-v1": docker.io/library/cifar-api:wrong-v1: not found';
	const pod = await sim.waitFor('the revision 2 pod in ImagePullBackOff', () => sim.pods('cifar10', 'cifar10-deployment').find(candidate => waitingReason(candidate) === 'ImagePullBackOff'));
	return sim.waitFor('its events', () => {
		const events = pullEvents(sim, 'cifar10', pod);
		const expected = [
			'Normal Pulling: Pulling image "cifar-api:wrong-v1"',
			`Warning Failed: Failed to pull image "cifar-api:wrong-v1": ${notFound}`,
			'Warning Failed: Error: ErrImagePull',
			'Normal BackOff: Back-off pulling image "cifar-api:wrong-v1"',
			'Warning Failed: Error: ImagePullBackOff',
		];
		const latest = sim.get('Pod', 'cifar10', pod.metadata.name)!;
		return expected.every(line => events.includes(line)) && latest.status.containerStatuses[0].state.waiting.message === `Back-off pulling image "cifar-api:wrong-v1": ErrImagePull: ${notFound}` && latest;
	});
}

test('image-tag-not-found: revision 2 cannot pull, revision 1 keeps serving; rollout undo restores it as revision 3', async t => {
	const sim = await startWorld(t, ['image-tag-not-found']);
	const failing = await tagNotFound(sim);
	t.is(failing.status!.containerStatuses[0].image, 'cifar-api:wrong-v1');
	t.is(failing.status!.containerStatuses[0].imageID, '');
	t.is(failing.status!.phase, 'Pending');
	const old = sim.pods('cifar10', 'cifar10-deployment').filter(pod => pod.spec.containers[0].image === 'cifar-api:cpu-v1');
	t.is(old.length, 2);
	t.true(old.every(isReady));
	const deployment = sim.get('Deployment', 'cifar10', 'cifar10-deployment')!;
	t.is(deployment.metadata.annotations?.[revision], '2');
	t.true(deployment.status.conditions.some((condition: {type: string; reason: string}) => condition.type === 'Progressing' && condition.reason === 'ReplicaSetUpdated'));

	rolloutUndo(sim, 'cifar10', 'cifar10-deployment', '1');
	await sim.waitFor('the rollback to finish', () => rolledOut(sim, 'cifar10', 'cifar10-deployment') && sim.pods('cifar10', 'cifar10-deployment').every(pod => pod.spec.containers[0].image === 'cifar-api:cpu-v1'));
	t.is(sim.get('Deployment', 'cifar10', 'cifar10-deployment')!.metadata.annotations?.[revision], '3');
	const revisions = sim.list('ReplicaSet', 'cifar10').map(replicaSet => [replicaSet.spec.template.spec.containers[0].image, replicaSet.metadata.annotations?.[revision], replicaSet.spec.replicas]);
	t.deepEqual(revisions.sort(), [['cifar-api:cpu-v1', '3', 2], ['cifar-api:wrong-v1', '2', 0]]);
	t.is(sim.get('ReplicaSet', 'cifar10', sim.list('ReplicaSet', 'cifar10').find(replicaSet => replicaSet.spec.replicas === 2)!.metadata.name)!.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
});

test('image-tag-not-found: setting the image back to the tag that ran also fixes it', async t => {
	const sim = await startWorld(t, ['image-tag-not-found']);
	await tagNotFound(sim);
	sim.patch('Deployment', 'cifar10', 'cifar10-deployment', 'strategic', {spec: {template: {spec: {containers: [{name: 'cifar-api', image: 'cifar-api:cpu-v1'}]}}}});
	await sim.waitFor('the deployment to roll out', () => rolledOut(sim, 'cifar10', 'cifar10-deployment') && sim.pods('cifar10', 'cifar10-deployment').length === 2);
	t.pass();
});

test('image-private-no-secret: pull access denied until a docker-registry secret is referenced', async t => {
	const sim = await startWorld(t, ['image-private-no-secret']);
	const image = 'private-registry.example.com/my-namespace/my-app:56cc4792-86';
	const denied = `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
	const pod = await sim.waitFor('ImagePullBackOff', () => sim.pods('calculator', 'calculator').find(candidate => waitingReason(candidate) === 'ImagePullBackOff'));
	await sim.waitFor('the Failed event', () => pullEvents(sim, 'calculator', pod).includes(`Warning Failed: Failed to pull image "${image}": ${denied}`));

	sim.patch('Deployment', 'calculator', 'calculator', 'strategic', {spec: {template: {spec: {imagePullSecrets: [{name: 'acr-secret'}]}}}});
	await sim.waitFor('the kubelet to report the missing secret', () =>
		sim.events('calculator').some(event => event.reason === 'FailedToRetrieveImagePullSecret' && event.message === 'Unable to retrieve some image pull secrets (acr-secret); attempting to pull the image may not succeed.'),
	);
	sim.create(dockerRegistrySecret({namespace: 'calculator', name: 'acr-secret', server: 'private-registry.example.com', username: 'deployer', password: 's3cret'}));
	sim.restart('calculator', 'calculator');
	await sim.waitFor('the deployment to roll out', () => rolledOut(sim, 'calculator', 'calculator'));
	t.true(sim.pods('calculator', 'calculator').every(isReady));
});

test('image-registry-timeout: the dial to gcr.io times out; a reachable mirror fixes it', async t => {
	const sim = await startWorld(t, ['image-registry-timeout']);
	const pod = await sim.waitFor('an image pull error', () => sim.pods('hello', 'hello-app').find(candidate => ['ErrImagePull', 'ImagePullBackOff'].includes(waitingReason(candidate)!)));
	t.regex(pod.status!.containerStatuses[0].state.waiting.message, /failed to do request: Head "https:\/\/gcr\.io\/v2\/google-samples\/hello-app\/manifests\/1\.0": dial tcp 142\.250\.196\.116:443: i\/o timeout$/);
	sim.patch('Deployment', 'hello', 'hello-app', 'strategic', {spec: {template: {spec: {containers: [{name: 'hello-app', image: 'gcr.m.daocloud.io/google-samples/hello-app:1.0'}]}}}});
	await sim.waitFor('the deployment to roll out', () => rolledOut(sim, 'hello', 'hello-app'));
	t.pass();
});

test('image-proxy-down: pulls through the closed tunnel are refused; reopening it lets the next retry pull', async t => {
	const sim = await startWorld(t, ['image-proxy-down']);
	const {host, port} = sim.world.tunnelAddress();
	const pod = await sim.waitFor('ImagePullBackOff', () => sim.pods('monitoring', 'kube-state-metrics').find(candidate => waitingReason(candidate) === 'ImagePullBackOff'));
	t.true(
		pod.status!.containerStatuses[0].state.waiting.message.endsWith(
			`failed to do request: Head "https://registry.k8s.io/v2/kube-state-metrics/kube-state-metrics/manifests/v2.13.0": proxyconnect tcp: dial tcp ${host}:${port}: connect: connection refused`,
		),
	);
	const refused = await new Promise<string>(resolve => net.connect({host, port}).on('error', (error: NodeJS.ErrnoException) => resolve(error.code!)).on('connect', () => resolve('connected')));
	t.is(refused, 'ECONNREFUSED');

	await sim.world.setTunnel(true);
	const answer = await new Promise<string>(resolve => {
		const socket = net.connect({host, port}, () => socket.write('CONNECT registry.k8s.io:443 HTTP/1.1\r\nHost: registry.k8s.io:443\r\n\r\n'));
		socket.on('data', chunk => resolve(chunk.toString().split('\r\n')[0]));
	});
	t.is(answer, 'HTTP/1.1 200 Connection established');
	await sim.waitFor('the pod to pull and become Ready', () => sim.pods('monitoring', 'kube-state-metrics').every(isReady), 15_000);
	await sim.waitFor('kube-state-metrics to serve', () => sim.logLines('monitoring', sim.pods('monitoring', 'kube-state-metrics')[0].metadata.name, 'kube-state-metrics').some(line => line.includes('"Started metrics server"')));
	t.pass();
});

test('image-mirror-digest: the upstream digest is unknown to the mirror; dropping the digest pulls the mirror tag', async t => {
	const sim = await startWorld(t, ['image-mirror-digest']);
	const image = 'registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93';
	const pod = await sim.waitFor('ImagePullBackOff', () => sim.pods('kubernetes-dashboard', 'kubernetes-dashboard').find(candidate => waitingReason(candidate) === 'ImagePullBackOff'));
	await sim.waitFor('the Failed event', () => pullEvents(sim, 'kubernetes-dashboard', pod).includes(`Warning Failed: Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`));
	sim.patch('Deployment', 'kubernetes-dashboard', 'kubernetes-dashboard', 'strategic', {spec: {template: {spec: {containers: [{name: 'kubernetes-dashboard', image: 'registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0'}]}}}});
	await sim.waitFor('the deployment to roll out', () => rolledOut(sim, 'kubernetes-dashboard', 'kubernetes-dashboard'));
	const status = sim.pods('kubernetes-dashboard', 'kubernetes-dashboard')[0].status!.containerStatuses[0];
	t.regex(status.imageID, /^registry\.cn-hangzhou\.aliyuncs\.com\/google_containers\/dashboard@sha256:[0-9a-f]{64}$/);
	t.false(status.imageID.includes('2e500d29'));
});

test('image-invalid-name: an uppercase repository cannot be parsed; the lowercase name runs', async t => {
	const sim = await startWorld(t, ['image-invalid-name']);
	const message = 'Failed to apply default image tag "ghcr.io/MLOps-Lab/ml-api:3f2c1a9": couldn\'t parse image name "ghcr.io/MLOps-Lab/ml-api:3f2c1a9": invalid reference format: repository name (MLOps-Lab/ml-api) must be lowercase';
	const pod = await sim.waitFor('InvalidImageName', () => sim.pods('ml-platform', 'ml-api').find(candidate => waitingReason(candidate) === 'InvalidImageName'));
	t.is(pod.status!.containerStatuses[0].state.waiting.message, message);
	await sim.waitFor('its events', () => {
		const events = pullEvents(sim, 'ml-platform', pod);
		return events.includes(`Warning InspectFailed: ${message}`) && events.includes('Warning Failed: Error: InvalidImageName');
	});
	sim.patch('Deployment', 'ml-platform', 'ml-api', 'strategic', {spec: {template: {spec: {containers: [{name: 'ml-api', image: 'ghcr.io/mlops-lab/ml-api:3f2c1a9'}]}}}});
	await sim.waitFor('the deployment to roll out', () => rolledOut(sim, 'ml-platform', 'ml-api'));
	t.pass();
});

test('image-not-yet-built: not found until CI pushes the tag, then the pod starts by itself', async t => {
	const sim = await startWorld(t, ['image-not-yet-built']);
	const namespace = 'project-56d0416c-5fc9-40bc-be8a-85c8adf889a4-development';
	const name = 'dev-56d0416c-5fc9-40bc-be8a-85c8adf889a4';
	const first = await sim.waitFor('the pod', () => sim.pods(namespace, name)[0]);
	await sim.waitFor('the pod to start without any fix', () => sim.pods(namespace, name).every(isReady), 15_000);
	const current = sim.pods(namespace, name)[0];
	await sim.waitFor('Next.js to be ready', () => sim.logLines(namespace, current.metadata.name, 'app').some(line => /✓ Ready in \d+ms/.test(line)));
	t.is(current.metadata.name, first.metadata.name);
	const events = pullEvents(sim, namespace, current);
	const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/997899594/rrr:latest": failed to resolve reference "ghcr.io/997899594/rrr:latest": ghcr.io/997899594/rrr:latest: not found';
	t.true(events.includes(`Warning Failed: Failed to pull image "ghcr.io/997899594/rrr:latest": ${notFound}`));
	t.true(events.includes('Normal BackOff: Back-off pulling image "ghcr.io/997899594/rrr:latest"'));
	t.true(events.some(line => line.startsWith('Normal Pulled: Successfully pulled image "ghcr.io/997899594/rrr:latest"')));
	const pulling = sim.events(namespace, event => event.reason === 'Pulling' && (event.involvedObject as {uid: string}).uid === current.metadata.uid)[0];
	t.true((pulling.count as number) >= 2);
});
