import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// healthy: a small shop that works (nginx frontend, a Node.js catalog API with a readiness
// probe, Redis), so the console has something green next to the failures. Nothing to fix.

export const healthy: Scenario = {
	name: 'healthy',
	seed: 'none (the baseline every seed starts from)',
	summary: 'namespace shop: deployments frontend (2), catalog (2) and redis (1), all Running and Ready, each behind a Service',
	fix: [],
	install(world: World) {
		apply(
			world.store,
			namespace('shop'),
			deployment({namespace: 'shop', name: 'frontend', replicas: 2, containers: [container('nginx', 'nginx:1.27-alpine', {ports: [{name: 'http', containerPort: 80}]})]}),
			service({namespace: 'shop', name: 'frontend', selector: {app: 'frontend'}, ports: [{name: 'http', port: 80, targetPort: 'http'}]}),
			deployment({
				namespace: 'shop',
				name: 'catalog',
				replicas: 2,
				containers: [
					container('catalog', 'ghcr.io/kconsole-demo/catalog:1.4.2', {
						ports: [{name: 'http', containerPort: 8080}],
						env: [{name: 'REDIS_URL', value: 'redis://redis:6379'}],
						readinessProbe: {httpGet: {path: '/healthz', port: 'http'}, periodSeconds: 5},
						resources: {requests: {cpu: '50m', memory: '64Mi'}, limits: {memory: '256Mi'}},
					}),
				],
			}),
			service({namespace: 'shop', name: 'catalog', selector: {app: 'catalog'}, ports: [{name: 'http', port: 80, targetPort: 'http'}]}),
			deployment({namespace: 'shop', name: 'redis', containers: [container('redis', 'redis:7.4-alpine', {ports: [{name: 'redis', containerPort: 6379}]})]}),
			service({namespace: 'shop', name: 'redis', selector: {app: 'redis'}, ports: [{name: 'redis', port: 6379}]}),
		);
	},
};
