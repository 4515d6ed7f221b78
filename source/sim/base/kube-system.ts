import type {KubeObject} from '../../core/objects/types.js';
import {clusterDnsIP} from '../controllers/cluster-dns.js';
import {container, deployment, service} from '../scenarios/manifests.js';

// What every simulated cluster runs in kube-system: CoreDNS behind the kube-dns Service
// (kubeadm's manifests) and Traefik as the ingress controller with its RBAC and IngressClass
// (k3s' bundled chart, whose names seed 003 uses).

export const corednsImage = 'registry.k8s.io/coredns/coredns:v1.11.3';

/** kubeadm's CoreDNS container security context: root, every capability dropped but NET_BIND_SERVICE. */
export const kubeadmCorednsSecurity = {
	allowPrivilegeEscalation: false,
	capabilities: {add: ['NET_BIND_SERVICE'], drop: ['ALL']},
	readOnlyRootFilesystem: true,
};

export function corednsDeployment(securityContext: Record<string, unknown> = kubeadmCorednsSecurity): KubeObject {
	return deployment({
		namespace: 'kube-system',
		name: 'coredns',
		replicas: 2,
		labels: {'k8s-app': 'kube-dns'},
		strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1, maxSurge: '25%'}},
		podSpec: {
			serviceAccountName: 'coredns',
			priorityClassName: 'system-cluster-critical',
			dnsPolicy: 'Default',
			nodeSelector: {'kubernetes.io/os': 'linux'},
			tolerations: [{key: 'CriticalAddonsOnly', operator: 'Exists'}, {effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane'}],
			volumes: [{name: 'config-volume', configMap: {name: 'coredns', items: [{key: 'Corefile', path: 'Corefile'}], defaultMode: 420}}],
		},
		containers: [
			container('coredns', corednsImage, {
				imagePullPolicy: 'IfNotPresent',
				args: ['-conf', '/etc/coredns/Corefile'],
				ports: [
					{name: 'dns', containerPort: 53, protocol: 'UDP'},
					{name: 'dns-tcp', containerPort: 53, protocol: 'TCP'},
					{name: 'metrics', containerPort: 9153, protocol: 'TCP'},
				],
				resources: {limits: {memory: '170Mi'}, requests: {cpu: '100m', memory: '70Mi'}},
				livenessProbe: {httpGet: {path: '/health', port: 8080, scheme: 'HTTP'}, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5},
				readinessProbe: {httpGet: {path: '/ready', port: 8181, scheme: 'HTTP'}, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3},
				securityContext,
				volumeMounts: [{name: 'config-volume', mountPath: '/etc/coredns', readOnly: true}],
			}),
		],
	});
}

const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export function coredns(): KubeObject[] {
	return [
		{apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'coredns', namespace: 'kube-system'}},
		{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'coredns', namespace: 'kube-system'}, data: {Corefile: corefile}},
		corednsDeployment(),
		service({
			namespace: 'kube-system',
			name: 'kube-dns',
			clusterIP: clusterDnsIP,
			labels: {'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS'},
			selector: {'k8s-app': 'kube-dns'},
			ports: [
				{name: 'dns', port: 53, targetPort: 53, protocol: 'UDP'},
				{name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP'},
				{name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP'},
			],
		}),
	];
}

export const traefikRoleName = 'traefik-kube-system';

