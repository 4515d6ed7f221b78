import type {KubeObject} from '../../core/objects/types.js';
import {runningPod} from '../base/running-pod.js';
import {hashLabel, templateHash} from '../controllers/deployment-math.js';
import {resourceFor} from '../store/resources.js';
import type {World} from '../world.js';
import {container, deployment, namespace} from './manifests.js';

// `--pods N`: healthy pods for scale work, created already running in deployments of 50
// spread over namespaces of up to 2,500 pods. They cost no pulls, timers, events or log
// chatter, only their objects (one startup line each).

const namespaces = resourceFor('Namespace');
const deployments = resourceFor('Deployment');
const replicaSets = resourceFor('ReplicaSet');
const pods = resourceFor('Pod');
const perDeployment = 50;
const perNamespace = 2500;

export function addBulkPods(world: World, count: number): void {
	const {store, clock, kubelet, registry, logs} = world;
	const now = clock.now();
	const iso = clock.iso(now);
	const startupLine = `${iso.replace('T', ' ').replace('Z', '')} listening on :8080`;
	let node = 0;
	let made = 0;
	const references = new Map();
	const hostIPs = new Map(world.nodes.map(name => [name, store.get(resourceFor('Node'), undefined, name)?.status?.addresses?.[0]?.address ?? '172.18.0.2']));
	for (let space = 0; made < count; space++) {
		const name = `load-${String(space + 1).padStart(2, '0')}`;
		if (!store.get(namespaces, undefined, name)) store.create(namespaces, namespace(name, {'kconsole.dev/load': 'true'}));
		for (let index = 0; index < perNamespace / perDeployment && made < count; index++) {
			const replicas = Math.min(perDeployment, count - made);
			const app = `svc-${String(index + 1).padStart(3, '0')}`;
			if (store.get(deployments, name, app)) continue;
			const manifest = deployment({
				namespace: name,
				name: app,
				replicas,
				containers: [container('server', 'ghcr.io/kconsole-demo/bulk-server:1.0.0', {ports: [{name: 'http', containerPort: 8080}], resources: {requests: {cpu: '10m', memory: '16Mi'}}})],
			});
			const owner = store.create(deployments, manifest);
			const template = structuredClone(owner.spec.template);
			const hash = templateHash(template);
			template.metadata.labels[hashLabel] = hash;
			const replicaSet = store.create(replicaSets, {
				apiVersion: 'apps/v1',
				kind: 'ReplicaSet',
				metadata: {
					name: `${app}-${hash}`,
					namespace: name,
					labels: {...template.metadata.labels},
					annotations: {'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)), 'deployment.kubernetes.io/revision': '1'},
					ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true}],
				},
				spec: {replicas, selector: {matchLabels: {...owner.spec.selector.matchLabels, [hashLabel]: hash}}, template},
			});
			// The store copies what it is given, so every pod can start from the same template objects.
			const labels = {...template.metadata.labels};
			const ownerReferences = [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet.metadata.name, uid: replicaSet.metadata.uid!, controller: true, blockOwnerDeletion: true}];
			for (let replica = 0; replica < replicas; replica++, made++) {
				const nodeName = world.nodes[node++ % world.nodes.length];
				const pod: KubeObject = {
					apiVersion: 'v1',
					kind: 'Pod',
					metadata: {name: `${replicaSet.metadata.name}-${suffix(made)}`, namespace: name, labels, ownerReferences},
					spec: template.spec,
				};
				const created = store.create(pods, runningPod(pod, {node: nodeName, hostIP: hostIPs.get(nodeName)!, podIP: kubelet.allocateIP(nodeName), startedAt: iso, registry, references}));
				logs.append(name, created.metadata.name, 'server', startupLine, now);
			}
		}
	}
}

/** Five characters from the pod-name alphabet, unique per index. */
function suffix(index: number): string {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	let text = '';
	let value = index * 7_919 + 104_729;
	for (let i = 0; i < 5; i++) {
		text += alphabet[value % alphabet.length];
		value = Math.floor(value / alphabet.length);
	}
	return text;
}
