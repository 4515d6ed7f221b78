// The scenarios found in objects rather than pods (a namespace stuck Terminating, an Ingress of a
// missing class, a binding whose ClusterRole is gone, a Service that selects nothing), and the
// healthy cluster, which must yield no finding at all.
import test from 'ava';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {about, commandsRun, diagnose, firstFinding, guideYes, label} from './scenario-harness.js';

let sim: SimHandle;
let healthy: SimHandle;

test.before(async () => {
	[sim, healthy] = await Promise.all([
		startSim({scenarios: ['namespace-stuck-terminating', 'ingress-class-mismatch', 'rbac-missing-clusterrole', 'service-no-endpoints'], speed: 20}),
		startSim({scenarios: ['healthy'], speed: 20}),
	]);
});

test.after.always(async () => {
	await Promise.all([sim?.stop(), healthy?.stop()]);
});

test('healthy: no findings once the cluster has settled', async t => {
	const deadline = Date.now() + 20_000;
	let findings = await diagnose(healthy);
	while (findings.length > 0 && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 300));
		findings = await diagnose(healthy);
	}
	t.deepEqual(findings.map(label), []);
	// And it stays that way.
	await new Promise(resolve => setTimeout(resolve, 1000));
	t.deepEqual((await diagnose(healthy)).map(label), []);
});

test('namespace-stuck-terminating: namespace-terminating/finalizers-remaining; the leftover finalizer is removed and the namespace goes', async t => {
	const finding = await firstFinding(sim, null, 'namespace-terminating/finalizers-remaining', {kind: 'Namespace'});
	t.is(finding.summary, 'namespace shortener-staging cannot finish deleting: configmaps keep the finalizer shortener.example.com/migration-lock');
	const run = await guideYes(sim, finding);
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(run.stdout).includes(`kubectl patch configmaps db-migration-lock -n shortener-staging --type=merge -p '{"metadata":{"finalizers":null}}'`));
	t.regex(run.stdout, /namespace\/shortener-staging is gone/);
	t.is(sim.store.get(resourceFor('Namespace'), undefined, 'shortener-staging'), undefined);
});

test('ingress-class-mismatch: ingress/class-missing; the class the cluster has is patched in', async t => {
	const finding = await firstFinding(sim, 'rrr', 'ingress/class-missing');
	const run = await guideYes(sim, finding);
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(run.stdout).includes(`kubectl patch ingress rrr -n rrr --type=merge -p '{"metadata":{"annotations":{"kubernetes.io/ingress.class":null}},"spec":{"ingressClassName":"traefik"}}'`));
	t.is(sim.store.get(resourceFor('Ingress'), 'rrr', 'rrr')!.spec.ingressClassName, 'traefik');
});

test('rbac-missing-clusterrole: rbac/ingress-controller-role on the binding (and ingress/controller-rbac from Traefik\'s log); the ClusterRole is recreated', async t => {
	const finding = await firstFinding(sim, null, 'rbac/ingress-controller-role', {kind: 'ClusterRoleBinding'});
	t.is(finding.name, 'traefik-kube-system');
	const traefik = about(await diagnose(sim), 'kube-system').map(label);
	t.true(traefik.length === 0 || /^ingress\/controller-rbac Pod\/traefik-/.test(traefik[0]), traefik.join(', '));
	const run = await guideYes(sim, finding);
	t.notRegex(run.stdout, /UnsupportedMediaType/, 'the simulated API must accept kubectl create clusterrole (a protobuf body)');
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(run.stdout).includes('kubectl create clusterrole traefik-kube-system --verb=get,list,watch --resource=services,endpoints,secrets,ingresses.networking.k8s.io,ingressclasses.networking.k8s.io'));
	t.regex(run.stdout, /\n {4}│ yes\n/, 'can-i says yes afterwards');
	t.truthy(sim.store.get(resourceFor('ClusterRole'), undefined, 'traefik-kube-system'));
});

test('service-no-endpoints: service-endpoints (no variant); the selector that matches the pods gives it endpoints', async t => {
	const finding = await firstFinding(sim, 'storefront', 'service-endpoints/-');
	t.is(finding.name, 'catalog');
	const run = await guideYes(sim, finding, {selector: '{"app":"catalog"}'});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.regex(run.stdout, /Step 4\/7: Read the selector as JSON[\s\S]*│ \{"app":"catalog-api"\}/);
	t.deepEqual(sim.store.get(resourceFor('Service'), 'storefront', 'catalog')!.spec.selector, {app: 'catalog'});
});
