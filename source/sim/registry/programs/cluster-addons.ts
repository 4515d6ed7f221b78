import {type ImageProgram, type ProgramContext, goLogTime, klogPrefix, paced, rfc3339} from './program.js';

/**
 * CoreDNS binds :53, a privileged port: only root holding CAP_NET_BIND_SERVICE may (the
 * image carries no file capabilities, so a non-root user cannot, whatever it adds; seed 001).
 */
export function canBindPrivilegedPort(security: ProgramContext['security']): boolean {
	return security.runAsUser === 0 && security.capabilities.has('NET_BIND_SERVICE');
}

export const coredns: ImageProgram = {
	binaries: ['/coredns'],
	entrypoint: ['/coredns'],
	cmd: [],
	workdir: '/',
	user: 0,
	run(context) {
		if (!canBindPrivilegedPort(context.security)) {
			return {lines: [{at: 30, text: 'Listen: listen tcp :53: bind: permission denied'}], exit: {at: 40, code: 1}};
		}
		return {
			lines: paced(20, 5, [
				'.:53',
				'[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
				'CoreDNS-1.11.3',
				'linux/amd64, go1.21.11, a6338e9',
			]),
			readyAfter: 1000,
		};
	},
};

export const traefik: ImageProgram = {
	binaries: ['traefik', '/usr/local/bin/traefik', '/entrypoint.sh', 'sh', '/bin/sh'],
	entrypoint: ['/entrypoint.sh'],
	cmd: ['traefik'],
	workdir: '/',
	user: 65532,
	run(context) {
		const line = (at: number, text: string) => ({at, text: `time="${rfc3339(context.at(at))}" level=info msg=${text}`});
		return {
			lines: [
				line(5, '"Configuration loaded from flags."'),
				line(10, '"Traefik version 2.11.10 built on 2024-09-16T14:29:39Z"'),
				line(20, '"Starting provider aggregator aggregator.ProviderAggregator"'),
				line(25, '"Starting provider *file.Provider"'),
				line(30, '"Starting provider *crd.Provider"'),
				line(35, '"label selector is: \\"\\"" providerName=kubernetescrd'),
				line(40, '"Creating in-cluster Provider client" providerName=kubernetescrd'),
				line(45, '"Starting provider *ingress.Provider"'),
				line(50, '"ingress label selector is: \\"\\"" providerName=kubernetes'),
				line(55, '"Creating in-cluster Provider client" providerName=kubernetes'),
				line(60, '"Starting provider *traefik.Provider"'),
				line(65, '"Starting provider *acme.ChallengeTLSALPN"'),
			],
			readyAfter: 1000,
		};
	},
};

export const kubeStateMetrics: ImageProgram = {
	binaries: ['/kube-state-metrics'],
	entrypoint: ['/kube-state-metrics'],
	cmd: ['--port=8080', '--telemetry-port=8081'],
	workdir: '/',
	user: 65534,
	run(context) {
		const at = (offset: number, source: string, text: string) => ({at: offset, text: `${klogPrefix('I', context.at(offset), source)}${text}`});
		return {
			lines: [
				at(5, 'wrapper.go:120', '"Starting kube-state-metrics"'),
				at(10, 'types.go:227', '"Using all namespaces"'),
				at(15, 'server.go:199', '"Used resources" resources=["deployments","namespaces","nodes","pods","replicasets","services","endpoints","ingresses"]'),
				at(25, 'server.go:344', '"Started metrics server" metricsServerAddress="[::]:8080"'),
				at(30, 'server.go:333', '"Started kube-state-metrics self metrics server" telemetryAddress="[::]:8081"'),
			],
			readyAfter: 1000,
		};
	},
};

export const dashboard: ImageProgram = {
	binaries: ['/dashboard'],
	entrypoint: ['/dashboard'],
	cmd: ['--insecure-bind-address=0.0.0.0', '--bind-address=0.0.0.0'],
	workdir: '/',
	user: 1001,
	run(context) {
		const time = goLogTime(context.startedAt);
		return {
			lines: paced(5, 10, [
				`${time} Starting overwatch`,
				`${time} Using namespace: ${context.namespace}`,
				`${time} Using in-cluster config to connect to apiserver`,
				`${time} Using secret token for csrf signing`,
				`${time} Initializing csrf token from kubernetes-dashboard-csrf secret`,
				`${time} Successful initial request to the apiserver, version: v1.32.0`,
				`${time} Generating JWE encryption key`,
				`${time} Creating in-cluster Sidecar client`,
				`${time} Serving insecurely on HTTP port: 9090`,
				`${time} Successful request to sidecar`,
			]),
			readyAfter: 1000,
		};
	},
};
