import test from 'ava';
import * as client from '../fixtures/client-errors.js';
import {findings} from './library.js';

// What users paste into `kconsole match --text`: each is recognised, and its one-line summary
// reads as a sentence (a placeholder the text cannot fill never shows as {{name}}).
const texts: Record<string, {text: string; expected: string}> = {
	'get pods, crash loop': {text: 'NAME                                  READY   STATUS             RESTARTS      AGE\ncifar10-deployment-6d9f7c8b5-7xk2p    0/1     CrashLoopBackOff   5 (40s ago)   4m', expected: 'crashloop/status-only'},
	'get pods, pull back-off': {text: 'NAME                       READY   STATUS             RESTARTS   AGE\nweb-6d9f7c8b5-7xk2p        0/1     ImagePullBackOff   0          3m', expected: 'image-pull/status-only'},
	'describe, failed pull': {text: '  Warning  Failed     2m (x4 over 3m)    kubelet            Failed to pull image "cifar-api:wrong-v1": failed to resolve reference "docker.io/library/cifar-api:wrong-v1": docker.io/library/cifar-api:wrong-v1: not found', expected: 'image-pull/tag-not-found'},
	'describe, proxy refused': {text: '  Warning  Failed  1m  kubelet  Failed to pull image "nginx:1.27": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/1.27": proxyconnect tcp: dial tcp 192.168.49.1:7897: connect: connection refused', expected: 'proxy/tunnel-down'},
	'curl through a proxy': {text: 'curl: (56) Received HTTP code 407 from proxy after CONNECT', expected: 'proxy/proxy-auth'},
	'curl, proxy gateway': {text: 'curl: (56) Received HTTP code 502 from proxy after CONNECT', expected: 'proxy/proxy-gateway'},
	'app log, DNS down': {text: 'dial tcp: lookup orders-db on 10.96.0.10:53: read udp 10.244.0.5:41234->10.96.0.10:53: i/o timeout', expected: 'dns/resolver-unreachable'},
	'app log, unknown host': {text: 'java.net.UnknownHostException: orders-db', expected: 'dns/name-not-found'},
	'CoreDNS log': {text: '[FATAL] plugin/loop: Loop (127.0.0.1:44134 -> :53) detected for zone "."', expected: 'dns/coredns-loop'},
	'get namespaces': {text: 'NAME                STATUS        AGE\nshortener-staging   Terminating   14m', expected: 'namespace-terminating/-'},
	'curl to a NodePort': {text: 'curl: (28) Failed to connect to 49.232.237.136 port 31611 after 129394 ms: Connection timed out', expected: 'service-endpoints/nodeport-blocked'},
	'Traefik log': {text: 'E0501 12:07:03.123456 1 reflector.go:147] ingresses.networking.k8s.io is forbidden: User "system:serviceaccount:kube-system:traefik" cannot list resource "ingresses" in API group "networking.k8s.io" at the cluster scope', expected: 'ingress/controller-rbac'},
	'port-forward': {text: client.portForwardInUse, expected: 'port-forward/address-in-use'},
	'no kubeconfig': {text: client.noKubeconfig, expected: 'kubeconfig/no-kubeconfig'},
	'unreadable kubeconfig': {text: client.unreadableKubeconfig, expected: 'kubeconfig/permission-denied'},
	'server down': {text: client.serverDownDiscovery, expected: 'kubeconfig/server-down'},
};

for (const [name, {text, expected}] of Object.entries(texts)) {
	test(`pasted text: ${name}`, t => {
		const [first] = findings({texts: {[name]: text}});
		t.is(first && `${first.playbook}/${first.variant ?? '-'}`, expected);
		t.false(first.summary.includes('{{'), first.summary);
	});
}
