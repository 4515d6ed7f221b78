import type {World} from '../world.js';
import {apply, container, deployment, ingress, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 003, 访问问题排查 2: the project's Ingress asks for ingressClassName nginx (with nginx
// annotations) on a k3s cluster whose only ingress controller is Traefik (IngressClass traefik):
// nobody serves it, it never gets an address.
// Fix: kubectl patch ingress rrr -n rrr --type=merge -p '{"spec":{"ingressClassName":"traefik"}}'

export const ingressClassMismatch: Scenario = {
	name: 'ingress-class-mismatch',
	seed: '003_db58dfcb4d759ec2.txt (访问问题排查 2. Ingress 配置错误)',
	summary: 'namespace rrr: ingress rrr (host rrr.example.com) has ingressClassName nginx, but the cluster only has the traefik IngressClass; it never gets an address',
	fix: ['kubectl patch ingress rrr -n rrr --type=merge -p \'{"spec":{"ingressClassName":"traefik"}}\''],
	install(world: World) {
		apply(
			world.store,
			namespace('rrr'),
			deployment({namespace: 'rrr', name: 'rrr-web', containers: [container('web', 'nginx:1.27', {ports: [{name: 'http', containerPort: 80}]})]}),
			service({namespace: 'rrr', name: 'rrr-web', selector: {app: 'rrr-web'}, ports: [{name: 'http', port: 80, targetPort: 'http'}]}),
			ingress({
				namespace: 'rrr',
				name: 'rrr',
				host: 'rrr.example.com',
				service: 'rrr-web',
				port: 80,
				className: 'nginx',
				annotations: {'cert-manager.io/cluster-issuer': 'letsencrypt-prod', 'nginx.ingress.kubernetes.io/ssl-redirect': 'true'},
			}),
		);
	},
};
