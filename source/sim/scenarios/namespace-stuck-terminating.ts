import {resourceFor} from '../store/resources.js';
import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 001, 四: `kubectl delete namespace` was run, but the namespace stays Terminating for
// good: a ConfigMap in it carries a finalizer that no controller will ever remove. Its
// conditions say so (NamespaceContentRemaining, NamespaceFinalizersRemaining).
// Fix: kubectl patch configmap db-migration-lock -n shortener-staging --type=merge -p '{"metadata":{"finalizers":null}}'
//  or the seed's: kubectl get namespace shortener-staging -o json | sed 's/"kubernetes"//' | kubectl replace --raw "/api/v1/namespaces/shortener-staging/finalize" -f -

export const stuckNamespace = 'shortener-staging';
export const leftoverFinalizer = 'shortener.example.com/migration-lock';

export const namespaceStuckTerminating: Scenario = {
	name: 'namespace-stuck-terminating',
	seed: '001_2f104524502d0587.txt (四、Namespace 卡在 Terminating)',
	summary: `namespace ${stuckNamespace} is being deleted but stays Terminating: configmap db-migration-lock keeps the finalizer ${leftoverFinalizer}`,
	fix: [
		`kubectl patch configmap db-migration-lock -n ${stuckNamespace} --type=merge -p '{"metadata":{"finalizers":null}}'`,
		`kubectl get namespace ${stuckNamespace} -o json | sed 's/"kubernetes"//' | kubectl replace --raw "/api/v1/namespaces/${stuckNamespace}/finalize" -f -`,
	],
	install(world: World) {
		apply(
			world.store,
			namespace(stuckNamespace),
			deployment({namespace: stuckNamespace, name: 'web', containers: [container('web', 'nginx:1.27', {ports: [{containerPort: 80}]})]}),
			service({namespace: stuckNamespace, name: 'web', selector: {app: 'web'}, ports: [{port: 80}]}),
			{
				apiVersion: 'v1',
				kind: 'ConfigMap',
				metadata: {name: 'db-migration-lock', namespace: stuckNamespace, finalizers: [leftoverFinalizer]},
				data: {holder: 'migrate-job-7f9c', since: world.clock.iso()},
			},
		);
		world.store.delete(resourceFor('Namespace'), undefined, stuckNamespace);
	},
};
