import {corednsDeployment, kubeadmCorednsSecurity} from '../base/kube-system.js';
import {resourceFor} from '../store/resources.js';
import type {World} from '../world.js';
import type {Scenario} from './scenario.js';

// Seed 001, 2.5: CoreDNS runs as a non-root user; without root it cannot bind the privileged
// port 53 even with NET_BIND_SERVICE added ("Listen: listen tcp :53: bind: permission denied"),
// so it crash-loops and cluster DNS is down for every pod.
// Fix (the seed's JSON patch, then a restart):
//   kubectl -n kube-system patch deployment coredns --type='json' -p='[
//     {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", "value": true},
//     {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/capabilities/drop", "value": []},
//     {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsUser", "value": 0},
//     {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsNonRoot", "value": false}
//   ]'
//   kubectl rollout status deployment/coredns -n kube-system --timeout=60s

const deployments = resourceFor('Deployment');
const replicaSets = resourceFor('ReplicaSet');
const pods = resourceFor('Pod');

/** The seed's CoreDNS container security context: non-root, everything dropped. */
export const nonRootCorednsSecurity = {...kubeadmCorednsSecurity, runAsNonRoot: true, runAsUser: 65532};

export const corednsPatch = [
	{op: 'replace', path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', value: true},
	{op: 'replace', path: '/spec/template/spec/containers/0/securityContext/capabilities/drop', value: []},
	{op: 'add', path: '/spec/template/spec/containers/0/securityContext/runAsUser', value: 0},
	{op: 'add', path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot', value: false},
];

export const corednsBindDenied: Scenario = {
	name: 'coredns-bind-denied',
	seed: '001_2f104524502d0587.txt (2.5 CoreDNS 崩溃导致 DNS 解析失败)',
	summary: 'kube-system: deployment coredns runs as user 65532 and cannot bind :53 ("Listen: listen tcp :53: bind: permission denied"), CrashLoopBackOff; cluster DNS (10.96.0.10) refuses queries',
	fix: [`kubectl -n kube-system patch deployment coredns --type=json -p='${JSON.stringify(corednsPatch)}'`, 'kubectl rollout status deployment/coredns -n kube-system --timeout=60s'],
	install(world: World) {
		// The cluster came up this way: replace the healthy CoreDNS before anyone looks, with no history of it.
		const {store} = world;
		const existing = store.get(deployments, 'kube-system', 'coredns');
		for (const replicaSet of store.list(replicaSets, {namespace: 'kube-system'})) {
			if (!replicaSet.metadata.ownerReferences?.some(owner => owner.uid === existing?.metadata.uid)) continue;
			for (const pod of store.list(pods, {namespace: 'kube-system'})) {
				if (pod.metadata.ownerReferences?.some(owner => owner.uid === replicaSet.metadata.uid)) store.delete(pods, 'kube-system', pod.metadata.name, {gracePeriodSeconds: 0});
			}
			store.delete(replicaSets, 'kube-system', replicaSet.metadata.name);
		}
		if (existing) store.delete(deployments, 'kube-system', 'coredns');
		store.create(deployments, corednsDeployment(nonRootCorednsSecurity));
	},
};
