import {resourceFor} from '../store/resources.js';
import type {World} from '../world.js';
import {apply, container, deployment, dockerRegistrySecret, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 003 (k3s + GHCR + Flux), 初始问题 1: the project was deployed before GitHub Actions
// had pushed its image, so pulls fail with "ghcr.io/997899594/rrr:latest: not found" and the
// pod sits in ImagePullBackOff; CI pushes the tag a minute (simulated) after the first failed
// pull and the kubelet's next retry succeeds on its own.
// Fix: none needed (wait for CI); after the push, `kubectl rollout restart deployment/dev-56d0416c-5fc9-40bc-be8a-85c8adf889a4 -n project-56d0416c-5fc9-40bc-be8a-85c8adf889a4-development` skips the back-off.

export const rrrImage = 'ghcr.io/997899594/rrr:latest';
export const publishAfterMs = 60_000;
const project = '56d0416c-5fc9-40bc-be8a-85c8adf889a4';
const space = `project-${project}-development`;
const pods = resourceFor('Pod');

export const imageNotYetBuilt: Scenario = {
	name: 'image-not-yet-built',
	seed: '003_db58dfcb4d759ec2.txt (初始问题 1. 镜像拉取失败, 为什么镜像最终拉取成功)',
	summary: `namespace ${space}: deployment dev-${project} pulls ${rrrImage} before CI pushed it ("not found", ImagePullBackOff); the tag appears 60 s (simulated) after the first failed pull and the pod starts by itself`,
	fix: [],
	install(world: World) {
		world.registry.withhold(rrrImage);
		apply(
			world.store,
			namespace(space, {'project-id': project}),
			dockerRegistrySecret({namespace: space, name: 'ghcr-secret', server: 'ghcr.io', username: '997899594', password: 'ghp_simulatedTokenForTheDemo0000000000'}),
			deployment({
				namespace: space,
				name: `dev-${project}`,
				labels: {app: `dev-${project}`},
				podSpec: {imagePullSecrets: [{name: 'ghcr-secret'}]},
				containers: [container('app', rrrImage, {imagePullPolicy: 'Always', ports: [{name: 'http', containerPort: 3000}]})],
			}),
			service({namespace: space, name: `dev-${project}`, selector: {app: `dev-${project}`}, ports: [{port: 80, targetPort: 3000}]}),
		);
		// CI finishes a minute after the kubelet first failed to pull.
		const unsubscribe = world.store.subscribe(event => {
			if (event.resource !== pods || event.object.metadata.namespace !== space) return;
			const waiting = event.object.status?.containerStatuses?.[0]?.state?.waiting?.reason;
			if (waiting !== 'ErrImagePull' && waiting !== 'ImagePullBackOff') return;
			unsubscribe();
			world.clock.after(publishAfterMs, () => world.publishImage(rrrImage));
		});
	},
};
