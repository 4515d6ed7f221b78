import test from 'ava';
import {leftoverFinalizer, stuckNamespace} from '../../../source/sim/scenarios/namespace-stuck-terminating.js';
import {resourceFor} from '../../../source/sim/store/resources.js';
import {type Harness, startWorld} from '../world-harness.js';

async function stuck(sim: Harness) {
	const namespace = await sim.waitFor('the namespace to report what remains', () => {
		const current = sim.get('Namespace', undefined, stuckNamespace);
		return current?.status?.conditions?.some((condition: {type: string; status: string}) => condition.type === 'NamespaceFinalizersRemaining' && condition.status === 'True') && current;
	});
	await sim.waitFor('the rest of its content to go', () => ['Deployment', 'Service', 'ServiceAccount', 'Pod', 'ReplicaSet'].every(kind => sim.list(kind, stuckNamespace).length === 0));
	return namespace;
}

test('namespace-stuck-terminating: a leftover finalizer keeps the namespace Terminating with the real conditions; removing it lets the namespace go', async t => {
	const sim = await startWorld(t, ['namespace-stuck-terminating']);
	const namespace = await stuck(sim);
	t.is(namespace.status.phase, 'Terminating');
	t.truthy(namespace.metadata.deletionTimestamp);
	t.deepEqual(namespace.spec.finalizers, ['kubernetes']);
	t.deepEqual(
		namespace.status.conditions.map(({type, status, reason, message}: Record<string, string>) => [type, status, reason, message]),
		[
			['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
			['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
			['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
			['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances'],
			['NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${leftoverFinalizer} in 1 resource instances`],
		],
	);
	const lock = sim.get('ConfigMap', stuckNamespace, 'db-migration-lock')!;
	t.truthy(lock.metadata.deletionTimestamp);

	const later = Date.now() + 60_000 / sim.world.clock.speed;
	await sim.waitFor('a minute of simulated time', () => Date.now() > later);
	t.truthy(sim.get('Namespace', undefined, stuckNamespace), 'still Terminating a minute later');

	sim.patch('ConfigMap', stuckNamespace, 'db-migration-lock', 'merge', {metadata: {finalizers: null}});
	await sim.waitFor('the namespace to disappear', () => !sim.get('Namespace', undefined, stuckNamespace));
	t.is(sim.list('ConfigMap', stuckNamespace).length, 0);
});

test("namespace-stuck-terminating: the seed's finalize call removes the namespace at once", async t => {
	const sim = await startWorld(t, ['namespace-stuck-terminating']);
	await stuck(sim);
	// PUT /api/v1/namespaces/NAME/finalize with the `kubernetes` finalizer edited out.
	sim.store.mutate(resourceFor('Namespace'), undefined, stuckNamespace, draft => {
		draft.spec = {...draft.spec, finalizers: []};
	});
	t.is(sim.get('Namespace', undefined, stuckNamespace), undefined);
});
