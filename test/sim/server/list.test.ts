// Lists join the JSON cached when objects are stored: the next list after any write shows it,
// whatever the selector, page or representation, exactly as a fresh serialization would.
import test from 'ava';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {startSim, type SimHandle} from '../../../source/sim/start-sim.js';
import {addRunningPod, namespaces, podObject, pods} from '../sim-fixtures.js';

let sim: SimHandle;

test.before(async () => {
	sim = await startSim({bare: true});
});

test.after.always(async () => {
	await sim?.stop();
});

const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

async function list(path: string, accept = 'application/json'): Promise<any> {
	const response = await fetch(`${sim.url}${path}`, {headers: {accept}});
	return response.json();
}

async function write(method: string, path: string, body: unknown, contentType = 'application/json'): Promise<number> {
	const response = await fetch(`${sim.url}${path}`, {method, headers: {'content-type': contentType}, body: JSON.stringify(body)});
	await response.arrayBuffer();
	return response.status;
}

function namespace(name: string): string {
	sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	return name;
}

const names = (json: any): string[] => json.items.map((item: KubeObject) => item.metadata.name);

/** What the store holds now, serialized afresh: a served list must equal it. */
const fresh = (ns: string) => sim.store.list(pods, {namespace: ns}).map(object => JSON.parse(JSON.stringify(object)));

test('the list after each kind of write equals the store serialized afresh', async t => {
	const ns = namespace('list-writes');
	for (const name of ['a', 'b', 'c']) addRunningPod(sim, name, {namespace: ns});
	await list(`/api/v1/namespaces/${ns}/pods`);
	await list('/api/v1/pods');
	const path = `/api/v1/namespaces/${ns}/pods`;
	const writes: Array<{name: string; write: () => unknown; check: (json: any) => void}> = [
		{
			name: 'a controller updates a pod',
			write: () =>
				sim.store.mutate(pods, ns, 'a', draft => {
					draft.metadata.labels = {...draft.metadata.labels, version: '2'};
				}),
			check: json => t.is(json.items[0].metadata.labels.version, '2'),
		},
		{
			name: 'a merge patch over HTTP',
			write: () => write('PATCH', `${path}/b`, {metadata: {annotations: {note: 'patched'}}}, 'application/merge-patch+json'),
			check: json => t.is(json.items[1].metadata.annotations.note, 'patched'),
		},
		{
			name: 'a PUT of the status',
			write: () => {
				const current = JSON.parse(JSON.stringify(sim.store.get(pods, ns, 'c')));
				current.status.phase = 'Failed';
				return write('PUT', `${path}/c/status`, current);
			},
			check: json => t.is(json.items[2].status.phase, 'Failed'),
		},
		{
			name: 'a graceful delete marks the pod',
			write: () => write('DELETE', `${path}/a`, {}),
			check: json => t.truthy(json.items[0].metadata.deletionTimestamp),
		},
		{
			name: 'a delete with grace period 0 removes it',
			write: () => write('DELETE', `${path}/b?gracePeriodSeconds=0`, {}),
			check: json => t.deepEqual(names(json), ['a', 'c']),
		},
		{
			name: 'a create',
			write: () => write('POST', path, podObject('d', ns)),
			check: json => t.deepEqual(names(json), ['a', 'c', 'd']),
		},
	];
	for (const {name, write, check} of writes) {
		await write();
		const written = sim.store.resourceVersion;
		const namespaced = await list(path);
		t.true(Number(namespaced.metadata.resourceVersion) >= written, `${name}: the list is as new as the write`);
		t.deepEqual(namespaced.items, fresh(ns), name);
		check(namespaced);
		const all = await list('/api/v1/pods');
		t.deepEqual(
			all.items.filter((item: KubeObject) => item.metadata.namespace === ns),
			fresh(ns),
			`${name}, listed across namespaces`,
		);
	}
});

test('label and field selectors select on the state after a change', async t => {
	const ns = namespace('list-selectors');
	addRunningPod(sim, 'web', {namespace: ns});
	addRunningPod(sim, 'db', {namespace: ns});
	const selected = async (query: string) => names(await list(`/api/v1/namespaces/${ns}/pods?${query}`));
	t.deepEqual(await selected('labelSelector=tier%3Dfront'), []);
	t.deepEqual(await selected('fieldSelector=status.phase%3DRunning'), ['db', 'web']);
	sim.store.mutate(pods, ns, 'web', draft => {
		draft.metadata.labels = {...draft.metadata.labels, tier: 'front'};
		draft.status = {...draft.status, phase: 'Failed'};
	});
	const cases = [
		{query: 'labelSelector=tier%3Dfront', expected: ['web']},
		{query: 'labelSelector=tier%21%3Dfront', expected: ['db']},
		{query: 'fieldSelector=status.phase%3DRunning', expected: ['db']},
		{query: 'fieldSelector=status.phase%3DFailed', expected: ['web']},
		{query: 'labelSelector=tier%3Dfront&fieldSelector=status.phase%3DRunning', expected: []},
	];
	for (const {query, expected} of cases) t.deepEqual(await selected(query), expected, query);
	const [web] = (await list(`/api/v1/namespaces/${ns}/pods?labelSelector=tier%3Dfront`)).items;
	t.is(web.metadata.resourceVersion, sim.store.get(pods, ns, 'web')?.metadata.resourceVersion);
	sim.store.delete(pods, ns, 'web', {gracePeriodSeconds: 0});
	t.deepEqual(await selected('labelSelector=tier%3Dfront'), []);
	t.deepEqual(await selected('fieldSelector=status.phase%3DFailed'), []);
});

test('pages after a change hold every object once, in its current state', async t => {
	const ns = namespace('list-pages');
	for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) addRunningPod(sim, name, {namespace: ns});
	await list(`/api/v1/namespaces/${ns}/pods`);
	sim.store.mutate(pods, ns, 'p4', draft => {
		draft.metadata.labels = {...draft.metadata.labels, paged: 'yes'};
	});
	sim.store.delete(pods, ns, 'p2', {gracePeriodSeconds: 0});
	const first = await list(`/api/v1/namespaces/${ns}/pods?limit=2`);
	t.deepEqual(names(first), ['p1', 'p3']);
	t.is(first.metadata.remainingItemCount, 2);
	const second = await list(`/api/v1/namespaces/${ns}/pods?limit=2&continue=${first.metadata.continue}`);
	t.deepEqual(names(second), ['p4', 'p5']);
	t.is(second.metadata.continue, undefined);
	t.is(second.items[0].metadata.labels.paged, 'yes');
	t.deepEqual([...first.items, ...second.items], fresh(ns));
});

test('Table rows and their objects show the change', async t => {
	const ns = namespace('list-table');
	addRunningPod(sim, 'row', {namespace: ns});
	const rows = async (query = '') => (await list(`/api/v1/namespaces/${ns}/pods${query}`, table)).rows;
	t.is((await rows())[0].cells[2], 'Running');
	await rows('?includeObject=Object');
	sim.store.mutate(pods, ns, 'row', draft => {
		draft.metadata.labels = {...draft.metadata.labels, shown: 'yes'};
		draft.status = {...draft.status, phase: 'Failed'};
	});
	const [metadataRow] = await rows();
	t.is(metadataRow.cells[2], 'Failed');
	t.is(metadataRow.object.metadata.labels.shown, 'yes');
	const [objectRow] = await rows('?includeObject=Object');
	t.deepEqual(objectRow.object, fresh(ns)[0]);
	sim.store.delete(pods, ns, 'row', {gracePeriodSeconds: 0});
	t.deepEqual(await rows(), []);
});
