// The simulated API over HTTP: discovery shapes, Status errors, selectors, tables, dry-run,
// namespace finalize and the control endpoint (request record and faults).
import test from 'ava';
import {startSim, type SimHandle} from '../../../source/sim/start-sim.js';
import {addEvent, addRunningPod, namespaces, pods, podObject} from '../sim-fixtures.js';

let sim: SimHandle;

test.before(async () => {
	sim = await startSim({bare: true});
});

test.after.always(async () => {
	await sim?.stop();
});

async function call(path: string, init: RequestInit & {json?: unknown} = {}) {
	const headers = new Headers(init.headers);
	let body = init.body;
	if (init.json !== undefined) {
		body = JSON.stringify(init.json);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	const response = await fetch(`${sim.url}${path}`, {...init, headers, body});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {}
	return {status: response.status, headers: response.headers, text, json};
}

test('aggregated discovery answers in the shape and content type client-go asks for', async t => {
	const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
	const core = await call('/api', {headers: {accept}});
	t.is(core.headers.get('content-type'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
	t.is(core.json.kind, 'APIGroupDiscoveryList');
	const podEntry = core.json.items[0].versions[0].resources.find((resource: any) => resource.resource === 'pods');
	t.like(podEntry, {scope: 'Namespaced', singularResource: 'pod', responseKind: {group: '', version: 'v1', kind: 'Pod'}, shortNames: ['po']});
	t.deepEqual(
		podEntry.subresources.map((sub: any) => sub.subresource),
		['log', 'status'],
	);
	const groups = await call('/apis', {headers: {accept}});
	const apps = groups.json.items.find((item: any) => item.metadata.name === 'apps');
	const scale = apps.versions[0].resources.find((resource: any) => resource.resource === 'deployments').subresources.find((sub: any) => sub.subresource === 'scale');
	t.deepEqual(scale.responseKind, {group: 'autoscaling', version: 'v1', kind: 'Scale'});
});

test('legacy discovery lists resources and subresources', async t => {
	t.deepEqual((await call('/api')).json.versions, ['v1']);
	t.true((await call('/apis')).json.groups.some((group: any) => group.name === 'apps'));
	const v1 = (await call('/api/v1')).json;
	t.is(v1.kind, 'APIResourceList');
	t.truthy(v1.resources.find((resource: any) => resource.name === 'pods/log' && resource.kind === 'Pod'));
	const apps = (await call('/apis/apps/v1')).json;
	t.like(apps.resources.find((resource: any) => resource.name === 'deployments/scale'), {group: 'autoscaling', version: 'v1', kind: 'Scale'});
	t.is((await call('/apis/apps')).json.preferredVersion.groupVersion, 'apps/v1');
	t.is((await call('/healthz')).text, 'ok');
	t.is((await call('/readyz')).text, 'ok');
	t.is((await call('/livez')).text, 'ok');
	t.is((await call('/version')).json.minor, '32');
});

test('errors are Status objects with the API server codes and reasons', async t => {
	addRunningPod(sim, 'exists', {namespace: 'errors'});
	const current = sim.store.get(pods, 'errors', 'exists')!;
	const cases: Array<[string, () => Promise<{status: number; json: any}>, number, string]> = [
		['get a missing pod', () => call('/api/v1/namespaces/errors/pods/missing'), 404, 'NotFound'],
		['create a duplicate', () => call('/api/v1/namespaces/errors/pods', {method: 'POST', json: podObject('exists', 'errors')}), 409, 'AlreadyExists'],
		['update with a stale resourceVersion', () => call('/api/v1/namespaces/errors/pods/exists', {method: 'PUT', json: {...current, metadata: {...current.metadata, resourceVersion: '1'}}}), 409, 'Conflict'],
		['create with an invalid name', () => call('/api/v1/namespaces/errors/pods', {method: 'POST', json: podObject('Bad_Name', 'errors')}), 422, 'Invalid'],
		['create a pod without containers', () => call('/api/v1/namespaces/errors/pods', {method: 'POST', json: {metadata: {name: 'empty'}, spec: {containers: []}}}), 422, 'Invalid'],
		['change a pod field that is immutable', () => call('/api/v1/namespaces/errors/pods/exists', {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, json: {spec: {restartPolicy: 'Never'}}}), 422, 'Invalid'],
		['POST to an object', () => call('/api/v1/namespaces/errors/pods/exists', {method: 'POST', json: {}}), 405, 'MethodNotAllowed'],
		['an unknown patch type', () => call('/api/v1/namespaces/errors/pods/exists', {method: 'PATCH', headers: {'content-type': 'application/xml'}, body: '<x/>'}), 415, 'UnsupportedMediaType'],
		['a bad label selector', () => call('/api/v1/pods?labelSelector=a%20in%20b'), 400, 'BadRequest'],
		['an unknown resource', () => call('/api/v1/widgets'), 404, 'NotFound'],
		['an expired continue token', () => call(`/api/v1/pods?limit=1&continue=${Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: 1, start: 'a/b'})).toString('base64url')}`), 410, 'Expired'],
		['a body of another kind', () => call('/api/v1/namespaces/errors/configmaps', {method: 'POST', json: {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'x'}}}), 400, 'BadRequest'],
	];
	for (const [name, request, code, reason] of cases) {
		const {status, json} = await request();
		t.is(status, code, name);
		t.like(json, {kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason}, name);
	}
	t.is((await call('/api/v1/namespaces/errors/pods/missing')).json.message, 'pods "missing" not found');
});

test('field selectors on pods and events, label selectors, and Table output with includeObject', async t => {
	const ns = 'selecting';
	const pod = addRunningPod(sim, 'on-node', {namespace: ns});
	sim.store.create(pods, {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'unscheduled', namespace: ns, labels: {tier: 'db'}}, spec: {containers: [{name: 'db', image: 'postgres'}]}});
	addEvent(sim, pod, 'Started', 'Started container app');
	const names = (json: any) => json.items.map((item: any) => item.metadata.name);
	t.deepEqual(names((await call(`/api/v1/namespaces/${ns}/pods?fieldSelector=spec.nodeName%3Dnode-1`)).json), ['on-node']);
	t.deepEqual(names((await call(`/api/v1/namespaces/${ns}/pods?fieldSelector=status.phase%3DPending`)).json), ['unscheduled']);
	t.deepEqual(names((await call(`/api/v1/namespaces/${ns}/pods?labelSelector=tier%20in%20(db,cache)`)).json), ['unscheduled']);
	const events = (await call(`/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name%3Don-node,involvedObject.uid%3D${pod.metadata.uid}`)).json;
	t.is(events.items.length, 1);
	const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
	const metadataRows = (await call(`/api/v1/namespaces/${ns}/pods`, {headers: {accept: table}})).json;
	t.is(metadataRows.kind, 'Table');
	t.deepEqual(metadataRows.columnDefinitions.slice(0, 5).map((column: any) => column.name), ['Name', 'Ready', 'Status', 'Restarts', 'Age']);
	t.is(metadataRows.rows[0].object.kind, 'PartialObjectMetadata');
	t.is((await call(`/api/v1/namespaces/${ns}/pods?includeObject=None`, {headers: {accept: table}})).json.rows[0].object, undefined);
	t.is((await call(`/api/v1/namespaces/${ns}/pods?includeObject=Object`, {headers: {accept: table}})).json.rows[0].object.kind, 'Pod');
	t.is((await call(`/api/v1/namespaces/${ns}/pods/on-node`, {headers: {accept: table}})).json.rows[0].cells[2], 'Running');
});

test('dryRun=All validates and answers but stores nothing', async t => {
	const ns = 'dry-run';
	sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}});
	const created = await call(`/api/v1/namespaces/${ns}/pods?dryRun=All`, {method: 'POST', json: podObject('ghost', ns)});
	t.is(created.status, 201);
	t.is(created.json.status.phase, 'Pending');
	t.is(sim.store.get(pods, ns, 'ghost'), undefined);
	addRunningPod(sim, 'real', {namespace: ns});
	const before = sim.store.get(pods, ns, 'real');
	t.is((await call(`/api/v1/namespaces/${ns}/pods/real?dryRun=All`, {method: 'DELETE'})).status, 200);
	t.is((await call(`/api/v1/namespaces/${ns}/pods/real?dryRun=All`, {method: 'PATCH', headers: {'content-type': 'application/merge-patch+json'}, json: {metadata: {labels: {x: 'y'}}}})).json.metadata.labels.x, 'y');
	t.is(sim.store.get(pods, ns, 'real'), before);
	t.is((await call(`/api/v1/namespaces/${ns}/pods?dryRun=Some`, {method: 'POST', json: podObject('x', ns)})).status, 400);
});

