import {resourceFor} from '../store/resources.js';
import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 002 (Docker Desktop, CIFAR-10 inference API), 故障排查 一: the deployment ran
// cifar-api:cpu-v1, then its YAML was edited to a tag that was never built (cifar-api:wrong-v1).
// The rolling update's new pod fails with ImagePullBackOff ("…: not found") while the old
// pods keep serving, so `kubectl rollout status` hangs.
// Fix: kubectl rollout undo deployment/cifar10-deployment -n cifar10
//  or: kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10

const deployments = resourceFor('Deployment');
const target = {namespace: 'cifar10', name: 'cifar10-deployment'};

export const imageTagNotFound: Scenario = {
	name: 'image-tag-not-found',
	seed: '002_eb2d75063312e4bf.txt (一、镜像拉取失败)',
	summary: 'namespace cifar10: deployment cifar10-deployment revision 1 (cifar-api:cpu-v1) ran, revision 2 points at cifar-api:wrong-v1, which does not exist; its new pod is in ImagePullBackOff',
	fix: [
		'kubectl rollout undo deployment/cifar10-deployment -n cifar10',
		'kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10',
	],
	install(world: World) {
		apply(
			world.store,
			namespace('cifar10'),
			deployment({
				...target,
				replicas: 2,
				labels: {app: 'cifar10'},
				containers: [container('cifar-api', 'cifar-api:cpu-v1', {ports: [{name: 'http', containerPort: 5000}], resources: {requests: {cpu: '250m', memory: '512Mi'}, limits: {memory: '1Gi'}}})],
			}),
			service({...target, name: 'cifar10-service', type: 'NodePort', selector: {app: 'cifar10'}, ports: [{port: 80, targetPort: 5000, nodePort: 30080}]}),
		);
		// The user edits the image once revision 1 is up, as in the seed.
		const unsubscribe = world.store.subscribe(event => {
			if (event.resource !== deployments || event.object.metadata.namespace !== target.namespace || event.object.metadata.name !== target.name) return;
			if ((event.object.status?.availableReplicas ?? 0) < 2 || event.object.metadata.generation !== 1) return;
			unsubscribe();
			setImmediate(() =>
				world.store.mutate(deployments, target.namespace, target.name, draft => {
					draft.spec.template.spec.containers[0].image = 'cifar-api:wrong-v1';
				}),
			);
		});
	},
};
