import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../../core/objects/types.js';
import {klogPrefix} from '../registry/programs/program.js';
import type {Registry} from '../registry/registry.js';
import type {LogStore} from '../store/log-store.js';
import type {ObjectStore} from '../store/object-store.js';
import {resourceFor} from '../store/resources.js';
import type {NodeSpec} from './nodes.js';
import {runningPod} from './running-pod.js';

// The control plane's static pods (mirror pods owned by their node) and kube-proxy on every
// node, already running when the cluster is first seen, as on a kind cluster.

const pods = resourceFor('Pod');

type StaticPod = {name: string; image: string; command: string[]; component: string; lines: (now: number) => string[]};

const controlPlane: StaticPod[] = [
	{
		name: 'etcd',
		image: 'registry.k8s.io/etcd:3.5.16-0',
		command: ['etcd', '--advertise-client-urls=https://172.18.0.2:2379', '--data-dir=/var/lib/etcd'],
		component: 'etcd',
		lines: now => [
			`{"level":"info","ts":"${new Date(now).toISOString()}","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"172.18.0.2:2379"}`,
			`{"level":"info","ts":"${new Date(now).toISOString()}","caller":"etcdserver/server.go:2078","msg":"published local member to cluster through raft"}`,
		],
	},
	{
		name: 'kube-apiserver',
		image: 'registry.k8s.io/kube-apiserver:v1.32.0',
		command: ['kube-apiserver', '--advertise-address=172.18.0.2', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/16'],
		component: 'kube-apiserver',
		lines: now => [`${klogPrefix('I', now, 'secure_serving.go:213')}Serving securely on [::]:6443`, `${klogPrefix('I', now, 'controller.go:615')}quota admission added evaluator for: deployments.apps`],
	},
	{
		name: 'kube-controller-manager',
		image: 'registry.k8s.io/kube-controller-manager:v1.32.0',
		command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true'],
		component: 'kube-controller-manager',
		lines: now => [`${klogPrefix('I', now, 'leaderelection.go:271')}successfully acquired lease kube-system/kube-controller-manager`, `${klogPrefix('I', now, 'shared_informer.go:320')}Caches are synced for deployment`],
	},
	{
		name: 'kube-scheduler',
		image: 'registry.k8s.io/kube-scheduler:v1.32.0',
		command: ['kube-scheduler', '--leader-elect=true'],
		component: 'kube-scheduler',
		lines: now => [`${klogPrefix('I', now, 'leaderelection.go:271')}successfully acquired lease kube-system/kube-scheduler`],
	},
];

export function installStaticPods(store: ObjectStore, logs: LogStore, registry: Registry, nodes: Array<NodeSpec & {uid: string}>, now: number, iso: string): void {
	const first = nodes.find(node => node.controlPlane) ?? nodes[0];
	const created: Array<{pod: KubeObject; lines: string[]}> = [];
	for (const item of controlPlane) {
		const pod: KubeObject = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name: `${item.name}-${first.name}`,
				namespace: 'kube-system',
				labels: {component: item.component, tier: 'control-plane'},
				annotations: {'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': randomUUID().replace(/-/g, '')},
				ownerReferences: [{apiVersion: 'v1', kind: 'Node', name: first.name, uid: first.uid, controller: true}],
			},
			spec: {hostNetwork: true, priorityClassName: 'system-node-critical', containers: [{name: item.name, image: item.image, command: item.command, resources: {requests: {cpu: '250m'}}}]},
		};
		created.push({pod: runningPod(pod, {node: first.name, hostIP: first.ip, podIP: first.ip, startedAt: iso, registry}), lines: item.lines(now)});
	}
	const daemonSet = randomUUID();
	for (const node of nodes) {
		const pod: KubeObject = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name: `kube-proxy-${suffix(node.name)}`,
				namespace: 'kube-system',
				labels: {'controller-revision-hash': '7bf7c8c9b5', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1'},
				ownerReferences: [{apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: daemonSet, controller: true, blockOwnerDeletion: true}],
			},
			spec: {hostNetwork: true, serviceAccountName: 'kube-proxy', containers: [{name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', `--hostname-override=${node.name}`]}]},
		};
		const lines = [`${klogPrefix('I', now, 'server_linux.go:66')}"Using iptables proxy"`, `${klogPrefix('I', now, 'server.go:677')}"Successfully retrieved node IP(s)" IPs=["${node.ip}"]`, `${klogPrefix('I', now, 'shared_informer.go:320')}Caches are synced for service config`];
		created.push({pod: runningPod(pod, {node: node.name, hostIP: node.ip, podIP: node.ip, startedAt: iso, registry}), lines});
	}
	for (const {pod, lines} of created) {
		store.create(pods, pod);
		for (const line of lines) logs.append('kube-system', pod.metadata.name, pod.spec.containers[0].name, line, now);
	}
}

function suffix(seed: string): string {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let hash = 0;
	for (const character of seed) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
	let text = '';
	for (let i = 0; i < 5; i++) {
		text += alphabet[hash % alphabet.length];
		hash = Math.floor(hash / alphabet.length) + i * 7919;
	}
	return text;
}
