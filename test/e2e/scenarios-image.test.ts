// The image pull scenarios of the simulated cluster, one sim for all: diagnose names the
// playbook and variant first for each scenario's namespace, and `kconsole guide --yes` fixes it.
import test from 'ava';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {commandsRun, firstFinding, guideYes} from './scenario-harness.js';

let sim: SimHandle;
// CI pushes image-not-yet-built's tag a simulated minute after the first pull: slow enough to catch it missing.
let slowSim: SimHandle;

test.before(async () => {
	[sim, slowSim] = await Promise.all([
		startSim({scenarios: ['image-tag-not-found', 'image-private-no-secret', 'image-registry-timeout', 'image-mirror-digest', 'image-invalid-name', 'image-proxy-down'], speed: 20}),
		startSim({scenarios: ['image-not-yet-built'], speed: 4}),
	]);
});

test.after.always(async () => {
	await Promise.all([sim?.stop(), slowSim?.stop()]);
});

const deployments = resourceFor('Deployment');
const image = (namespace: string, name: string) => sim.store.get(deployments, namespace, name)!.spec.template.spec.containers[0].image as string;

test('image-tag-not-found: image-pull/tag-not-found; the corrected tag rolls out', async t => {
	const finding = await firstFinding(sim, 'cifar10', 'image-pull/tag-not-found');
	t.is(finding.summary, 'cifar-api:wrong-v1 does not exist in the registry');
	const run = await guideYes(sim, finding, {image: 'cifar-api:cpu-v1'});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(run.stdout).includes('kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10'));
	t.regex(run.stdout, /Resolved: the finding is gone/);
	t.is(image('cifar10', 'cifar10-deployment'), 'cifar-api:cpu-v1');
});

test('image-private-no-secret: image-pull/unauthorized; the secret the user created is patched in', async t => {
	const finding = await firstFinding(sim, 'calculator', 'image-pull/unauthorized');
	t.like(finding.captures, {registry: 'private-registry.example.com'});
	// The user creates the pull secret in their own terminal, as the manual step asks.
	sim.store.create(resourceFor('Secret'), {
		apiVersion: 'v1',
		kind: 'Secret',
		type: 'kubernetes.io/dockerconfigjson',
		metadata: {name: 'acr-secret', namespace: 'calculator'},
		data: {'.dockerconfigjson': Buffer.from(JSON.stringify({auths: {'private-registry.example.com': {username: 'deployer', password: 's3cret', auth: Buffer.from('deployer:s3cret').toString('base64')}}})).toString('base64')},
	});
	const run = await guideYes(sim, finding, {secretName: 'acr-secret'});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(run.stdout).includes(`kubectl patch deployment calculator -n calculator -p '{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"acr-secret"}]}}}}'`));
	t.deepEqual(sim.store.get(deployments, 'calculator', 'calculator')!.spec.template.spec.imagePullSecrets, [{name: 'acr-secret'}]);
});

test('image-registry-timeout: image-pull/registry-unreachable; the image from a reachable mirror rolls out', async t => {
	const finding = await firstFinding(sim, 'hello', 'image-pull/registry-unreachable', {timeoutMs: 45_000});
	t.like(finding.captures, {registryHost: 'gcr.io'});
	const run = await guideYes(sim, finding, {image: 'gcr.m.daocloud.io/google-samples/hello-app:1.0'});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.is(image('hello', 'hello-app'), 'gcr.m.daocloud.io/google-samples/hello-app:1.0');
});

test('image-mirror-digest: image-pull/digest-not-found; the default (the tag without the digest) fixes it', async t => {
	const finding = await firstFinding(sim, 'kubernetes-dashboard', 'image-pull/digest-not-found');
	const run = await guideYes(sim, finding);
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.is(image('kubernetes-dashboard', 'kubernetes-dashboard'), 'registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0');
});

test('image-invalid-name: image-pull/invalid-reference; the lowercase reference rolls out', async t => {
	const finding = await firstFinding(sim, 'ml-platform', 'image-pull/invalid-reference');
	t.is(finding.summary, 'ghcr.io/MLOps-Lab/ml-api:3f2c1a9 is not a valid image reference');
	const run = await guideYes(sim, finding, {image: 'ghcr.io/mlops-lab/ml-api:3f2c1a9'});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.is(image('ml-platform', 'ml-api'), 'ghcr.io/mlops-lab/ml-api:3f2c1a9');
});

test('image-proxy-down: proxy/tunnel-down first; the tunnel is reopened at the manual step and the pull succeeds', async t => {
	const finding = await firstFinding(sim, 'monitoring', 'proxy/tunnel-down');
	const {host, port} = sim.world!.tunnelAddress();
	t.like(finding.captures, {proxyAddress: `${host}:${port}`, proxyPort: String(port)});
	const run = await guideYes(sim, finding, {}, guide => {
		// The user reopens the SSH tunnel when the guide says so (the manual step, confirmed by --yes).
		void guide.waitFor('Reopen the tunnel').then(async () => sim.world!.setTunnel(true));
	});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.regex(run.stdout, /Step 4\/7: Reopen the tunnel\n[\s\S]*marked done/);
	t.regex(run.stdout, /pod\/kube-state-metrics-\S+ is pulled/);
	t.regex(run.stdout, /Resolved: the finding is gone/);
});

test('image-not-yet-built: image-pull/not-built-yet (a first rollout); the wait sees CI\'s push land', async t => {
	const namespace = 'project-56d0416c-5fc9-40bc-be8a-85c8adf889a4-development';
	const finding = await firstFinding(slowSim, namespace, 'image-pull/not-built-yet');
	t.is(finding.summary, 'ghcr.io/997899594/rrr:latest is not in the registry yet: a first deploy, maybe before CI pushed the image');
	const run = await guideYes(slowSim, finding);
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.regex(run.stdout, /Step 2\/5: Wait for CI to push the image[\s\S]*is pulled/);
	t.regex(run.stdout, /Resolved: the finding is gone/);
});
