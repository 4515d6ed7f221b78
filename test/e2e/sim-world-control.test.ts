// The control endpoint's world requests (tunnel, publish, flood) against a sim with its world.
import test from 'ava';
import {startSim} from '../../source/sim/start-sim.js';
import {eventually, events} from '../sim/sim-fixtures.js';

test('tunnel, publish and flood reach the simulated world', async t => {
	const sim = await startSim({speed: 20});
	t.teardown(() => sim.stop());
	const post = async (what: string, body: object) => {
		const response = await fetch(`${sim.url}/kconsole-sim/v1/${what}`, {method: 'POST', body: JSON.stringify(body)});
		return {status: response.status, json: (await response.json()) as any};
	};
	const closed = await post('tunnel', {open: false});
	t.is(closed.status, 200);
	t.like(closed.json, {open: false, address: {host: sim.world!.tunnelAddress().host}});
	t.false(sim.world!.tunnelOpen());
	t.true((await post('tunnel', {open: true})).json.open);
	t.true(sim.world!.tunnelOpen());
	t.is((await post('tunnel', {})).status, 400);

	t.deepEqual((await post('publish', {image: 'registry.example.com/shop/api:9.9.9'})).json, {published: 'registry.example.com/shop/api:9.9.9'});

	const before = sim.store.count(events);
	t.like((await post('flood', {eventsPerSecond: 200, logLinesPerSecond: 0})).json, {flooding: true});
	await eventually(() => sim.store.count(events) >= before + 20, 10_000, 'flooded events');
	t.deepEqual((await post('flood', {stop: true})).json, {flooding: false});
});
