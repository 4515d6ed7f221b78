import test from 'ava';
import {isReady, rolledOut, startWorld} from '../world-harness.js';

test('healthy: every pod of the shop is Running and Ready, Services have endpoints, events tell the real story', async t => {
	const sim = await startWorld(t, ['healthy']);
	for (const name of ['frontend', 'catalog', 'redis']) await sim.waitFor(`deployment ${name} rolled out`, () => rolledOut(sim, 'shop', name));
	const pods = sim.list('Pod', 'shop');
	t.is(pods.length, 5);
	for (const pod of pods) {
		t.is(pod.status?.phase, 'Running', pod.metadata.name);
		t.true(isReady(pod), pod.metadata.name);
		const [status] = pod.status!.containerStatuses;
		t.regex(status.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
		t.regex(status.imageID, /^(docker\.io|ghcr\.io)\/.+@sha256:[0-9a-f]{64}$/);
		t.true(status.started);
		t.is(status.restartCount, 0);
		t.deepEqual(Object.keys(status), ['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started']);
		t.deepEqual(
			pod.status!.conditions.map((condition: {type: string}) => condition.type),
			['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
		);
	}
	const [subset] = sim.get('Endpoints', 'shop', 'catalog')!.subsets as Array<{addresses: unknown[]; ports: unknown[]}>;
	t.is(subset.addresses.length, 2);
	t.deepEqual(subset.ports, [{name: 'http', port: 8080, protocol: 'TCP'}]);

	const frontend = sim.pods('shop', 'frontend')[0];
	const reasons = sim.events('shop', event => (event.involvedObject as {uid: string}).uid === frontend.metadata.uid).map(event => `${event.reason}: ${event.message}`);
	t.true(reasons.some(line => line === `Scheduled: Successfully assigned shop/${frontend.metadata.name} to ${frontend.spec.nodeName}`));
	t.true(reasons.includes('Pulling: Pulling image "nginx:1.27-alpine"'));
	t.true(reasons.some(line => /^Pulled: Successfully pulled image "nginx:1\.27-alpine" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/.test(line)));
	t.true(reasons.includes('Created: Created container: nginx'));
	t.true(reasons.includes('Started: Started container nginx'));
	const deploymentEvents = sim.events('shop', event => (event.involvedObject as {kind: string}).kind === 'Deployment').map(event => String(event.message));
	t.true(deploymentEvents.some(message => /^Scaled up replica set frontend-[bcdfghjklmnpqrstvwxz2456789]+ to 2$/.test(message)));
	await sim.waitFor('nginx to start', () => sim.logLines('shop', frontend.metadata.name, 'nginx').includes('/docker-entrypoint.sh: Configuration complete; ready for start up'));
});
