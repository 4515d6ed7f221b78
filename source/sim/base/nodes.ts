import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../../core/objects/types.js';

// The simulated cluster's two nodes, shaped like kind's (kubeadm labels, containerd, Debian):
// Ready, with capacity and nodeInfo as `kubectl describe node` shows them.

export type NodeSpec = {name: string; ip: string; controlPlane: boolean};

export const nodeSpecs: NodeSpec[] = [
	{name: 'kconsole-sim-control-plane', ip: '172.18.0.2', controlPlane: true},
	{name: 'kconsole-sim-worker', ip: '172.18.0.3', controlPlane: false},
];

export function nodeObject(spec: NodeSpec, index: number, now: string, images: string[]): KubeObject {
	const condition = (type: string, status: string, reason: string, message: string) => ({type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message});
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name: spec.name,
			labels: {
				'beta.kubernetes.io/arch': 'amd64',
				'beta.kubernetes.io/os': 'linux',
				'kubernetes.io/arch': 'amd64',
				'kubernetes.io/hostname': spec.name,
				'kubernetes.io/os': 'linux',
				...(spec.controlPlane ? {'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': ''} : {}),
			},
			annotations: {
				'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
				'node.alpha.kubernetes.io/ttl': '0',
				'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
			},
		},
		spec: {podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], providerID: `kind://docker/kconsole-sim/${spec.name}`},
		status: {
			capacity: {cpu: '8', 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16318180Ki', pods: '110'},
			allocatable: {cpu: '8', 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16318180Ki', pods: '110'},
			conditions: [
				condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
				condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
				condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
				condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
			],
			addresses: [
				{type: 'InternalIP', address: spec.ip},
				{type: 'Hostname', address: spec.name},
			],
			daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
			nodeInfo: {
				machineID: randomUUID().replace(/-/g, ''),
				systemUUID: randomUUID(),
				bootID: randomUUID(),
				kernelVersion: '6.8.0-45-generic',
				osImage: 'Debian GNU/Linux 12 (bookworm)',
				containerRuntimeVersion: 'containerd://1.7.18',
				kubeletVersion: 'v1.32.0',
				kubeProxyVersion: 'v1.32.0',
				operatingSystem: 'linux',
				architecture: 'amd64',
			},
			images: images.map(name => ({names: [name], sizeBytes: 20_000_000 + (name.length * 1_234_567) % 80_000_000})),
		},
	};
}
