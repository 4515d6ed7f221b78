import test from 'ava';
import {isReady, startWorld} from '../world-harness.js';

test('service-no-endpoints: a selector matching no pod leaves the Endpoints empty; the right selector fills them', async t => {
	const sim = await startWorld(t, ['service-no-endpoints']);
	await sim.waitFor('the catalog pods Ready', () => sim.pods('storefront', 'catalog').length === 2 && sim.pods('storefront', 'catalog').every(isReady));
	await sim.waitFor('the Endpoints object', () => sim.get('Endpoints', 'storefront', 'catalog'));
	t.is(sim.get('Endpoints', 'storefront', 'catalog')!.subsets, undefined);

	sim.patch('Service', 'storefront', 'catalog', 'strategic', {spec: {selector: {app: 'catalog'}}});
	const endpoints = await sim.waitFor('addresses', () => {
		const current = sim.get('Endpoints', 'storefront', 'catalog')!;
		return (current.subsets as Array<{addresses?: unknown[]}> | undefined)?.[0]?.addresses?.length === 2 && current;
	});
	const [subset] = endpoints.subsets as Array<{addresses: Array<{ip: string; targetRef: {kind: string; name: string}}>; ports: unknown[]}>;
	t.deepEqual(subset.ports, [{name: 'http', port: 8080, protocol: 'TCP'}]);
	t.deepEqual(subset.addresses.map(address => address.targetRef.name).sort(), sim.pods('storefront', 'catalog').map(pod => pod.metadata.name).sort());
});
