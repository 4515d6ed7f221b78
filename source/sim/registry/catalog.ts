import {coredns, dashboard, kubeStateMetrics, traefik} from './programs/cluster-addons.js';
import {nextjs, nodeApi, postgres, redis, saasShortener} from './programs/apps.js';
import type {ImageProgram} from './programs/program.js';
import {calculatorApp, cifarApi, mlApi, modelServerImage} from './programs/python-apps.js';
import {helloApp, nginx, quietServer, whoami} from './programs/web-servers.js';

// The simulated internet: registry hosts (how the nodes reach them) and the repositories in
// them. Scenarios rely on these names; README.md ("The simulated internet") lists which host is reachable how.

/** direct: reachable; timeout: packets dropped (seed 001's Docker Hub from China); proxy: only through the tunnel. */
export type Route = 'direct' | 'timeout' | 'proxy';

export type RegistryHost = {host: string; route: Route; ip: string; endpoint: string};

export type CatalogImage = {
	repository: string;
	/** tag → compressed size in bytes. */
	tags: Record<string, number>;
	program: ImageProgram;
	private?: boolean;
	/** Built on the nodes and never pushed (minikube's `eval $(minikube docker-env)` workflow). */
	localOnly?: boolean;
	/** Tags already on both nodes (system images, locally built ones). */
	preloaded?: string[];
	/** Real digests where users would recognise them; others are derived from the name. */
	digests?: Record<string, string>;
};

export const registryHosts: RegistryHost[] = [
	{host: 'docker.io', route: 'direct', ip: '54.236.113.205', endpoint: 'registry-1.docker.io'},
	{host: 'ghcr.io', route: 'direct', ip: '140.82.112.34', endpoint: 'ghcr.io'},
	{host: 'registry.k8s.io', route: 'proxy', ip: '34.96.108.209', endpoint: 'registry.k8s.io'},
	{host: 'gcr.io', route: 'timeout', ip: '142.250.196.116', endpoint: 'gcr.io'},
	{host: 'gcr.m.daocloud.io', route: 'direct', ip: '101.36.112.40', endpoint: 'gcr.m.daocloud.io'},
	{host: 'docker.m.daocloud.io', route: 'direct', ip: '101.36.112.41', endpoint: 'docker.m.daocloud.io'},
	{host: 'registry.cn-hangzhou.aliyuncs.com', route: 'direct', ip: '118.31.219.213', endpoint: 'registry.cn-hangzhou.aliyuncs.com'},
	{host: 'private-registry.example.com', route: 'direct', ip: '10.0.12.5', endpoint: 'private-registry.example.com'},
];

const megabyte = 1_000_000;

export const catalog: CatalogImage[] = [
	{repository: 'docker.io/library/nginx', tags: {'1.27': 72.2 * megabyte, '1.27.3': 72.2 * megabyte, '1.27-alpine': 20.5 * megabyte, '1.25': 70.5 * megabyte, latest: 72.2 * megabyte}, program: nginx},
	{repository: 'docker.io/library/redis', tags: {'7.4-alpine': 17.3 * megabyte, '7.4': 45.1 * megabyte, '7.2': 43.9 * megabyte}, program: redis},
	{repository: 'docker.io/library/postgres', tags: {'16-alpine': 105.4 * megabyte, '16': 158.2 * megabyte}, program: postgres},
	{repository: 'docker.io/library/cifar-api', tags: {'cpu-v1': 412.8 * megabyte, v1: 1904.3 * megabyte}, program: cifarApi},
	{repository: 'docker.io/library/traefik', tags: {'v2.11.10': 48.9 * megabyte, 'v2.11': 48.9 * megabyte}, program: traefik, preloaded: ['v2.11.10']},
	{repository: 'docker.io/traefik/whoami', tags: {'v1.10.3': 3.4 * megabyte, 'v1.10': 3.4 * megabyte, latest: 3.4 * megabyte}, program: whoami},
	{repository: 'docker.io/library/busybox', tags: {'1.36': 2.2 * megabyte, latest: 2.2 * megabyte}, program: quietServer},
	{
		repository: 'docker.io/kubernetesui/dashboard',
		tags: {'v2.7.0': 75.8 * megabyte},
		program: dashboard,
		digests: {'v2.7.0': 'sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93'},
	},
	{repository: 'docker.io/library/saas-shortener', tags: {'v1.2.0': 18.7 * megabyte}, program: saasShortener, localOnly: true, preloaded: ['v1.2.0']},
	{repository: 'ghcr.io/997899594/rrr', tags: {latest: 61.3 * megabyte}, program: nextjs, private: true},
	{repository: 'ghcr.io/mlops-lab/ml-api', tags: {'3f2c1a9': 233.1 * megabyte}, program: mlApi},
	{repository: 'ghcr.io/mlops-lab/model-server', tags: {'1.4.0': 811.6 * megabyte}, program: modelServerImage},
	{repository: 'ghcr.io/kconsole-demo/catalog', tags: {'1.4.2': 52.4 * megabyte, '1.4.1': 52.1 * megabyte}, program: nodeApi},
	{repository: 'ghcr.io/kconsole-demo/bulk-server', tags: {'1.0.0': 8.1 * megabyte}, program: quietServer, preloaded: ['1.0.0']},
	{repository: 'registry.k8s.io/coredns/coredns', tags: {'v1.11.3': 18.6 * megabyte, 'v1.11.1': 18.2 * megabyte}, program: coredns, preloaded: ['v1.11.3']},
	{repository: 'registry.k8s.io/kube-state-metrics/kube-state-metrics', tags: {'v2.13.0': 21.5 * megabyte}, program: kubeStateMetrics},
	{repository: 'registry.k8s.io/pause', tags: {'3.10': 0.3 * megabyte}, program: quietServer, preloaded: ['3.10']},
	{repository: 'docker.io/rancher/mirrored-library-traefik', tags: {'2.11.10': 48.9 * megabyte}, program: traefik, preloaded: ['2.11.10']},
	{repository: 'registry.k8s.io/etcd', tags: {'3.5.16-0': 57.7 * megabyte}, program: quietServer, preloaded: ['3.5.16-0']},
	{repository: 'registry.k8s.io/kube-apiserver', tags: {'v1.32.0': 28.7 * megabyte}, program: quietServer, preloaded: ['v1.32.0']},
	{repository: 'registry.k8s.io/kube-controller-manager', tags: {'v1.32.0': 26.3 * megabyte}, program: quietServer, preloaded: ['v1.32.0']},
	{repository: 'registry.k8s.io/kube-scheduler', tags: {'v1.32.0': 20.7 * megabyte}, program: quietServer, preloaded: ['v1.32.0']},
	{repository: 'registry.k8s.io/kube-proxy', tags: {'v1.32.0': 30.9 * megabyte}, program: quietServer, preloaded: ['v1.32.0']},
	{repository: 'gcr.io/google-samples/hello-app', tags: {'1.0': 11.2 * megabyte, '2.0': 11.2 * megabyte}, program: helloApp},
	{repository: 'gcr.m.daocloud.io/google-samples/hello-app', tags: {'1.0': 11.2 * megabyte, '2.0': 11.2 * megabyte}, program: helloApp},
	{repository: 'docker.m.daocloud.io/library/nginx', tags: {'1.27': 72.2 * megabyte}, program: nginx},
	{repository: 'registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard', tags: {'v2.7.0': 75.8 * megabyte}, program: dashboard},
	{repository: 'private-registry.example.com/my-namespace/my-app', tags: {'56cc4792-86': 49.6 * megabyte, '56cc4792-85': 49.6 * megabyte}, program: calculatorApp, private: true},
];
