import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 004's advice on resource limits ("✅ 好 - 防止 OOM", memory_limit), the other way
// round: a model server whose memory limit (256Mi) is below what loading its model takes
// (~700Mi) is killed by the kernel: lastState.terminated reason OOMKilled, exit code 137,
// CrashLoopBackOff, and a SystemOOM event on the node.
// Fix: kubectl set resources deployment/model-server -n ml-serving --limits=memory=1Gi

export const crashOom: Scenario = {
	name: 'crash-oom',
	seed: '004_011c300cb7276dee.txt (最佳实践 3. 资源限制)',
	summary: 'namespace ml-serving: deployment model-server has a 256Mi memory limit and needs ~700Mi; OOMKilled (exit 137), CrashLoopBackOff',
	fix: ['kubectl set resources deployment/model-server -n ml-serving --limits=memory=1Gi'],
	install(world: World) {
		apply(
			world.store,
			namespace('ml-serving'),
			deployment({
				namespace: 'ml-serving',
				name: 'model-server',
				containers: [
					container('model-server', 'ghcr.io/mlops-lab/model-server:1.4.0', {
						env: [{name: 'WORKERS', value: '2'}, {name: 'BATCH_SIZE', value: '64'}],
						ports: [{name: 'http', containerPort: 8080}],
						resources: {requests: {cpu: '500m', memory: '128Mi'}, limits: {memory: '256Mi'}},
					}),
				],
			}),
			service({namespace: 'ml-serving', name: 'model-server', selector: {app: 'model-server'}, ports: [{port: 80, targetPort: 'http'}]}),
		);
	},
};
