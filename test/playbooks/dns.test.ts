import test from 'ava';
import {at, healthyPod, pod, running, waiting} from '../core/match/fixtures/kube.js';
import {crash, type Crash} from '../fixtures/crash-failures.js';
import {findingOf, findings, type Input, outline, planRun} from './library.js';

const input = (...crashes: Crash[]): Input => ({objects: crashes.map(each => each.pod), logs: crashes.flatMap(each => each.logs)});

function coredns(options: {previous?: string[]; state?: ReturnType<typeof waiting>; restartCount?: number} = {}): Crash {
	return crash({
		deployment: 'coredns',
		namespace: 'kube-system',
		container: 'coredns',
		image: 'registry.k8s.io/coredns/coredns:v1.11.3',
		last: options.state ? undefined : {reason: 'Error', exitCode: 1},
		state: options.state,
		restartCount: options.restartCount,
		previous: options.previous,
	});
}

function app(previous: string[], deployment = 'saas-shortener'): Crash {
	return crash({deployment, namespace: 'saas-shortener', image: 'saas-shortener:v1.2.0', last: {reason: 'Error', exitCode: 1}, previous});
}

const seedLookup =
	'2024/05/01 12:07:03 failed to connect to `host=postgres-service user=postgres database=saas_shortener`: hostname resolving error (lookup postgres-service on 10.96.0.10:53: read udp 10.244.0.12:48321->10.96.0.10:53: read: connection refused)';

type Case = {name: string; input: Input; variant: string | null; captures?: Record<string, string>};