test('a namespace stays Terminating until PUT …/finalize clears its finalizers', async t => {
	sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'finalized'}});
	const deleting = await call('/api/v1/namespaces/finalized', {method: 'DELETE'});
	t.is(deleting.json.status.phase, 'Terminating');
	t.deepEqual(sim.store.get(namespaces, undefined, 'finalized')?.spec?.finalizers, ['kubernetes']);
	const finalized = await call('/api/v1/namespaces/finalized/finalize', {method: 'PUT', json: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'finalized'}, spec: {finalizers: []}}});
	t.is(finalized.status, 200);
	t.is(sim.store.get(namespaces, undefined, 'finalized'), undefined);
});

test('pod log errors and options: several containers, waiting containers, limitBytes, sinceSeconds', async t => {
	const ns = 'log-options';
	addRunningPod(sim, 'pair', {namespace: ns, containers: ['app', 'sidecar']});
	sim.logs.append(ns, 'pair', 'app', 'old line', sim.clock.now() - 600_000);
	sim.logs.append(ns, 'pair', 'app', 'new line', sim.clock.now());
	const several = await call(`/api/v1/namespaces/${ns}/pods/pair/log`);
	t.is(several.status, 400);
	t.is(several.json.message, 'a container name must be specified for pod pair, choose one of: [app sidecar]');
	t.is((await call(`/api/v1/namespaces/${ns}/pods/pair/log?container=nope`)).json.message, 'container nope is not valid for pod pair');
	t.is((await call(`/api/v1/namespaces/${ns}/pods/pair/log?container=app&sinceSeconds=60`)).text, 'new line\n');
	t.is((await call(`/api/v1/namespaces/${ns}/pods/pair/log?container=app&limitBytes=5`)).text, 'old l');
	sim.store.create(pods, {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'pulling', namespace: ns}, spec: {nodeName: 'node-1', containers: [{name: 'app', image: 'nope:1'}]}});
	sim.store.mutate(pods, ns, 'pulling', draft => {
		draft.status.containerStatuses = [{name: 'app', image: 'nope:1', ready: false, restartCount: 0, state: {waiting: {reason: 'ImagePullBackOff'}}}];
	});
	t.is((await call(`/api/v1/namespaces/${ns}/pods/pulling/log`)).json.message, 'container "app" in pod "pulling" is waiting to start: trying and failing to pull image');
});

