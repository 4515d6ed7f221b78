import test from 'ava';
import {matchAll} from '../../../source/core/match/matcher.js';
import type {ContainerLog, Finding} from '../../../source/core/match/types.js';
import type {KubeObject} from '../../../source/core/objects/types.js';
import {at, endpoints, healthyNodeConditions, healthyPod, ingress, ingressClass, namespace, node, now, pod, running, service, terminated, waiting, event} from './fixtures/kube.js';
import {library} from './fixtures/playbooks.js';
import {corednsBind, oomKilled, proxyRefused, recovered, resolverFailure, tagNotFound, wrongCommand} from './fixtures/scenarios.js';

type Input = {objects: KubeObject[]; logs?: ContainerLog[]; texts?: Record<string, string>};

function run(input: Input): Finding[] {
	return matchAll(input, library, {now: () => now});
}

/** playbook/variant on kind/name, in the order reported. */
function outline(findings: Finding[]): string[] {
	return findings.map(finding => `${finding.playbook}/${finding.variant ?? '-'} ${finding.kind}/${finding.name}`);
}

const tag = tagNotFound();
const proxied = proxyRefused();
const crashing = wrongCommand();
const oom = oomKilled();
const coredns = corednsBind();
const orders = resolverFailure();

const cases: Array<{name: string; input: Input; expected: string[]}> = [
	{name: 'a healthy pod, its normal events and a healthy node match nothing', input: {objects: [healthyPod(), node('minikube', healthyNodeConditions), namespace('shop', 'Active')]}, expected: []},
	{name: 'a recovered pod whose last state was OOMKilled matches nothing', input: {objects: [recovered()]}, expected: []},
	{
		name: 'ImagePullBackOff with a "not found" Failed event is image-pull/tag-not-found',
		input: {objects: [tag.pod, ...tag.events]},
		expected: ['image-pull/tag-not-found Pod/web-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'ErrImagePull alone (no events) picks the variant from the waiting message',
		input: {objects: [tagNotFound('web', 'nginx:1.99', 'ErrImagePull').pod]},
		expected: ['image-pull/tag-not-found Pod/web-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'ImagePullBackOff without events has no variant',
		input: {objects: [tag.pod]},
		expected: ['image-pull/- Pod/web-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'a proxy refusal is reported as proxy before the generic image-pull',
		input: {objects: [proxied.pod, ...proxied.events]},
		expected: ['proxy/- Pod/api-7d4b9c8f6d-x2x9q', 'image-pull/- Pod/api-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'a registry that times out is image-pull/registry-unreachable',
		input: {
			objects: [
				tag.pod,
				event({
					about: tag.pod,
					reason: 'Failed',
					message:
						'Failed to pull image "nginx:1.99": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/1.99": dial tcp 54.236.113.205:443: i/o timeout',
				}),
			],
		},
		expected: ['image-pull/registry-unreachable Pod/web-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'an uppercase repository is image-pull/invalid-name',
		input: {
			objects: [
				pod({
					deployment: 'ml-api',
					containers: [
						{
							name: 'api',
							image: 'ghcr.io/Acme/ml-api:latest',
							state: waiting('InvalidImageName', 'Failed to apply default image tag "ghcr.io/Acme/ml-api:latest": couldn\'t parse image reference "ghcr.io/Acme/ml-api:latest": invalid reference format: repository name must be lowercase'),
						},
					],
				}),
			],
		},
		expected: ['image-pull/invalid-name Pod/ml-api-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'CrashLoopBackOff with "can\'t open file" in the previous logs is crash-loop/wrong-command',
		input: {
			objects: [crashing.pod, ...crashing.events],
			logs: [{namespace: 'shop', pod: crashing.pod.metadata.name, container: 'app', lines: [], previous: ["python: can't open file '/app/main.py': [Errno 2] No such file or directory"]}],
		},
		expected: ['crash-loop/wrong-command Pod/worker-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'CrashLoopBackOff without logs falls back to the exit-code variant',
		input: {objects: [crashing.pod]},
		expected: ['crash-loop/exit-code Pod/worker-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'OOMKilled in the last state: oom-killed (priority 30) before crash-loop (60)',
		input: {objects: [oom.pod]},
		expected: ['oom-killed/- Pod/model-7d4b9c8f6d-x2x9q', 'crash-loop/- Pod/model-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'a pod crash-looping because it cannot resolve a service reports dns first',
		input: {
			objects: [orders.pod],
			logs: [{namespace: 'shop', pod: orders.pod.metadata.name, container: 'app', lines: ['2024/05/01 12:04:11 connecting to orders-db:5432', '2024/05/01 12:04:11 fatal: dial tcp: lookup orders-db on 10.96.0.10:53: no such host']}],
		},
		expected: ['dns/resolver-failure Pod/orders-7d4b9c8f6d-x2x9q', 'crash-loop/exit-code Pod/orders-7d4b9c8f6d-x2x9q'],
	},
	{
		name: 'CoreDNS down is reported before the resolver failures it explains',
		input: {
			objects: [orders.pod, coredns.pod],
			logs: [
				{namespace: 'shop', pod: orders.pod.metadata.name, container: 'app', lines: ['fatal: dial tcp: lookup orders-db on 10.96.0.10:53: i/o timeout']},
				{namespace: 'kube-system', pod: 'coredns-5dd5756b68-8kz4t', container: 'coredns', lines: [], previous: ['Listen: listen tcp :53: bind: permission denied']},
			],
		},
		expected: [
			'dns/coredns Pod/coredns-5dd5756b68-8kz4t',
			'dns/resolver-failure Pod/orders-7d4b9c8f6d-x2x9q',
			'crash-loop/exit-code Pod/coredns-5dd5756b68-8kz4t',
			'crash-loop/exit-code Pod/orders-7d4b9c8f6d-x2x9q',
		],
	},
	{
		name: 'a pending pod still creating its container matches nothing',
		input: {
			objects: [
				pod({deployment: 'trainer', phase: 'Pending', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]}),
			],
		},
		expected: [],
	},
	{name: 'a node whose kubelet stopped posting status', input: {objects: [node('worker-2', {...healthyNodeConditions, Ready: {status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.'}})]}, expected: ['node-not-ready/- Node/worker-2']},
	{name: 'a namespace stuck Terminating', input: {objects: [namespace('old-shop', 'Terminating'), namespace('shop', 'Active')]}, expected: ['namespace-terminating/- Namespace/old-shop']},
	{
		name: 'a service selecting pods that are not ready',
		input: {objects: [service('web', {app: 'web'}), endpoints('web', [], ['10.244.0.17']), service('db', {app: 'db'}), endpoints('db', ['10.244.0.9'])]},
		expected: ['service-no-endpoints/- Service/web'],
	},
	{name: 'a service without selector (managed endpoints) or of type ExternalName is fine', input: {objects: [service('external', undefined), service('alias', {app: 'x'}, 'shop', 'ExternalName'), endpoints('web', ['10.244.0.17'])]}, expected: []},
	{
		name: 'an ingress asking for nginx on a traefik cluster; the annotation counts too',
		input: {objects: [ingressClass('traefik', 'traefik.io/ingress-controller'), ingress('shop', {field: 'nginx'}), ingress('legacy', {annotation: 'nginx'}), ingress('ok', {field: 'traefik'}), ingress('default', {})]},
		expected: ['ingress-class-missing/- Ingress/legacy', 'ingress-class-missing/- Ingress/shop'],
	},
	{name: 'kinds no rule reads are ignored', input: {objects: [{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {a: 'b'}}]}, expected: []},
	{
		name: 'pasted port-forward output is a text subject',
		input: {
			objects: [],
			texts: {
				'kubectl port-forward': 'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]',
			},
		},
		expected: ['port-in-use/- Text/kubectl port-forward'],
	},
	{
		name: 'log rules also read text: a CI job log that names a missing DNS entry',
		input: {objects: [], texts: {'ci job 4411': 'npm ERR! code ENOTFOUND\nnpm ERR! network request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org'}},
		expected: ['dns/resolver-failure Text/ci job 4411'],
	},
];

for (const {name, input, expected} of cases) {
	test(`matches: ${name}`, t => {
		t.deepEqual(outline(run(input)), expected);
	});
}

test('the FailedScheduling event fires the event-only playbook for the pod it is about', t => {
	const pending = pod({deployment: 'trainer', phase: 'Pending', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]});
	const scheduling = event({
		about: pending,
		reason: 'FailedScheduling',
		component: 'default-scheduler',
		message: '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
	});
	const [finding] = run({objects: [pending, scheduling]});
	t.like(finding, {playbook: 'unschedulable', severity: 'warning', kind: 'Pod', name: pending.metadata.name, container: null, summary: `${pending.metadata.name} cannot be scheduled`});
	t.like(finding.captures, {available: '0', nodes: '1', pod: pending.metadata.name, deployment: 'trainer'});
});

test('a finding is the DESIGN.md JSON: evidence, captures and summary of image-pull/tag-not-found', t => {
	const [finding] = run({objects: [tag.pod, ...tag.events]});
	t.deepEqual(finding, {
		playbook: 'image-pull',
		variant: 'tag-not-found',
		severity: 'error',
		namespace: 'shop',
		kind: 'Pod',
		name: 'web-7d4b9c8f6d-x2x9q',
		container: 'app',
		summary: 'nginx:1.99 does not exist in the registry',
		evidence: [
			'container app waiting: ImagePullBackOff: Back-off pulling image "nginx:1.99"',
			'Failed: Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
		],
		captures: {kind: 'Pod', name: 'web-7d4b9c8f6d-x2x9q', namespace: 'shop', pod: 'web-7d4b9c8f6d-x2x9q', node: 'minikube', deployment: 'web', container: 'app', image: 'nginx:1.99'},
	});
});

test('the proxy finding captures the proxy address from the event and fills its summary', t => {
	const [first] = run({objects: [proxied.pod, ...proxied.events]});
	t.is(first.summary, 'image pulls go through 192.168.49.1:7890, which refuses connections');
	t.is(first.captures.proxy, '192.168.49.1:7890');
	t.is(first.container, 'app', 'the container comes from the event fieldPath');
	t.is(first.captures.image, 'nginx:1.25');
});

const evidenceCases: Array<{name: string; input: Input; playbook: string; evidence: string[]}> = [
	{name: 'last termination of an OOMKilled container, once for both rules that fired', input: {objects: [oom.pod]}, playbook: 'oom-killed', evidence: ['container server terminated: OOMKilled (exit 137)', 'container server restarted 3 times']},
	{
		name: 'waiting reason with the kubelet message, and the BackOff event',
		input: {objects: [crashing.pod, ...crashing.events]},
		playbook: 'crash-loop',
		evidence: [
			'container app waiting: CrashLoopBackOff: back-off 1m20s restarting failed container=app pod=worker-7d4b9c8f6d-x2x9q_shop(6f1c2b7e-0001)',
			`BackOff: Back-off restarting failed container app in pod ${crashing.pod.metadata.name}_shop(${crashing.pod.metadata.uid})`,
			'container app terminated: Error (exit 2)',
		],
	},
	{
		name: 'a log line verbatim',
		input: {
			objects: [healthyPod({deployment: 'traefik', namespace: 'kube-system', name: 'traefik-f4564c4f4-7kq2p'})],
			logs: [{namespace: 'kube-system', pod: 'traefik-f4564c4f4-7kq2p', container: 'app', lines: ['time="2024-05-01T12:03:00Z" level=error msg="k8s.io/client-go/informers/factory.go:150: Failed to watch *v1.Service: failed to list *v1.Service: services is forbidden: User \\"system:serviceaccount:kube-system:traefik\\" cannot list resource \\"services\\" in API group \\"\\" at the cluster scope"']}],
		},
		playbook: 'rbac-forbidden',
		evidence: ['time="2024-05-01T12:03:00Z" level=error msg="k8s.io/client-go/informers/factory.go:150: Failed to watch *v1.Service: failed to list *v1.Service: services is forbidden: User \\"system:serviceaccount:kube-system:traefik\\" cannot list resource \\"services\\" in API group \\"\\" at the cluster scope"'],
	},
	{name: 'an object field', input: {objects: [namespace('old-shop', 'Terminating')]}, playbook: 'namespace-terminating', evidence: ['status.phase=Terminating']},
	{
		name: 'a node condition with its reason and message',
		input: {objects: [node('worker-1', {...healthyNodeConditions, Ready: {status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'}})]},
		playbook: 'node-not-ready',
		evidence: ['node worker-1 Ready=False: KubeletNotReady: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'],
	},
	{name: 'service without endpoints as a sentence', input: {objects: [service('web', {app: 'web', tier: 'front'}), endpoints('web', [])]}, playbook: 'service-no-endpoints', evidence: ['service web selects app=web,tier=front but has no ready endpoints']},
	{
		name: 'missing ingress class as a sentence naming the classes that exist',
		input: {objects: [ingressClass('traefik', 'traefik.io/ingress-controller'), ingress('shop', {field: 'nginx'})]},
		playbook: 'ingress-class-missing',
		evidence: ['ingress shop asks for ingressClassName nginx but no IngressClass nginx exists (existing: traefik)'],
	},
];

for (const {name, input, playbook, evidence} of evidenceCases) {
	test(`evidence: ${name}`, t => {
		t.deepEqual(run(input).find(finding => finding.playbook === playbook)?.evidence, evidence);
	});
}

test('evidence is deduplicated and capped at five lines, keeping one of the variant', t => {
	const subject = tag.pod;
	const failures = Array.from({length: 8}, (_, index) =>
		event({about: subject, reason: 'Failed', message: `Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = docker.io/library/nginx:1.99: not found (attempt ${index})`, last: at(5)}),
	);
	const [finding] = run({objects: [subject, ...failures, ...failures]});
	t.true(finding.evidence.length <= 5);
	t.is(new Set(finding.evidence).size, finding.evidence.length);
});

test('captures: named groups of the playbook rule, then of the variant rule (later wins), over built-ins', t => {
	const findings = run({objects: [crashing.pod, ...crashing.events], logs: [{namespace: 'shop', pod: crashing.pod.metadata.name, container: 'app', lines: ["python: can't open file '/app/main.py': [Errno 2] No such file or directory"]}]});
	const finding = findings.find(candidate => candidate.playbook === 'crash-loop')!;
	t.is(finding.captures.file, '/app/main.py');
	t.is(finding.captures.container, 'app');
	t.is(finding.summary, "app cannot open /app/main.py");
});

test('captures: image is the spec image of the matched container, not the status one', t => {
	const subject = pod({containers: [{name: 'sidecar', image: 'envoyproxy/envoy:v1.30.1', state: running(), ready: true}, {name: 'app', image: 'nginx:1.99', state: waiting('ErrImagePull', 'rpc error: code = NotFound desc = docker.io/library/nginx:1.99: not found')}]});
	const [finding] = run({objects: [subject]});
	t.like(finding, {container: 'app', captures: {container: 'app', image: 'nginx:1.99'}});
});

test('an init container counts like any container', t => {
	const subject = pod({
		deployment: 'migrate',
		phase: 'Pending',
		initContainers: [{name: 'wait-for-db', image: 'busybox:1.36', state: waiting('CrashLoopBackOff', 'back-off 10s restarting failed container=wait-for-db'), lastState: terminated('Error', 1), restartCount: 1}],
		containers: [{name: 'app', image: 'ghcr.io/acme/migrate:1', state: waiting('PodInitializing')}],
	});
	t.deepEqual(outline(run({objects: [subject]})), ['crash-loop/exit-code Pod/migrate-7d4b9c8f6d-x2x9q']);
	t.is(run({objects: [subject]})[0].container, 'wait-for-db');
});
