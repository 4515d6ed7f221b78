import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 001 (CentOS VM + minikube behind the firewall), 1.1 and 2.1: the node cannot reach the
// registry; every pull dies after the 30 s dial timeout with "dial tcp …:443: i/o timeout".
// In the simulation gcr.io is the blocked registry (Docker Hub stays reachable so the other
// scenarios can pull); its DaoCloud mirror is reachable.
// Fix: kubectl set image deployment/hello-app hello-app=gcr.m.daocloud.io/google-samples/hello-app:1.0 -n hello

export const imageRegistryTimeout: Scenario = {
	name: 'image-registry-timeout',
	seed: '001_2f104524502d0587.txt (1.1 Docker Hub 访问超时, 2.1 ImagePullBackOff)',
	summary: 'namespace hello: deployment hello-app pulls gcr.io/google-samples/hello-app:1.0; gcr.io (142.250.196.116) is unreachable, so pulls fail with "dial tcp 142.250.196.116:443: i/o timeout"',
	fix: ['kubectl set image deployment/hello-app hello-app=gcr.m.daocloud.io/google-samples/hello-app:1.0 -n hello'],
	install(world: World) {
		apply(
			world.store,
			namespace('hello'),
			deployment({namespace: 'hello', name: 'hello-app', containers: [container('hello-app', 'gcr.io/google-samples/hello-app:1.0', {ports: [{containerPort: 8080}]})]}),
			service({namespace: 'hello', name: 'hello-app', selector: {app: 'hello-app'}, ports: [{port: 80, targetPort: 8080}]}),
		);
	},
};
