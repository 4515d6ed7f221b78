import test from 'ava';
import {traefikRoleName} from '../../../source/sim/base/kube-system.js';
import {startWorld} from '../world-harness.js';

const forbidden = (resource: string, group: string) =>
	`${group ? `${resource}.${group}` : resource} is forbidden: User "system:serviceaccount:kube-system:traefik" cannot list resource "${resource}" in API group "${group}" at the cluster scope`;

test('ingress-class-mismatch: an nginx-class ingress gets no address on a traefik cluster until its class is patched', async t => {
	const sim = await startWorld(t, ['ingress-class-mismatch']);
	await sim.waitFor('traefik Ready', () => sim.pods('kube-system', 'traefik')[0]?.status?.containerStatuses?.[0]?.ready);
	const later = Date.now() + 30_000 / sim.world.clock.speed;
	await sim.waitFor('half a minute of simulated time', () => Date.now() > later);
	t.deepEqual(sim.get('Ingress', 'rrr', 'rrr')!.status ?? {}, {});
	t.deepEqual(
		sim.list('IngressClass').map(ingressClass => ingressClass.metadata.name),
		['traefik'],
	);

	sim.patch('Ingress', 'rrr', 'rrr', 'merge', {spec: {ingressClassName: 'traefik'}});
	const ingress = await sim.waitFor('an address', () => sim.get('Ingress', 'rrr', 'rrr')!.status?.loadBalancer?.ingress?.length && sim.get('Ingress', 'rrr', 'rrr'));
	t.deepEqual(ingress.status.loadBalancer.ingress, [{ip: '172.18.0.2', ipMode: 'VIP'}, {ip: '172.18.0.3', ipMode: 'VIP'}]);
});

test('rbac-missing-clusterrole: traefik logs forbidden errors and serves nothing until its ClusterRole exists', async t => {
	const sim = await startWorld(t, ['rbac-missing-clusterrole']);
	const traefik = await sim.waitFor('traefik to log forbidden errors', () => {
		const pod = sim.pods('kube-system', 'traefik')[0];
		const lines = pod ? sim.logLines('kube-system', pod.metadata.name, 'traefik') : [];
		return lines.some(line => line.includes(forbidden('ingresses', 'networking.k8s.io'))) && pod;
	});
	const lines = sim.logLines('kube-system', traefik.metadata.name, 'traefik');
	for (const [resource, group, type] of [['services', '', 'Service'], ['endpoints', '', 'Endpoints'], ['secrets', '', 'Secret'], ['ingresses', 'networking.k8s.io', 'Ingress'], ['ingressclasses', 'networking.k8s.io', 'IngressClass']]) {
		t.true(
			lines.some(line => new RegExp(`^E\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +1 reflector\\.go:147\\] k8s\\.io/client-go@v0\\.29\\.3/tools/cache/reflector\\.go:229: Failed to watch \\*v1\\.${type}: failed to list \\*v1\\.${type}: `).test(line) && line.endsWith(forbidden(resource, group))),
			resource,
		);
	}
	t.deepEqual(sim.get('Ingress', 'whoami', 'whoami')!.status ?? {}, {});
	t.truthy(sim.get('ClusterRoleBinding', undefined, traefikRoleName));

	// kubectl create clusterrole traefik-kube-system --verb=get,list,watch --resource=services,endpoints,secrets,ingresses.networking.k8s.io,ingressclasses.networking.k8s.io
	sim.create({
		apiVersion: 'rbac.authorization.k8s.io/v1',
		kind: 'ClusterRole',
		metadata: {name: traefikRoleName},
		rules: [
			{apiGroups: [''], resources: ['services', 'endpoints', 'secrets'], verbs: ['get', 'list', 'watch']},
			{apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingressclasses'], verbs: ['get', 'list', 'watch']},
		],
	});
	await sim.waitFor('the ingress to get an address', () => sim.get('Ingress', 'whoami', 'whoami')!.status?.loadBalancer?.ingress?.length);
	const count = sim.logLines('kube-system', traefik.metadata.name, 'traefik').length;
	const later = Date.now() + 60_000 / sim.world.clock.speed;
	await sim.waitFor('a minute of simulated time', () => Date.now() > later);
	t.is(sim.logLines('kube-system', traefik.metadata.name, 'traefik').length, count, 'no more forbidden lines');
});
