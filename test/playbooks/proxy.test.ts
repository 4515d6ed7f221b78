import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {healthyPod} from '../core/match/fixtures/kube.js';
import {pullErrors, pullFailure, qualified, type PullError} from '../fixtures/pull-failures.js';
import {findingOf, findings, outline, planRun} from './library.js';

const unknown = (text: string): PullError => ({code: 'Unknown', text});
const image = 'registry.k8s.io/ingress-nginx/controller:v1.11.2';
const head = `failed to pull and unpack image "${qualified(image)}": failed to resolve reference "${qualified(image)}": failed to do request: Head "https://registry.k8s.io/v2/ingress-nginx/controller/manifests/v1.11.2"`;

function objects(error: PullError, options: {kubelet?: 'legacy' | 'current'} = {}): KubeObject[] {
	const failure = pullFailure({image, error, deployment: 'ingress-nginx-controller', namespace: 'ingress-nginx', container: 'controller', kubelet: options.kubelet});
	return [failure.pod, ...failure.events];
}

type Case = {name: string; objects: KubeObject[]; variant: string | null; captures?: Record<string, string>};

const cases: Case[] = [
	{name: 'seed 001, containerd: the SSH tunnel carrying the proxy is closed', objects: objects(pullErrors.proxyRefused(image)), variant: 'tunnel-down', captures: {proxyAddress: '192.168.49.1:7897', proxyHost: '192.168.49.1', proxyPort: '7897'}},
	{name: 'seed 001, Docker in minikube: the tunnel is closed', objects: objects(unknown('Error response from daemon: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 192.168.49.1:7897: connect: connection refused')), variant: 'tunnel-down', captures: {proxyPort: '7897'}},
	{name: 'CRI-O: the tunnel is closed', objects: objects(unknown(`initializing source docker://${image}: pinging container registry registry.k8s.io: Get "https://registry.k8s.io/v2/": proxyconnect tcp: dial tcp 192.168.49.1:7897: connect: connection refused`), {kubelet: 'current'}), variant: 'tunnel-down'},
	{name: 'the proxy address is unreachable from the node', objects: objects(unknown(`${head}: proxyconnect tcp: dial tcp 127.0.0.1:7890: i/o timeout`)), variant: 'proxy-unreachable', captures: {proxyAddress: '127.0.0.1:7890'}},
	{name: 'the proxy asks for credentials (407)', objects: objects(unknown(`${head}: Proxy Authentication Required`)), variant: 'proxy-auth'},
	{name: 'the proxy cannot reach the registry (502)', objects: objects(unknown(`${head}: Bad Gateway`)), variant: 'proxy-gateway', captures: {proxyStatus: 'Bad Gateway'}},
	{
		name: 'a local registry reached through the proxy (NO_PROXY missing)',
		objects: (() => {
			const local = '192.168.49.2:5000/shop/api:1.0';
			const failure = pullFailure({
				image: local,
				deployment: 'api',
				error: unknown(`failed to pull and unpack image "${local}": failed to resolve reference "${local}": failed to do request: Head "https://192.168.49.2:5000/v2/shop/api/manifests/1.0": Bad Gateway`),
			});
			return [failure.pod, ...failure.events];
		})(),
		variant: 'no-proxy-missing',
		captures: {target: '192.168.49.2'},
	},
];

for (const {name, objects: input, variant, captures} of cases) {
	test(`proxy recognises ${name}`, t => {
		const reported = findings({objects: input});
		const found = reported.find(finding => finding.playbook === 'proxy');
		t.truthy(found, `findings: ${outline(reported).join(', ')}`);
		t.is(found!.variant, variant);
		if (captures) t.like(found!.captures, captures);
	});
}

test('the proxy finding comes before the image-pull finding it causes', t => {
	const [first, second] = findings({objects: cases[0].objects});
	t.deepEqual([first.playbook, first.variant, second.playbook, second.variant], ['proxy', 'tunnel-down', 'image-pull', 'through-proxy']);
	t.is(first.summary, 'image pulls go through the proxy at 192.168.49.1:7897, which refuses connections (tunnel down?)');
});

const negatives: Array<{name: string; objects: KubeObject[]}> = [
	{name: 'a healthy pod', objects: [healthyPod()]},
	{name: 'a registry timeout without a proxy', objects: objects(pullErrors.unreachable.containerd(image))},
	{name: 'a registry whose own load balancer answers 502', objects: objects(unknown(`failed to pull and unpack image "${qualified(image)}": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry.k8s.io/v2/ingress-nginx/controller/blobs/sha256:6d2a...: 502 Bad Gateway`))},
	{name: 'a tag that does not exist', objects: objects(pullErrors.tagNotFound.containerd(image))},
];

for (const {name, objects: input} of negatives) {
	test(`proxy stays quiet for ${name}`, t => {
		t.deepEqual(outline(findings({objects: input})).filter(line => line.startsWith('proxy/')), []);
	});
}

test('proxy recognises a pasted docker pull and curl -x output', t => {
	const texts = {
		'docker pull': 'Error response from daemon: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 192.168.49.1:7897: connect: connection refused',
		'curl -x': 'curl: (56) Received HTTP code 407 from proxy after CONNECT',
	};
	t.deepEqual(outline(findings({texts})).filter(line => line.startsWith('proxy/')), ['proxy/tunnel-down Text/docker pull', 'proxy/proxy-auth Text/curl -x']);
});

test('the tunnel-down run probes the proxy, checks the tunnel, leaves reopening it to the user, then waits for the pull', t => {
	const finding = findingOf('proxy', {objects: cases[0].objects});
	const planned = planRun(finding);
	t.deepEqual(planned.map(step => step.command.split('\n')[0]), [
		`kubectl describe pod ${finding.name} -n ingress-nginx`,
		'probe tcp 192.168.49.1:7897',
		'/bin/sh -c \'ss -tlnp | grep ":${KCONSOLE_proxyPort} "\'',
		'On the machine that runs the proxy (for example Windows, in PowerShell), open the reverse',
		'probe tcp 192.168.49.1:7897',
		`wait pulled pod/${finding.name}`,
		'wait resolved',
	]);
	t.true(planned[3].command.includes('ssh -R 0.0.0.0:7897:127.0.0.1:7897 root@VM_ADDRESS'));
	t.true(planned[3].command.includes('GatewayPorts yes'));
});

test('every proxy variant builds its steps from a real finding', t => {
	for (const {objects: input, variant} of cases) {
		const planned = planRun(findingOf('proxy', {objects: input}));
		t.deepEqual(planned.filter(step => step.error), [], `variant ${variant ?? '-'}`);
		t.is(planned.at(-1)?.command, 'wait resolved', `variant ${variant ?? '-'}`);
	}
});
