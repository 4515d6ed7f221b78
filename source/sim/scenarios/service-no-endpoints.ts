import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 003, 访问问题排查 3 checks that the Service really forwards to the pod IP; here it does
// not: the Service selects app=catalog-api while the pods are labelled app=catalog, so its
// Endpoints stay empty (`kubectl get endpoints catalog` shows <none>) although the pods run.
// Fix: kubectl patch service catalog -n storefront -p '{"spec":{"selector":{"app":"catalog"}}}'

export const serviceNoEndpoints: Scenario = {
	name: 'service-no-endpoints',
	seed: '003_db58dfcb4d759ec2.txt (访问问题排查 3. 应用监听地址 / Service 转发到 Pod IP)',
	summary: 'namespace storefront: service catalog selects app=catalog-api, the deployment catalog labels its pods app=catalog; the Endpoints have no addresses',
	fix: ['kubectl patch service catalog -n storefront -p \'{"spec":{"selector":{"app":"catalog"}}}\''],
	install(world: World) {
		apply(
			world.store,
			namespace('storefront'),
			deployment({
				namespace: 'storefront',
				name: 'catalog',
				replicas: 2,
				containers: [container('catalog', 'ghcr.io/kconsole-demo/catalog:1.4.2', {ports: [{name: 'http', containerPort: 8080}]})],
			}),
			service({namespace: 'storefront', name: 'catalog', selector: {app: 'catalog-api'}, ports: [{name: 'http', port: 80, targetPort: 'http'}]}),
		);
	},
};
