// Objects are serialized in the turns after they are stored: never during the write, never for
// versions already replaced, and a few milliseconds at a time so the event loop keeps serving.
import test from 'ava';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {IdleSerializer} from '../../../source/sim/store/idle-serializer.js';
import {resourceFor} from '../../../source/sim/store/resources.js';
import {eventually} from '../sim-fixtures.js';

const configmaps = resourceFor('ConfigMap');
const configMap = (name: string): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'shop'}});

test('current objects are serialized after the write returns; replaced ones are skipped', async t => {
	const current = new Set<KubeObject>();
	const serialized: string[] = [];
	const serializer = new IdleSerializer(
		(_resource, object) => current.has(object),
		object => serialized.push(object.metadata.name),
	);
	const [a, b, c] = [configMap('a'), configMap('b'), configMap('c')];
	for (const object of [a, b, c]) {
		current.add(object);
		serializer.add(configmaps, object);
	}
	current.delete(b);
	t.deepEqual(serialized, [], 'nothing during the writes');
	await eventually(() => serialized.length === 2);
	t.deepEqual(serialized, ['a', 'c']);
});

test('a large batch is serialized in slices, with the event loop serving in between', async t => {
	let serialized = 0;
	const serializer = new IdleSerializer(
		() => true,
		() => {
			const until = performance.now() + 0.05;
			while (performance.now() < until) {}
			serialized++;
		},
	);
	const count = 2000;
	for (let i = 0; i < count; i++) serializer.add(configmaps, configMap(`m-${i}`));
	const seen: number[] = [];
	const timer = setInterval(() => seen.push(serialized), 1);
	await eventually(() => serialized === count);
	clearInterval(timer);
	t.true(seen.some(done => done > 0 && done < count), 'a timer ran between slices');
});