const cases: Case[] = [
	{name: 'seed 001: CoreDNS may not bind :53', input: input(coredns({previous: ['Listen: listen tcp :53: bind: permission denied']})), variant: 'coredns-permission', captures: {port: '53', deployment: 'coredns', namespace: 'kube-system'}},
	{
		name: 'CoreDNS stops on a forwarding loop',
		input: input(coredns({previous: ['[FATAL] plugin/loop: Loop (127.0.0.1:44134 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 4547991504243258144.3688648895315093531."']})),
		variant: 'coredns-loop',
		captures: {loopAddress: '127.0.0.1:44134'},
	},
	{
		name: 'CoreDNS between two crashes (running, not ready, last state Error)',
		input: input(crash({deployment: 'coredns', namespace: 'kube-system', container: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', state: running(at(9.9)), restartCount: 4, last: {reason: 'Error', exitCode: 1}, previous: ['Listen: listen tcp :53: bind: permission denied']})),
		variant: 'coredns-permission',
	},
	{
		name: 'the app between two crashes',
		input: input(crash({deployment: 'saas-shortener', namespace: 'saas-shortener', image: 'saas-shortener:v1.2.0', state: running(at(9.9)), restartCount: 3, last: {reason: 'Error', exitCode: 1}, previous: [seedLookup]})),
		variant: 'resolver-unreachable',
	},
	{name: 'CoreDNS crashes on a Corefile error', input: input(coredns({previous: ['plugin/forward: not an IP address or file: "8.8.8.8:53:53"']})), variant: 'coredns-down'},
	{
		name: 'CoreDNS refused by runAsNonRoot (CreateContainerConfigError)',
		input: input(coredns({restartCount: 0, state: waiting('CreateContainerConfigError', 'container has runAsNonRoot and image will run as root (pod: "coredns-7d4b9c8f6d-x2x9q_kube-system(6f1c2b7e)", container: coredns)')})),
		variant: 'coredns-down',
	},
	{name: 'seed 001: the app cannot reach cluster DNS (pgx)', input: input(app([seedLookup])), variant: 'resolver-unreachable', captures: {host: 'postgres-service', dnsServer: '10.96.0.10'}},
	{name: 'Go: the lookup times out', input: input(app(['panic: dial tcp: lookup orders-db on 10.96.0.10:53: read udp 10.244.0.5:41234->10.96.0.10:53: i/o timeout'])), variant: 'resolver-unreachable', captures: {host: 'orders-db'}},
	{name: 'node: EAI_AGAIN', input: input(app(['Error: getaddrinfo EAI_AGAIN redis'])), variant: 'resolver-unreachable', captures: {host: 'redis'}},
	{name: 'python: temporary failure in name resolution', input: input(app(['socket.gaierror: [Errno -3] Temporary failure in name resolution'])), variant: 'resolver-unreachable'},
	{name: 'Go: no such host', input: input(app(['2024/05/01 12:07:03 dial tcp: lookup orders-db on 10.96.0.10:53: no such host'])), variant: 'name-not-found', captures: {host: 'orders-db'}},
	{name: 'node: ENOTFOUND', input: input(app(['Error: getaddrinfo ENOTFOUND orders-db'])), variant: 'name-not-found', captures: {host: 'orders-db'}},
	{name: 'psql: could not translate host name', input: input(app(['psql: error: could not translate host name "postgres" to address: Name or service not known'])), variant: 'name-not-found', captures: {host: 'postgres'}},
	{name: 'java: UnknownHostException', input: input(app(['Caused by: java.net.UnknownHostException: orders-db'])), variant: 'name-not-found', captures: {host: 'orders-db'}},
	{name: 'a CI job log pasted as text', input: {texts: {'ci job 4411': 'npm ERR! code ENOTFOUND\nnpm ERR! network request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org'}}, variant: 'name-not-found', captures: {host: 'registry.npmjs.org'}},
	{name: 'CoreDNS logs pasted as text', input: {texts: {'kubectl logs -l k8s-app=kube-dns': 'Listen: listen tcp :53: bind: permission denied'}}, variant: 'coredns-permission'},
];

for (const {name, input: given, variant, captures} of cases) {
	test(`dns recognises ${name}`, t => {
		const reported = findings(given);
		const found = reported.find(finding => finding.playbook === 'dns');
		t.truthy(found, `findings: ${outline(reported).join(', ')}`);
		t.is(found!.variant, variant);
		if (captures) t.like(found!.captures, captures);
	});
}

const negatives: Array<{name: string; input: Input}> = [
	{name: 'a healthy CoreDNS pod', input: {objects: [healthyPod({deployment: 'coredns', namespace: 'kube-system', containers: [{name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', state: running()}]})]}},
	(() => {
		// Ready and serving: one resolver error in its current log is not a DNS outage.
		const ready = healthyPod({deployment: 'orders', containers: [{name: 'app', image: 'ghcr.io/acme/orders:3.2', state: running()}]});
		return {name: 'a Ready pod that once logged a failed lookup', input: {objects: [ready], logs: [{namespace: 'shop', pod: ready.metadata.name, container: 'app', lines: ['warn: dial tcp: lookup metrics-collector on 10.96.0.10:53: no such host; metrics disabled']}]}};
	})(),
	{name: 'a CoreDNS pod still being created', input: {objects: [pod({deployment: 'coredns', namespace: 'kube-system', containers: [{name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', state: waiting('ContainerCreating')}]})]}},
	{name: 'an app crash-looping for another reason', input: input(app(['panic: runtime error: invalid memory address or nil pointer dereference']))},
	{name: 'a CoreDNS pod that restarted once and is Ready now', input: {objects: [pod({deployment: 'coredns', namespace: 'kube-system', phase: 'Running', readySince: at(6), containers: [{name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', state: running(at(6)), restartCount: 1}]})]}},
];

for (const {name, input: given} of negatives) {
	test(`dns stays quiet for ${name}`, t => {
		t.deepEqual(outline(findings(given)).filter(line => line.startsWith('dns/')), []);
	});
}

test('seed 001: CoreDNS down is reported first, then the app it breaks, then the crash loops', t => {
	const dns = coredns({previous: ['Listen: listen tcp :53: bind: permission denied']});
	const shortener = app([seedLookup]);
	t.deepEqual(outline(findings(input(shortener, dns))), [
		`dns/coredns-permission Pod/${dns.pod.metadata.name}`,
		`dns/resolver-unreachable Pod/${shortener.pod.metadata.name}`,
		`crashloop/dns Pod/${shortener.pod.metadata.name}`,
		`crashloop/exit-error Pod/${dns.pod.metadata.name}`,
	]);
});

test('the coredns-permission run applies the seed\'s JSON patch to the CoreDNS deployment and waits for it', t => {
	const finding = findingOf('dns', input(coredns({previous: ['Listen: listen tcp :53: bind: permission denied']})));
	t.is(finding.summary, 'CoreDNS cannot start: it may not bind port 53 (permission denied)');
	const planned = planRun(finding);
	t.deepEqual(planned.filter(step => step.error), []);
	const patch = planned.find(step => step.command.includes('--type=json'))!;
	t.true(patch.command.startsWith('kubectl -n kube-system patch deployment coredns --type=json'), patch.command);
	for (const field of ['allowPrivilegeEscalation', 'capabilities/drop', 'runAsUser', 'runAsNonRoot']) t.true(patch.command.includes(`/spec/template/spec/containers/0/securityContext/${field}`), field);
	t.deepEqual(planned.slice(-3).map(step => step.command), ['wait rollout deployment/coredns', 'kubectl get endpoints kube-dns -n kube-system', 'wait resolved']);
});

test('the resolver-unreachable run checks CoreDNS, then restarts the app and waits for it', t => {
	const finding = findingOf('dns', input(app([seedLookup])));
	t.is(finding.summary, 'lookups of postgres-service fail: cluster DNS does not answer');
	const service = 'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\nkube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   3d\n';
	t.deepEqual(planRun(finding, {outputs: {2: service}}).map(step => step.command), [
		'kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide',
		'kubectl get endpoints kube-dns -n kube-system',
		'kubectl get service kube-dns -n kube-system',
		'probe dns kubernetes.default.svc.cluster.local server=10.96.0.10',
		'If CoreDNS is not running, follow its `dns` finding, then mark this step done. If it runs\nand has endpoints, look for a NetworkPolicy that blocks port 53 from this namespace.',
		'kubectl rollout restart deployment/saas-shortener -n saas-shortener',
		'wait rollout deployment/saas-shortener',
		'wait resolved',
	]);
});

test('every dns variant builds its steps from a real finding', t => {
	const seen = new Set<string | null>();
	for (const {input: given, variant} of cases) {
		if (seen.has(variant) || given.texts) continue;
		seen.add(variant);
		const planned = planRun(findingOf('dns', given));
		t.deepEqual(planned.filter(step => step.error), [], `variant ${variant ?? '-'}`);
		t.is(planned.at(-1)?.command, 'wait resolved', `variant ${variant ?? '-'}`);
	}
});
