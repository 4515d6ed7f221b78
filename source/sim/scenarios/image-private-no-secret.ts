import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 004 (GitLab CI deploying to Kubernetes), 问题 3: the image lives in a private registry
// and the deployment has no imagePullSecrets, so every pull is refused:
// "pull access denied, repository does not exist or may require authorization".
// Fix: kubectl create secret docker-registry acr-secret --docker-server=private-registry.example.com \
//        --docker-username=deployer --docker-password=<password> -n calculator
//      kubectl patch deployment calculator -n calculator -p '{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"acr-secret"}]}}}}'
// (any non-empty username and password for private-registry.example.com are accepted)

export const imagePrivateNoSecret: Scenario = {
	name: 'image-private-no-secret',
	seed: '004_011c300cb7276dee.txt (问题 3：部署失败 - "ErrImagePull")',
	summary: 'namespace calculator: deployment calculator pulls private-registry.example.com/my-namespace/my-app:56cc4792-86 without imagePullSecrets; ErrImagePull / ImagePullBackOff with "pull access denied"',
	fix: [
		'kubectl create secret docker-registry acr-secret --docker-server=private-registry.example.com --docker-username=deployer --docker-password=s3cret -n calculator',
		'kubectl patch deployment calculator -n calculator -p \'{"spec":{"template":{"spec":{"imagePullSecrets":[{"name":"acr-secret"}]}}}}\'',
	],
	install(world: World) {
		apply(
			world.store,
			namespace('calculator'),
			deployment({
				namespace: 'calculator',
				name: 'calculator',
				replicas: 2,
				containers: [container('calculator', 'private-registry.example.com/my-namespace/my-app:56cc4792-86', {imagePullPolicy: 'Always', ports: [{name: 'http', containerPort: 30194}]})],
			}),
			service({namespace: 'calculator', name: 'calculator', type: 'NodePort', selector: {app: 'calculator'}, ports: [{port: 30194, targetPort: 30194, nodePort: 30194}]}),
		);
	},
};
