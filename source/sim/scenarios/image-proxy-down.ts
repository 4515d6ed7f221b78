import type {World} from '../world.js';
import {apply, container, deployment, namespace} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 001, 3.2 and 3.4: the nodes reach registry.k8s.io only through an HTTP proxy that is
// an SSH reverse tunnel; the tunnel dropped, so pulls fail with
// "proxyconnect tcp: dial tcp 127.0.0.1:PORT: connect: connection refused" (ss -tlnp shows
// nothing listening). The tunnel is a real listener on loopback in the simulation.
// Fix: reopen the tunnel (the seed: `ssh -R 0.0.0.0:7897:127.0.0.1:7897 root@VM`); in the
//      simulation POST {"open": true} to /kconsole-sim/v1/tunnel (World.setTunnel(true)).
//      The next pull after the back-off succeeds; `kubectl rollout restart deployment/kube-state-metrics -n monitoring` skips the wait.

export const imageProxyDown: Scenario = {
	name: 'image-proxy-down',
	seed: '001_2f104524502d0587.txt (3.2 SSH 反向隧道方案, 3.4 SSH 隧道断开怎么办)',
	summary: 'namespace monitoring: deployment kube-state-metrics pulls from registry.k8s.io through the proxy tunnel, which is closed: "proxyconnect tcp: dial tcp 127.0.0.1:PORT: connect: connection refused"',
	fix: ['curl -X POST -H "Content-Type: application/json" -d \'{"open":true}\' "$SERVER/kconsole-sim/v1/tunnel"', 'kubectl rollout restart deployment/kube-state-metrics -n monitoring'],
	async install(world: World) {
		await world.setTunnel(false);
		apply(
			world.store,
			namespace('monitoring'),
			deployment({
				namespace: 'monitoring',
				name: 'kube-state-metrics',
				labels: {'app.kubernetes.io/name': 'kube-state-metrics'},
				containers: [container('kube-state-metrics', 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0', {ports: [{name: 'http-metrics', containerPort: 8080}, {name: 'telemetry', containerPort: 8081}]})],
			}),
		);
	},
};
