import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 001, 2.3 场景 B: minikube's addon pins its image by the upstream digest, and
// --image-repository rewrote the registry to the Aliyun mirror, whose copy has a different
// digest: the pull fails with "…@sha256:2e500d29…: not found" although the tag exists.
// Fix: drop the digest and pull the mirror's tag:
//      kubectl set image deployment/kubernetes-dashboard kubernetes-dashboard=registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0 -n kubernetes-dashboard
//  or the seed's: kubectl get deployment -n kubernetes-dashboard -o json | sed 's/@sha256:[a-f0-9]*//g' | kubectl apply -f -

export const dashboardDigest = 'sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93';

export const imageMirrorDigest: Scenario = {
	name: 'image-mirror-digest',
	seed: '001_2f104524502d0587.txt (2.3 Ingress 插件 @sha256 摘要问题, 场景 B)',
	summary: `namespace kubernetes-dashboard: deployment kubernetes-dashboard pulls registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0@${dashboardDigest}; the mirror has v2.7.0 under another digest, so the pull fails with "not found"`,
	fix: ['kubectl set image deployment/kubernetes-dashboard kubernetes-dashboard=registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0 -n kubernetes-dashboard'],
	install(world: World) {
		const labels = {'k8s-app': 'kubernetes-dashboard'};
		apply(
			world.store,
			namespace('kubernetes-dashboard', {'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.io/minikube-addons': 'dashboard'}),
			deployment({
				namespace: 'kubernetes-dashboard',
				name: 'kubernetes-dashboard',
				labels,
				containers: [
					container('kubernetes-dashboard', `registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0@${dashboardDigest}`, {
						args: ['--namespace=kubernetes-dashboard', '--enable-skip-login', '--disable-settings-authorizer'],
						ports: [{containerPort: 9090, protocol: 'TCP'}],
					}),
				],
			}),
			service({namespace: 'kubernetes-dashboard', name: 'kubernetes-dashboard', selector: labels, labels, ports: [{port: 80, targetPort: 9090}]}),
		);
	},
};
