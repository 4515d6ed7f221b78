import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 000 (WSL2 + kind + GitHub Actions), 7c: the workflow built the image name from the
// GitHub owner "MLOps-Lab"; image repositories must be lowercase, so the kubelet cannot even
// parse the reference: InvalidImageName, "repository name (MLOps-Lab/ml-api) must be lowercase".
// Fix: kubectl set image deployment/ml-api ml-api=ghcr.io/mlops-lab/ml-api:3f2c1a9 -n ml-platform
//      (in CI: echo "${{ github.repository }}" | tr '[:upper:]' '[:lower:]')

export const imageInvalidName: Scenario = {
	name: 'image-invalid-name',
	seed: '000_1c1d50c829804e0d.txt (7c. 镜像名称格式错误)',
	summary: 'namespace ml-platform: deployment ml-api uses ghcr.io/MLOps-Lab/ml-api:3f2c1a9; the uppercase repository makes the pod InvalidImageName',
	fix: ['kubectl set image deployment/ml-api ml-api=ghcr.io/mlops-lab/ml-api:3f2c1a9 -n ml-platform'],
	install(world: World) {
		apply(
			world.store,
			namespace('ml-platform'),
			deployment({namespace: 'ml-platform', name: 'ml-api', containers: [container('ml-api', 'ghcr.io/MLOps-Lab/ml-api:3f2c1a9', {ports: [{name: 'http', containerPort: 8000}]})]}),
			service({namespace: 'ml-platform', name: 'ml-api-service', selector: {app: 'ml-api'}, ports: [{port: 80, targetPort: 'http'}]}),
		);
	},
};
