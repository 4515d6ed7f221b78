import test, {type ExecutionContext} from 'ava';
import {corednsPatch} from '../../../source/sim/scenarios/coredns-bind-denied.js';
import {type Harness, isReady, rolledOut, startWorld, waitingReason} from '../world-harness.js';

const resolverError = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d failed to connect to `host=postgres-service user=postgres database=saas_shortener`: hostname resolving error \(lookup postgres-service on 10\.96\.0\.10:53: read udp 10\.244\.\d+\.\d+:\d+->10\.96\.0\.10:53: read: connection refused\)$/;

/** CoreDNS crash-loops with the seed's bind error and kube-dns has no ready endpoint. */
async function dnsDown(t: ExecutionContext, sim: Harness): Promise<void> {
	const coredns = await sim.waitFor('CoreDNS crash-looping', () => {
		const pods = sim.pods('kube-system', 'coredns');
		return pods.length === 2 && pods.every(pod => waitingReason(pod) === 'CrashLoopBackOff') && pods;
	});
	for (const pod of coredns) {
		const lines = [...sim.logLines('kube-system', pod.metadata.name, 'coredns'), ...sim.logLines('kube-system', pod.metadata.name, 'coredns', true)];
		t.true(lines.includes('Listen: listen tcp :53: bind: permission denied'), lines.join('\n'));
	}
	const subsets = (sim.get('Endpoints', 'kube-system', 'kube-dns')!.subsets ?? []) as Array<{addresses?: unknown[]}>;
	t.false(subsets.some(subset => subset.addresses?.length));
}

test('coredns-bind-denied: non-root CoreDNS cannot bind :53; the seed JSON patch makes it Ready', async t => {
	const sim = await startWorld(t, ['coredns-bind-denied']);
	await dnsDown(t, sim);
	const pod = sim.pods('kube-system', 'coredns')[0];
	t.like(pod.status!.containerStatuses[0].lastState.terminated, {exitCode: 1, reason: 'Error'});
	t.false(sim.world.dns.ready());

	sim.patch('Deployment', 'kube-system', 'coredns', 'json', corednsPatch);
	await sim.waitFor('CoreDNS to roll out', () => rolledOut(sim, 'kube-system', 'coredns') && sim.pods('kube-system', 'coredns').length === 2);
	t.true(sim.world.dns.ready());
	const fixed = sim.pods('kube-system', 'coredns')[0];
	t.like(fixed.spec.containers[0].securityContext, {allowPrivilegeEscalation: true, runAsUser: 0, runAsNonRoot: false, capabilities: {drop: []}});
	await sim.waitFor('CoreDNS to serve', () => sim.logLines('kube-system', fixed.metadata.name, 'coredns').includes('CoreDNS-1.11.3'));
});

test('coredns-bind-denied: root alone keeps failing while runAsNonRoot stays true (CreateContainerConfigError)', async t => {
	const sim = await startWorld(t, ['coredns-bind-denied']);
	await dnsDown(t, sim);
	sim.patch('Deployment', 'kube-system', 'coredns', 'json', [{op: 'add', path: '/spec/template/spec/containers/0/securityContext/runAsUser', value: 0}]);
	const pod = await sim.waitFor('a config error', () => sim.pods('kube-system', 'coredns').find(candidate => waitingReason(candidate) === 'CreateContainerConfigError'));
	t.is(pod.status!.containerStatuses[0].state.waiting.message, `container's runAsUser breaks non-root policy (pod: "${pod.metadata.name}_kube-system(${pod.metadata.uid})", container: coredns)`);
});

test('crash-db-dns: the app cannot resolve its database while DNS is down; it recovers once CoreDNS is fixed and it restarts', async t => {
	const sim = await startWorld(t, ['crash-db-dns']);
	await dnsDown(t, sim);
	const app = await sim.waitFor('saas-shortener crash-looping', () => sim.pods('saas-shortener', 'saas-shortener').find(pod => waitingReason(pod) === 'CrashLoopBackOff'));
	const lines = [...sim.logLines('saas-shortener', app.metadata.name, 'saas-shortener'), ...sim.logLines('saas-shortener', app.metadata.name, 'saas-shortener', true)];
	t.true(lines.some(line => resolverError.test(line)), lines.join('\n'));
	t.true(sim.pods('saas-shortener', 'postgres').every(isReady));

	sim.patch('Deployment', 'kube-system', 'coredns', 'json', corednsPatch);
	await sim.waitFor('CoreDNS to roll out', () => rolledOut(sim, 'kube-system', 'coredns'));
	sim.restart('saas-shortener', 'saas-shortener');
	await sim.waitFor('saas-shortener to roll out', () => rolledOut(sim, 'saas-shortener', 'saas-shortener'));
	const fixed = sim.pods('saas-shortener', 'saas-shortener')[0];
	await sim.waitFor('the app to connect', () => sim.logLines('saas-shortener', fixed.metadata.name, 'saas-shortener').some(line => line.endsWith('connected to postgres (PostgreSQL 16.4)')));
	t.pass();
});

test('crash-db-dns: without a restart the app recovers at its next back-off once DNS works', async t => {
	const sim = await startWorld(t, ['crash-db-dns']);
	await dnsDown(t, sim);
	await sim.waitFor('saas-shortener crash-looping', () => sim.pods('saas-shortener', 'saas-shortener').find(pod => waitingReason(pod) === 'CrashLoopBackOff'));
	sim.patch('Deployment', 'kube-system', 'coredns', 'json', corednsPatch);
	await sim.waitFor('saas-shortener Ready', () => sim.pods('saas-shortener', 'saas-shortener').every(isReady) && rolledOut(sim, 'saas-shortener', 'saas-shortener'), 15_000);
	t.pass();
});