/** The ClusterRole k3s' traefik chart installs (seed 003 lost it). */
export function traefikClusterRole(): KubeObject {
	return {
		apiVersion: 'rbac.authorization.k8s.io/v1',
		kind: 'ClusterRole',
		metadata: {name: traefikRoleName, labels: {'app.kubernetes.io/instance': 'traefik-kube-system', 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': 'traefik'}},
		rules: [
			{apiGroups: [''], resources: ['services', 'endpoints', 'secrets'], verbs: ['get', 'list', 'watch']},
			{apiGroups: ['extensions', 'networking.k8s.io'], resources: ['ingresses', 'ingressclasses'], verbs: ['get', 'list', 'watch']},
			{apiGroups: ['extensions', 'networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update']},
			{apiGroups: ['traefik.io', 'traefik.containo.us'], resources: ['middlewares', 'ingressroutes', 'traefikservices', 'ingressroutetcps', 'ingressrouteudps', 'tlsoptions', 'tlsstores', 'serverstransports'], verbs: ['get', 'list', 'watch']},
		],
	};
}

export function traefik(nodeIPs: string[]): KubeObject[] {
	const labels = {'app.kubernetes.io/instance': 'traefik-kube-system', 'app.kubernetes.io/name': 'traefik'};
	const workload = deployment({
		namespace: 'kube-system',
		name: 'traefik',
		labels,
		podSpec: {serviceAccountName: 'traefik', priorityClassName: 'system-cluster-critical', securityContext: {runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532}},
		containers: [
			container('traefik', 'rancher/mirrored-library-traefik:2.11.10', {
				imagePullPolicy: 'IfNotPresent',
				args: [
					'--global.checknewversion',
					'--entrypoints.metrics.address=:9100/tcp',
					'--entrypoints.traefik.address=:9000/tcp',
					'--entrypoints.web.address=:8000/tcp',
					'--entrypoints.websecure.address=:8443/tcp',
					'--api.dashboard=true',
					'--ping=true',
					'--providers.kubernetescrd',
					'--providers.kubernetesingress',
					'--providers.kubernetesingress.ingressendpoint.publishedservice=kube-system/traefik',
				],
				ports: [
					{name: 'metrics', containerPort: 9100, protocol: 'TCP'},
					{name: 'traefik', containerPort: 9000, protocol: 'TCP'},
					{name: 'web', containerPort: 8000, protocol: 'TCP'},
					{name: 'websecure', containerPort: 8443, protocol: 'TCP'},
				],
				readinessProbe: {httpGet: {path: '/ping', port: 9000, scheme: 'HTTP'}, initialDelaySeconds: 2, periodSeconds: 10, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 1},
				securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: ['ALL']}, readOnlyRootFilesystem: true},
			}),
		],
	});
	const loadBalancer = service({
		namespace: 'kube-system',
		name: 'traefik',
		type: 'LoadBalancer',
		labels,
		selector: labels,
		ports: [
			{name: 'web', port: 80, targetPort: 'web', nodePort: 31611},
			{name: 'websecure', port: 443, targetPort: 'websecure', nodePort: 32427},
		],
	});
	loadBalancer.status = {loadBalancer: {ingress: nodeIPs.map(ip => ({ip, ipMode: 'VIP'}))}};
	return [
		{apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'traefik', namespace: 'kube-system'}},
		traefikClusterRole(),
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRoleBinding',
			metadata: {name: traefikRoleName, labels: {'app.kubernetes.io/instance': 'traefik-kube-system', 'app.kubernetes.io/name': 'traefik'}},
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: traefikRoleName},
			subjects: [{kind: 'ServiceAccount', name: 'traefik', namespace: 'kube-system'}],
		},
		{
			apiVersion: 'networking.k8s.io/v1',
			kind: 'IngressClass',
			metadata: {name: 'traefik', annotations: {'ingressclass.kubernetes.io/is-default-class': 'true'}, labels},
			spec: {controller: 'traefik.io/ingress-controller'},
		},
		workload,
		loadBalancer,
	];
}

/** The `kubernetes` Service in default and its Endpoints: the API server on the control plane. */
export function apiServerService(controlPlaneIP: string): KubeObject[] {
	return [
		{
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'kubernetes', namespace: 'default', labels: {component: 'apiserver', provider: 'kubernetes'}},
			spec: {type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{name: 'https', port: 443, protocol: 'TCP', targetPort: 6443}]},
		},
		{
			apiVersion: 'v1',
			kind: 'Endpoints',
			metadata: {name: 'kubernetes', namespace: 'default', labels: {'endpointslice.kubernetes.io/skip-mirror': 'true'}},
			subsets: [{addresses: [{ip: controlPlaneIP}], ports: [{name: 'https', port: 6443, protocol: 'TCP'}]}],
		},
	];
}
