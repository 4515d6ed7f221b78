import test from 'ava';
import {addHealthyPods, installScenarios, scenarioNames} from '../../source/sim/world.js';
import {isReady, startWorld, waitingReason} from './world-harness.js';

test('scenario names are the contract other tests and issues use', t => {
	t.deepEqual(scenarioNames, [
		'healthy',
		'image-tag-not-found',
		'image-private-no-secret',
		'image-registry-timeout',
		'image-proxy-down',
		'image-mirror-digest',
		'image-invalid-name',
		'image-not-yet-built',
		'crash-bad-command',
		'crash-oom',
		'coredns-bind-denied',
		'crash-db-dns',
		'namespace-stuck-terminating',
		'ingress-class-mismatch',
		'rbac-missing-clusterrole',
		'service-no-endpoints',
	]);
});

test('an unknown scenario is a clear error naming the known ones', async t => {
	const sim = await startWorld(t, []);
	const error = await t.throwsAsync(installScenarios(sim.world, ['healthy', 'image-typo']));
	t.regex(error!.message, /^unknown scenario "image-typo"; known scenarios: all, healthy, image-tag-not-found, /);
});

test('all scenarios compose: every failure shows at once, next to a healthy shop', async t => {
	const sim = await startWorld(t, ['all']);
	const waiting = (namespace: string, prefix: string, reasons: string[]) => () => sim.pods(namespace, prefix).some(pod => reasons.includes(waitingReason(pod) ?? ''));
	const pull = ['ErrImagePull', 'ImagePullBackOff'];
	const checks: Array<[string, () => unknown]> = [
		['healthy', () => sim.pods('shop', 'catalog').length === 2 && ['frontend', 'catalog', 'redis'].every(name => sim.pods('shop', name).every(isReady))],
		['image-tag-not-found', waiting('cifar10', 'cifar10-deployment', pull)],
		['image-private-no-secret', waiting('calculator', 'calculator', pull)],
		['image-registry-timeout', waiting('hello', 'hello-app', pull)],
		['image-proxy-down', waiting('monitoring', 'kube-state-metrics', pull)],
		['image-mirror-digest', waiting('kubernetes-dashboard', 'kubernetes-dashboard', pull)],
		['image-invalid-name', waiting('ml-platform', 'ml-api', ['InvalidImageName'])],
		['crash-bad-command', waiting('cifar10-dev', 'cifar10-api', ['CrashLoopBackOff'])],
		['crash-oom', () => sim.pods('ml-serving', 'model-server').some(pod => pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled')],
		['coredns-bind-denied', waiting('kube-system', 'coredns', ['CrashLoopBackOff'])],
		['crash-db-dns', waiting('saas-shortener', 'saas-shortener', ['CrashLoopBackOff'])],
		['namespace-stuck-terminating', () => sim.get('Namespace', undefined, 'shortener-staging')?.status?.phase === 'Terminating'],
		['ingress-class-mismatch', () => sim.get('Ingress', 'rrr', 'rrr') && !sim.get('Ingress', 'rrr', 'rrr')!.status?.loadBalancer?.ingress],
		['rbac-missing-clusterrole', () => sim.pods('kube-system', 'traefik').some(pod => sim.logLines('kube-system', pod.metadata.name, 'traefik').some(line => line.includes('is forbidden: User "system:serviceaccount:kube-system:traefik"')))],
		['service-no-endpoints', () => sim.get('Endpoints', 'storefront', 'catalog') && !sim.get('Endpoints', 'storefront', 'catalog')!.subsets],
	];
	for (const [name, check] of checks) await sim.waitFor(name, check);
	t.pass();
});

test.serial('bulk healthy pods are Running and Ready at once, cost no events, and stop writing once settled', async t => {
	const sim = await startWorld(t, []);
	const events = sim.list('Event').length;
	addHealthyPods(sim.world, 3000);
	t.is(sim.list('Pod').filter(pod => pod.metadata.namespace?.startsWith('load-')).length, 3000);
	t.true(sim.list('Pod', 'load-01').every(pod => pod.status?.phase === 'Running' && isReady(pod)));
	await sim.waitFor('every deployment settled', () => sim.list('Deployment').every(deployment => deployment.status?.availableReplicas === deployment.spec.replicas && deployment.status?.observedGeneration === deployment.metadata.generation));
	await sim.waitFor('every pod Ready', () => sim.list('Pod').every(isReady));
	const settled = sim.store.resourceVersion;
	const later = Date.now() + 120_000 / sim.world.clock.speed;
	await sim.waitFor('two minutes of simulated time', () => Date.now() > later);
	t.is(sim.store.resourceVersion, settled, 'no writes while nothing changes');
	t.is(sim.list('Event').filter(event => event.metadata.namespace?.startsWith('load-')).length, 0);
	t.true(sim.list('Event').length >= events);
});

test.serial('a flood adds events and log lines at about the asked rates and stops', async t => {
	const sim = await startWorld(t, []);
	addHealthyPods(sim.world, 200);
	const pod = sim.list('Pod', 'load-01')[0];
	const stop = sim.world.flood({eventsPerSecond: 200, logLinesPerSecond: 2000});
	const started = Date.now();
	await sim.waitFor('a second of flood', () => Date.now() - started > 1000);
	stop();
	const flooded = sim.list('Event').filter(event => event.reason === 'Unhealthy');
	const total = flooded.reduce((sum, event) => sum + ((event.count as number) ?? 1), 0);
	t.true(total > 100 && total < 400, `${total} events`);
	const lines = sim.list('Pod', 'load-01').reduce((sum, candidate) => sum + sim.logLines('load-01', candidate.metadata.name, 'server').length - 1, 0);
	t.true(lines > 100, `${lines} lines in load-01`);
	t.truthy(pod);
	const after = total;
	const quiet = Date.now();
	await sim.waitFor('a quiet moment', () => Date.now() - quiet > 300);
	t.is(sim.list('Event').filter(event => event.reason === 'Unhealthy').reduce((sum, event) => sum + ((event.count as number) ?? 1), 0), after);
});
