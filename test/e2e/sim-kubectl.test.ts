// The real kubectl against the simulated cluster's HTTP API (a bare store: no controllers).
import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {addEvent, addRunningPod, deployments, eventually, namespaces, pods} from '../sim/sim-fixtures.js';
import {kubectlFor, type Kubectl} from './kubectl.js';

let sim: SimHandle;
let kubectl: Kubectl;

test.before(async () => {
	sim = await startSim({bare: true});
	kubectl = kubectlFor(sim);
});

test.after.always(async () => {
	await sim?.stop();
});

function deployment(name: string, namespace: string) {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace},
		spec: {
			replicas: 2,
			selector: {matchLabels: {app: name}},
			template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image: 'registry.example.com/app:1.0'}, {name: 'proxy', image: 'envoy:1.30'}]}},
		},
	};
}

function namespace(name: string) {
	sim.store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
	return name;
}

test('get pods -A prints the server-side table with restarts like kubectl does', async t => {
	addRunningPod(sim, 'table-web', {namespace: 'table', restarts: 5});
	sim.store.create(pods, {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'table-pending', namespace: 'table'}, spec: {containers: [{name: 'app', image: 'nginx'}]}});
	const {stdout, exitCode} = await kubectl('get', 'pods', '-A');
	t.is(exitCode, 0);
	const lines = stdout.trim().split('\n');
	t.regex(lines[0], /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
	t.truthy(lines.find(line => /^table\s+table-web\s+1\/1\s+Running\s+5 \(4\ds ago\)\s+\d+s$/.test(line)), stdout);
	t.truthy(lines.find(line => /^table\s+table-pending\s+0\/1\s+Pending\s+0\s+\d+s$/.test(line)), stdout);
	const wide = await kubectl('get', 'pods', '-n', 'table', '-o', 'wide');
	t.regex(wide.stdout.split('\n')[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
	t.regex(wide.stdout, /table-web\s+1\/1\s+Running\s+5 \(\d+s ago\)\s+\d+s\s+10\.244\.1\.7\s+node-1\s+<none>\s+<none>/);
});

test('every served kind prints the columns kubectl shows against a real cluster', async t => {
	const cases: Array<[string, RegExp]> = [
		['deployments', /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/],
		['replicasets', /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/],
		['events', /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/],
		['services', /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/],
		['namespaces', /^NAME\s+STATUS\s+AGE$/],
		['nodes', /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/],
		['endpoints', /^NAME\s+ENDPOINTS\s+AGE$/],
		['configmaps', /^NAME\s+DATA\s+AGE$/],
		['secrets', /^NAME\s+TYPE\s+DATA\s+AGE$/],
		['serviceaccounts', /^NAME\s+SECRETS\s+AGE$/],
		['ingresses', /^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$/],
		['ingressclasses', /^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE$/],
		['clusterroles', /^NAME\s+CREATED AT$/],
		['clusterrolebindings', /^NAME\s+ROLE\s+AGE$/],
	];
	const ns = namespace('kinds');
	const store = sim.store;
	const meta = (name: string, namespaced = true) => (namespaced ? {name, namespace: ns} : {name});
	store.create(deployments, deployment('kinds-web', ns));
	store.create(resourceFor('ReplicaSet'), {apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('kinds-web-1'), spec: deployment('x', ns).spec});
	addEvent(sim, store.get(deployments, ns, 'kinds-web')!, 'ScalingReplicaSet', 'Scaled up replica set kinds-web-1 to 2');
	store.create(resourceFor('Service'), {apiVersion: 'v1', kind: 'Service', metadata: meta('kinds-svc'), spec: {selector: {app: 'web'}, ports: [{port: 80}]}});
	store.create(resourceFor('Node'), {apiVersion: 'v1', kind: 'Node', metadata: {name: 'kinds-node', labels: {'node-role.kubernetes.io/control-plane': ''}}, status: {conditions: [{type: 'Ready', status: 'True'}], nodeInfo: {kubeletVersion: 'v1.32.0'}}});
	store.create(resourceFor('Endpoints'), {apiVersion: 'v1', kind: 'Endpoints', metadata: meta('kinds-svc'), subsets: [{addresses: [{ip: '10.244.0.5'}], ports: [{port: 8080}]}]});
	store.create(resourceFor('ConfigMap'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kinds-cm'), data: {a: '1', b: '2'}});
	store.create(resourceFor('Secret'), {apiVersion: 'v1', kind: 'Secret', metadata: meta('kinds-secret'), stringData: {token: 'x'}});
	store.create(resourceFor('ServiceAccount'), {apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default')});
	store.create(resourceFor('Ingress'), {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('kinds-ing'), spec: {ingressClassName: 'nginx', rules: [{host: 'shop.example.com'}]}});
	store.create(resourceFor('IngressClass'), {apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('nginx', false), spec: {controller: 'k8s.io/ingress-nginx'}});
	store.create(resourceFor('ClusterRole'), {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('kinds-reader', false), rules: []});
	store.create(resourceFor('ClusterRoleBinding'), {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('kinds-reader', false), roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kinds-reader'}, subjects: []});
	const expectedRows: Record<string, RegExp> = {
		deployments: /kinds-web\s+0\/2\s+0\s+0\s+\d+s/,
		events: /\d+s\s+Normal\s+ScalingReplicaSet\s+deployment\/kinds-web\s+Scaled up replica set kinds-web-1 to 2/,
		services: /kinds-svc\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/,
		nodes: /kinds-node\s+Ready\s+control-plane\s+\d+s\s+v1\.32\.0/,
		endpoints: /kinds-svc\s+10\.244\.0\.5:8080/,
		configmaps: /kinds-cm\s+2\s/,
		secrets: /kinds-secret\s+Opaque\s+1\s/,
		ingresses: /kinds-ing\s+nginx\s+shop\.example\.com\s+80\s/,
		clusterrolebindings: /kinds-reader\s+ClusterRole\/kinds-reader/,
	};
	await Promise.all(
		cases.map(async ([kind, header]) => {
			const {stdout, stderr, exitCode} = await kubectl('get', kind, '-n', ns);
			t.is(exitCode, 0, `${kind}: ${stderr}`);
			t.regex(stdout.split('\n')[0], header, kind);
			if (expectedRows[kind]) t.regex(stdout, expectedRows[kind], kind);
		}),
	);
});

test('get -w prints a transition made after it started', async t => {
	const ns = namespace('watching');
	addRunningPod(sim, 'watched', {namespace: ns});
	const child = kubectl.spawn('get', 'pods', '-w', '-n', ns);
	let output = '';
	child.stdout!.on('data', chunk => (output += String(chunk)));
	try {
		await eventually(() => /watched\s+1\/1\s+Running/.test(output), 10_000, 'initial row');
		sim.store.mutate(pods, ns, 'watched', draft => {
			const status = draft.status.containerStatuses[0];
			status.ready = false;
			status.restartCount = 1;
			status.lastState = {terminated: {exitCode: 137, reason: 'OOMKilled', finishedAt: sim.clock.iso()}};
			status.state = {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container'}};
		});
		await eventually(() => /watched\s+0\/1\s+CrashLoopBackOff\s+1 \(\d+s ago\)/.test(output), 10_000, 'CrashLoopBackOff row');
		t.is(output.match(/^NAME/gm)?.length, 1, 'the header is printed once');
	} finally {
		child.kill();
		await child;
	}
});

test('describe pod lists the events about that pod (matched by uid)', async t => {
	const ns = namespace('describing');
	const pod = addRunningPod(sim, 'described', {namespace: ns});
	addEvent(sim, pod, 'Pulled', 'Successfully pulled image "registry.example.com/app:1.0" in 1.2s');
	addEvent(sim, pod, 'BackOff', 'Back-off restarting failed container app in pod described', 'Warning');
	addEvent(sim, {...pod, metadata: {...pod.metadata, uid: 'an-older-pod-with-the-same-name'}}, 'Killing', 'Stopping container app');
	const {stdout, exitCode} = await kubectl('describe', 'pod', 'described', '-n', ns);
	t.is(exitCode, 0);
	t.regex(stdout, /Status:\s+Running/);
	t.regex(stdout, /Normal\s+Pulled\s+\d+s\s+kubelet\s+Successfully pulled image/);
	t.regex(stdout, /Warning\s+BackOff\s+\d+s\s+kubelet\s+Back-off restarting failed container/);
	t.notRegex(stdout, /Killing/);
	const request = sim.requests().find(record => record.path === `/api/v1/namespaces/${ns}/events`);
	t.truthy(request);
	t.regex(decodeURIComponent(request!.query), new RegExp(`involvedObject.uid=${pod.metadata.uid}`));
});

test('logs, logs --previous, logs --tail and their errors', async t => {
	const ns = namespace('logging');
	addRunningPod(sim, 'talker', {namespace: ns, restarts: 1});
	addRunningPod(sim, 'pair', {namespace: ns, containers: ['app', 'sidecar']});
	const time = sim.clock.now();
	sim.logs.append(ns, 'talker', 'app', 'panic: connection refused', time - 50_000);
	sim.logs.restart(ns, 'talker', 'app');
	for (let i = 1; i <= 3; i++) sim.logs.append(ns, 'talker', 'app', `serving line ${i}`, time);
	t.is((await kubectl('logs', 'talker', '-n', ns)).stdout, 'serving line 1\nserving line 2\nserving line 3');
	t.is((await kubectl('logs', 'talker', '-n', ns, '--tail=1')).stdout, 'serving line 3');
	t.is((await kubectl('logs', 'talker', '-n', ns, '--previous')).stdout, 'panic: connection refused');
	const none = await kubectl('logs', 'pair', '-n', ns, '-c', 'sidecar', '--previous');
	t.is(none.exitCode, 1);
	t.is(none.stderr.trim(), 'Error from server (BadRequest): previous terminated container "sidecar" in pod "pair" not found');
	const stamped = await kubectl('logs', 'talker', '-n', ns, '--timestamps', '--tail=1');
	t.regex(stamped.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z serving line 3$/);
});

test('logs -f streams a line appended after it started', async t => {
	const ns = namespace('following');
	addRunningPod(sim, 'streamer', {namespace: ns});
	sim.logs.append(ns, 'streamer', 'app', 'first', sim.clock.now());
	const child = kubectl.spawn('logs', '-f', 'streamer', '-n', ns);
	let output = '';
	child.stdout!.on('data', chunk => (output += String(chunk)));
	try {
		await eventually(() => output.includes('first\n'), 10_000, 'first line');
		sim.logs.append(ns, 'streamer', 'app', 'second', sim.clock.now());
		await eventually(() => output.includes('second\n'), 10_000, 'streamed line');
		// The container stops: the stream ends and kubectl exits by itself.
		sim.logs.stop(ns, 'streamer', 'app');
		const result = await child;
		t.is(result.exitCode, 0);
		t.is(output, 'first\nsecond\n');
	} finally {
		child.kill();
	}
});

test('set image sends a strategic merge patch with $setElementOrder and changes only that container', async t => {
	const ns = namespace('imaging');
	sim.store.create(deployments, deployment('web', ns));
	const {exitCode, stderr} = await kubectl('set', 'image', 'deployment/web', 'app=registry.example.com/app:1.1', '-n', ns);
	t.is(exitCode, 0, stderr);
	const containers = sim.store.get(deployments, ns, 'web')!.spec.template.spec.containers;
	t.deepEqual(containers.map((container: {name: string; image: string}) => `${container.name}=${container.image}`), ['app=registry.example.com/app:1.1', 'proxy=envoy:1.30']);
	const patch = sim.requests().find(record => record.method === 'PATCH' && record.path === `/apis/apps/v1/namespaces/${ns}/deployments/web`);
	t.is(patch?.contentType, 'application/strategic-merge-patch+json');
	t.regex(patch!.query, /fieldManager=kubectl-set/);
});

test('patch --type=json and --type=merge; a no-op keeps the resourceVersion', async t => {
	const ns = namespace('patching');
	sim.store.create(deployments, deployment('web', ns));
	t.is((await kubectl('patch', 'deployment', 'web', '-n', ns, '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5}]')).exitCode, 0);
	t.is(sim.store.get(deployments, ns, 'web')!.spec.replicas, 5);
	t.is((await kubectl('patch', 'deployment', 'web', '-n', ns, '--type=merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}')).exitCode, 0);
	const before = sim.store.get(deployments, ns, 'web')!;
	t.is(before.metadata.labels?.tier, 'front');
	const same = await kubectl('patch', 'deployment', 'web', '-n', ns, '--type=merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}');
	t.regex(same.stdout, /patched \(no change\)/);
	t.is(sim.store.get(deployments, ns, 'web')!.metadata.resourceVersion, before.metadata.resourceVersion);
	const failed = await kubectl('patch', 'deployment', 'web', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/spec/nothing"}]');
	t.is(failed.exitCode, 1);
	t.regex(failed.stderr, /The request is invalid/);
});

test('scale and rollout restart change the deployment through its scale subresource and an annotation', async t => {
	const ns = namespace('scaling');
	sim.store.create(deployments, deployment('web', ns));
	t.is((await kubectl('scale', 'deployment', 'web', '--replicas=4', '-n', ns)).exitCode, 0);
	t.is(sim.store.get(deployments, ns, 'web')!.spec.replicas, 4);
	t.truthy(sim.requests().find(record => record.method === 'PATCH' && record.path.endsWith(`/namespaces/${ns}/deployments/web/scale`)));
	const restart = await kubectl('rollout', 'restart', 'deployment/web', '-n', ns);
	t.is(restart.exitCode, 0, restart.stderr);
	t.regex(sim.store.get(deployments, ns, 'web')!.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], /^\d{4}-/);
});

test('delete with a finalizer leaves the pod Terminating until a patch removes the finalizer', async t => {
	const ns = namespace('finalizing');
	sim.store.create(pods, {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'held', namespace: ns, finalizers: ['example.com/keep']}, spec: {containers: [{name: 'app', image: 'nginx'}]}});
	t.is((await kubectl('delete', 'pod', 'held', '-n', ns, '--wait=false')).exitCode, 0);
	t.regex((await kubectl('get', 'pod', 'held', '-n', ns)).stdout, /held\s+0\/1\s+Terminating/);
	t.is((await kubectl('patch', 'pod', 'held', '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":null}}')).exitCode, 0);
	const gone = await kubectl('get', 'pod', 'held', '-n', ns);
	t.is(gone.stderr.trim(), 'Error from server (NotFound): pods "held" not found');
});

test('auth can-i, api-resources, get --raw /version and -o json/yaml', async t => {
	t.is((await kubectl('auth', 'can-i', 'list', 'pods')).stdout, 'yes');
	const resources = await kubectl('api-resources');
	t.regex(resources.stdout, /^pods\s+po\s+v1\s+true\s+Pod$/m);
	t.regex(resources.stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
	t.is(JSON.parse((await kubectl('get', '--raw', '/version')).stdout).minor, '32');
	addRunningPod(sim, 'printed', {namespace: 'printing'});
	const json = JSON.parse((await kubectl('get', 'pod', 'printed', '-n', 'printing', '-o', 'json')).stdout);
	t.is(json.kind, 'Pod');
	t.is(json.status.phase, 'Running');
	const list = JSON.parse((await kubectl('get', 'pods', '-n', 'printing', '-o', 'json')).stdout);
	t.is(list.kind, 'List');
	t.is(list.items.length, 1);
	t.regex((await kubectl('get', 'pod', 'printed', '-n', 'printing', '-o', 'yaml')).stdout, /^kind: Pod$/m);
});

test('get --chunk-size=2 pages through the list with limit and continue', async t => {
	const ns = namespace('paging');
	for (let i = 0; i < 5; i++) addRunningPod(sim, `page-${i}`, {namespace: ns});
	const {stdout} = await kubectl('get', 'pods', '-n', ns, '--chunk-size=2', '-o', 'name');
	t.deepEqual(stdout.split('\n'), [0, 1, 2, 3, 4].map(i => `pod/page-${i}`));
	const pages = sim.requests().filter(record => record.path === `/api/v1/namespaces/${ns}/pods`);
	t.is(pages.length, 3);
	t.true(pages.slice(1).every(record => record.query.includes('continue=')));
});

test('create -f and apply -f work without a full OpenAPI schema', async t => {
	const ns = namespace('applying');
	const dir = mkdtempSync(join(tmpdir(), 'kconsole-apply-'));
	const file = join(dir, 'web.json');
	const manifest = deployment('applied', ns);
	writeFileSync(file, JSON.stringify(manifest));
	const created = await kubectl('create', '-f', file);
	t.is(created.exitCode, 0, created.stderr);
	manifest.spec.replicas = 3;
	writeFileSync(file, JSON.stringify(manifest));
	const applied = await kubectl('apply', '-f', file);
	t.is(applied.exitCode, 0, applied.stderr);
	t.is(sim.store.get(deployments, ns, 'applied')!.spec.replicas, 3);
	const fresh = {...manifest, metadata: {name: 'fresh', namespace: ns}};
	writeFileSync(file, JSON.stringify(fresh));
	const first = await kubectl('apply', '-f', file);
	t.is(first.stdout, 'deployment.apps/fresh created');
	t.truthy(sim.store.get(deployments, ns, 'fresh')!.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
});

test('typed-client writes (protobuf bodies) create namespaces, secrets and deployments', async t => {
	t.is((await kubectl('create', 'namespace', 'typed')).exitCode, 0);
	const secret = await kubectl('create', 'secret', 'docker-registry', 'regcred', '-n', 'typed', '--docker-server=registry.example.com', '--docker-username=ci', '--docker-password=s3cret');
	t.is(secret.exitCode, 0, secret.stderr);
	const stored = sim.store.get(resourceFor('Secret'), 'typed', 'regcred')!;
	t.is(stored.type, 'kubernetes.io/dockerconfigjson');
	t.regex(Buffer.from((stored.data as Record<string, string>)['.dockerconfigjson'], 'base64').toString(), /registry\.example\.com/);
	const created = await kubectl('create', 'deployment', 'web', '-n', 'typed', '--image=nginx:1.27', '--replicas=0');
	t.is(created.exitCode, 0, created.stderr);
	t.is(sim.store.get(deployments, 'typed', 'web')!.spec.replicas, 0);
});

test('RBAC: kubectl create (cluster)role/(cluster)rolebinding, and auth can-i --as answers from the bindings', async t => {
	const ns = namespace('rbac');
	const as = ['--as=system:serviceaccount:' + ns + ':reader'];
	t.is((await kubectl('create', 'clusterrolebinding', 'reader-view', '--clusterrole=viewer', `--serviceaccount=${ns}:reader`)).exitCode, 0);
	// The binding names a ClusterRole that does not exist yet: it grants nothing.
	const before = await kubectl('auth', 'can-i', 'list', 'pods', ...as, '-n', ns);
	t.is(before.stdout, 'no');
	t.is(before.exitCode, 1);
	const role = await kubectl('create', 'clusterrole', 'viewer', '--verb=get,list', '--resource=pods,ingresses.networking.k8s.io');
	t.is(role.exitCode, 0, role.stderr);
	t.deepEqual(sim.store.get(resourceFor('ClusterRole'), undefined, 'viewer')!.rules, [
		{apiGroups: [''], resources: ['pods'], verbs: ['get', 'list']},
		{apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list']},
	]);
	t.is((await kubectl('auth', 'can-i', 'list', 'ingresses.networking.k8s.io', ...as, '-A')).stdout, 'yes');
	t.is((await kubectl('auth', 'can-i', 'delete', 'pods', ...as, '-n', ns)).stdout, 'no');
	// A Role binds in its own namespace only.
	t.is((await kubectl('create', 'role', 'deleter', '--verb=delete', '--resource=pods', '-n', ns)).exitCode, 0);
	t.is((await kubectl('create', 'rolebinding', 'deleter', '--role=deleter', '--user=alice', '-n', ns)).exitCode, 0);
	t.is((await kubectl('auth', 'can-i', 'delete', 'pods', '--as=alice', '-n', ns)).stdout, 'yes');
	t.is((await kubectl('auth', 'can-i', 'delete', 'pods', '--as=alice', '-n', 'default')).stdout, 'no');
	t.regex((await kubectl('get', 'rolebindings', '-n', ns, '-o', 'wide')).stdout, /^deleter\s+Role\/deleter\s+\S+\s+alice\s*$/m);
	// The simulated admin itself may do everything.
	t.is((await kubectl('auth', 'can-i', 'delete', 'nodes')).stdout, 'yes');
});

test('dry-run=server writes nothing', async t => {
	const ns = namespace('dry');
	const before = sim.store.create(deployments, deployment('web', ns)).metadata.resourceVersion;
	t.is((await kubectl('scale', 'deployment', 'web', '--replicas=9', '-n', ns, '--dry-run=server')).exitCode, 0);
	t.is((await kubectl('delete', 'deployment', 'web', '-n', ns, '--dry-run=server')).exitCode, 0);
	t.is((await kubectl('create', 'configmap', 'c', '-n', ns, '--from-literal=a=b', '--dry-run=server')).exitCode, 0);
	t.is(sim.store.get(deployments, ns, 'web')!.metadata.resourceVersion, before);
	t.is(sim.store.get(resourceFor('ConfigMap'), ns, 'c'), undefined);
});