test.serial('the control endpoint records requests and injects errors, 429s, latency and 403s', async t => {
	await call('/kconsole-sim/v1/requests', {method: 'DELETE'});
	await call('/api/v1/namespaces/default/configmaps', {headers: {'user-agent': 'recorder-test'}});
	const records = (await call('/kconsole-sim/v1/requests')).json;
	t.like(records.find((record: any) => record.userAgent === 'recorder-test'), {method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: '', status: 200});
	t.false(records.some((record: any) => record.path.startsWith('/kconsole-sim/')), 'control requests are not recorded');

	await call('/kconsole-sim/v1/faults', {method: 'POST', json: {errors: {status: 503, count: 2}}});
	t.is((await call('/api/v1/namespaces')).status, 503);
	t.is((await call('/version')).json.reason, 'ServiceUnavailable');
	t.is((await call('/api/v1/namespaces')).status, 200);

	await call('/kconsole-sim/v1/faults', {method: 'POST', json: {errors: {status: 429, count: 1}}});
	const throttled = await call('/api/v1/namespaces');
	t.is(throttled.status, 429);
	t.is(throttled.headers.get('retry-after'), '1');

	await call('/kconsole-sim/v1/faults', {method: 'POST', json: {forbid: ['secrets'], seconds: 30}});
	const forbidden = await call('/api/v1/namespaces/default/secrets');
	t.is(forbidden.status, 403);
	t.is(forbidden.json.message, 'secrets is forbidden: User "kconsole-sim" cannot list resource "secrets" in API group "" in the namespace "default"');
	const review = await call('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {method: 'POST', json: {spec: {resourceAttributes: {verb: 'list', resource: 'secrets'}}}});
	t.is(review.json.status.allowed, false);

	await call('/kconsole-sim/v1/faults', {method: 'POST', json: {latencyMs: 150}});
	const started = Date.now();
	await call('/api/v1/namespaces');
	t.true(Date.now() - started >= 140);
	await call('/kconsole-sim/v1/faults', {method: 'POST', json: {clear: true}});
	t.is((await call('/api/v1/namespaces/default/secrets')).status, 200);
	t.deepEqual((await call('/kconsole-sim/v1/faults')).json, {latencyMs: 0, errors: null, forbid: []});
	t.is((await call('/kconsole-sim/v1/publish', {method: 'POST', json: {image: 'x'}})).status, 503, 'a bare sim has no world');
});
