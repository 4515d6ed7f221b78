import {traefikRoleName} from '../base/kube-system.js';
import {resourceFor} from '../store/resources.js';
import type {World} from '../world.js';
import {apply, container, deployment, ingress, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 003, 访问问题排查 1: Traefik's ClusterRole traefik-kube-system is gone (its binding is
// still there), so every list/watch Traefik makes is forbidden and it logs
// `… is forbidden: User "system:serviceaccount:kube-system:traefik" cannot list resource "ingresses" …`;
// no ingress gets an address.
// Fix: kubectl create clusterrole traefik-kube-system --verb=get,list,watch \
//        --resource=services,endpoints,secrets,ingresses.networking.k8s.io,ingressclasses.networking.k8s.io
// (then `kubectl rollout restart deployment/traefik -n kube-system` for a log without the old errors)

export const traefikRoleFix = `kubectl create clusterrole ${traefikRoleName} --verb=get,list,watch --resource=services,endpoints,secrets,ingresses.networking.k8s.io,ingressclasses.networking.k8s.io`;

export const rbacMissingClusterRole: Scenario = {
	name: 'rbac-missing-clusterrole',
	seed: '003_db58dfcb4d759ec2.txt (访问问题排查 1. Traefik RBAC 权限问题)',
	summary: 'kube-system: ClusterRole traefik-kube-system is missing, traefik logs "forbidden" for services, endpoints, secrets, ingresses and ingressclasses; namespace whoami: ingress whoami gets no address',
	fix: [traefikRoleFix],
	install(world: World) {
		const {store} = world;
		if (store.get(resourceFor('ClusterRole'), undefined, traefikRoleName)) store.delete(resourceFor('ClusterRole'), undefined, traefikRoleName);
		apply(
			store,
			namespace('whoami'),
			deployment({namespace: 'whoami', name: 'whoami', containers: [container('whoami', 'traefik/whoami:v1.10.3', {ports: [{name: 'web', containerPort: 80}]})]}),
			service({namespace: 'whoami', name: 'whoami', selector: {app: 'whoami'}, ports: [{name: 'web', port: 80, targetPort: 'web'}]}),
			ingress({namespace: 'whoami', name: 'whoami', host: 'whoami.example.com', service: 'whoami', port: 80, className: 'traefik'}),
		);
	},
};
