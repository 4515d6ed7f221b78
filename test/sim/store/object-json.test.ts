// The JSON the store caches for each object it keeps: it must always be the JSON of the object
// stored now, whatever the write, since lists, gets and watch frames send it as it is.
import test from 'ava';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {Clock} from '../../../source/sim/clock.js';
import {installDefaults} from '../../../source/sim/store/defaults.js';
import {copyOf, objectJson} from '../../../source/sim/store/object-json.js';
import {ObjectStore} from '../../../source/sim/store/object-store.js';
import {resourceFor} from '../../../source/sim/store/resources.js';

const namespaces = resourceFor('Namespace');
const pods = resourceFor('Pod');
const configmaps = resourceFor('ConfigMap');

function store(): ObjectStore {
	const store = new ObjectStore(new Clock());
	installDefaults(store);
	store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
	return store;
}

const pod = (name: string): KubeObject => ({
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {name, namespace: 'shop', labels: {app: name}},
	spec: {nodeName: 'node-1', containers: [{name: 'app', image: 'registry.example.com/app:1.0'}]},
});

const writes: Array<{name: string; write: (store: ObjectStore) => KubeObject | undefined}> = [
	{name: 'create', write: store => store.create(pods, pod('a'))},
	{
		name: 'mutate (how controllers write)',
		write: store => store.mutate(pods, 'shop', 'a', draft => {
			draft.status = {phase: 'Running'};
		}),
	},
	{
		name: 'replace with the stored resourceVersion',
		write: store => {
			const current = copyOf(store.get(pods, 'shop', 'a')!);
			current.metadata.labels = {app: 'a', tier: 'web'};
			return store.replace(pods, current);
		},
	},
	{name: 'a no-op replace keeps the stored object', write: store => store.replace(pods, copyOf(store.get(pods, 'shop', 'a')!))},
	{name: 'graceful delete of a scheduled pod marks it', write: store => store.delete(pods, 'shop', 'a')},
	{
		name: 'finalizers added to an object being deleted',
		write: store => {
			store.create(configmaps, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'held', namespace: 'shop', finalizers: ['example.com/keep']}, data: {k: 'v'}});
			store.delete(configmaps, 'shop', 'held');
			return store.mutate(configmaps, 'shop', 'held', draft => {
				draft.metadata.finalizers = ['example.com/keep', 'example.com/also'];
			});
		},
	},
];

test('after every kind of write, the cached JSON is the JSON of the object stored now', t => {
	const objects = store();
	for (const {name, write} of writes) {
		write(objects);
		for (const resource of [pods, configmaps]) {
			for (const stored of objects.list(resource)) t.is(objectJson(stored), JSON.stringify(stored), `${name}: ${stored.metadata.name}`);
		}
	}
	t.is(objects.get(pods, 'shop', 'a')?.metadata.labels?.tier, 'web');
	t.truthy(objects.get(pods, 'shop', 'a')?.metadata.deletionTimestamp);
});

test('a copy to change is independent of the stored object and its JSON', t => {
	const objects = store();
	const stored = objects.create(pods, pod('b'));
	const json = objectJson(stored);
	const draft = copyOf(stored);
	draft.metadata.labels!.app = 'changed';
	draft.spec.containers[0].image = 'other';
	t.deepEqual(draft.metadata.uid, stored.metadata.uid);
	t.is(stored.metadata.labels?.app, 'b');
	t.is(objectJson(stored), json);
	t.is(JSON.stringify(stored), json);
});

test('a replaced version, as watch history replays it, still has its own JSON', t => {
	const objects = store();
	const first = objects.create(pods, pod('c'));
	const firstJson = objectJson(first);
	const second = objects.mutate(pods, 'shop', 'c', draft => {
		draft.metadata.labels = {app: 'c', version: '2'};
	});
	t.is(objectJson(first), firstJson);
	t.is(objectJson(first), JSON.stringify(first));
	t.is(JSON.parse(objectJson(second)).metadata.labels.version, '2');
});
