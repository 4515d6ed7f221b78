// Field numbers of the Kubernetes protobuf messages that kubectl's typed clients send
// (kubectl create namespace|configmap|secret|deployment|service|serviceaccount|clusterrole|role|
// clusterrolebinding|rolebinding, auth can-i).
// Fields not listed are skipped; the API server defaults what kubectl leaves out.

export type Scalar = 'string' | 'int' | 'bool' | 'bytes' | 'time' | 'intOrString' | 'quantity';
export type FieldType = Scalar | Message;
/** `pointer`: a Go pointer field, sent only when set, so its zero value means something (replicas: 0). */
export type Field = {name: string; type: FieldType; repeated?: boolean; map?: boolean; pointer?: boolean};
export type Message = {[field: number]: Field};

const field = (name: string, type: FieldType, options: {repeated?: boolean; map?: boolean; pointer?: boolean} = {}): Field => ({name, type, ...options});
const pointer = {pointer: true};

const ownerReference: Message = {
	1: field('kind', 'string'),
	3: field('name', 'string'),
	4: field('uid', 'string'),
	5: field('apiVersion', 'string'),
	6: field('controller', 'bool', pointer),
	7: field('blockOwnerDeletion', 'bool', pointer),
};

const objectMeta: Message = {
	1: field('name', 'string'),
	2: field('generateName', 'string'),
	3: field('namespace', 'string'),
	5: field('uid', 'string'),
	6: field('resourceVersion', 'string'),
	7: field('generation', 'int'),
	8: field('creationTimestamp', 'time'),
	9: field('deletionTimestamp', 'time'),
	10: field('deletionGracePeriodSeconds', 'int', pointer),
	11: field('labels', 'string', {map: true}),
	12: field('annotations', 'string', {map: true}),
	13: field('ownerReferences', ownerReference, {repeated: true}),
	14: field('finalizers', 'string', {repeated: true}),
};

const labelSelector: Message = {
	1: field('matchLabels', 'string', {map: true}),
	2: field('matchExpressions', {1: field('key', 'string'), 2: field('operator', 'string'), 3: field('values', 'string', {repeated: true})}, {repeated: true}),
};

const localObjectReference: Message = {1: field('name', 'string')};
const objectReference: Message = {1: field('kind', 'string'), 2: field('namespace', 'string'), 3: field('name', 'string'), 4: field('uid', 'string'), 5: field('apiVersion', 'string')};

const resourceRequirements: Message = {1: field('limits', 'quantity', {map: true}), 2: field('requests', 'quantity', {map: true})};

const container: Message = {
	1: field('name', 'string'),
	2: field('image', 'string'),
	3: field('command', 'string', {repeated: true}),
	4: field('args', 'string', {repeated: true}),
	5: field('workingDir', 'string'),
	6: field('ports', {1: field('name', 'string'), 2: field('hostPort', 'int'), 3: field('containerPort', 'int'), 4: field('protocol', 'string'), 5: field('hostIP', 'string')}, {repeated: true}),
	7: field('env', {1: field('name', 'string'), 2: field('value', 'string')}, {repeated: true}),
	8: field('resources', resourceRequirements),
	9: field('volumeMounts', {1: field('name', 'string'), 2: field('readOnly', 'bool'), 3: field('mountPath', 'string'), 4: field('subPath', 'string')}, {repeated: true}),
	13: field('terminationMessagePath', 'string'),
	14: field('imagePullPolicy', 'string'),
	16: field('stdin', 'bool'),
	17: field('stdinOnce', 'bool'),
	18: field('tty', 'bool'),
	20: field('terminationMessagePolicy', 'string'),
};

const podSpec: Message = {
	2: field('containers', container, {repeated: true}),
	3: field('restartPolicy', 'string'),
	4: field('terminationGracePeriodSeconds', 'int', pointer),
	5: field('activeDeadlineSeconds', 'int', pointer),
	6: field('dnsPolicy', 'string'),
	7: field('nodeSelector', 'string', {map: true}),
	8: field('serviceAccountName', 'string'),
	10: field('nodeName', 'string'),
	15: field('imagePullSecrets', localObjectReference, {repeated: true}),
	19: field('schedulerName', 'string'),
	20: field('initContainers', container, {repeated: true}),
};

const podTemplateSpec: Message = {1: field('metadata', objectMeta), 2: field('spec', podSpec)};

const deploymentStrategy: Message = {
	1: field('type', 'string'),
	2: field('rollingUpdate', {1: field('maxUnavailable', 'intOrString'), 2: field('maxSurge', 'intOrString')}),
};

const servicePort: Message = {
	1: field('name', 'string'),
	2: field('protocol', 'string'),
	3: field('port', 'int'),
	4: field('targetPort', 'intOrString'),
	5: field('nodePort', 'int'),
};

const deleteOptions: Message = {
	1: field('gracePeriodSeconds', 'int', pointer),
	2: field('preconditions', {1: field('uid', 'string'), 2: field('resourceVersion', 'string')}),
	4: field('propagationPolicy', 'string'),
	5: field('dryRun', 'string', {repeated: true}),
};

const policyRule: Message = {
	1: field('verbs', 'string', {repeated: true}),
	2: field('apiGroups', 'string', {repeated: true}),
	3: field('resources', 'string', {repeated: true}),
	4: field('resourceNames', 'string', {repeated: true}),
	5: field('nonResourceURLs', 'string', {repeated: true}),
};
const role: Message = {
	1: field('metadata', objectMeta),
	2: field('rules', policyRule, {repeated: true}),
	3: field('aggregationRule', {1: field('clusterRoleSelectors', labelSelector, {repeated: true})}),
};
const roleBinding: Message = {
	1: field('metadata', objectMeta),
	2: field('subjects', {1: field('kind', 'string'), 2: field('apiGroup', 'string'), 3: field('name', 'string'), 4: field('namespace', 'string')}, {repeated: true}),
	3: field('roleRef', {1: field('apiGroup', 'string'), 2: field('kind', 'string'), 3: field('name', 'string')}),
};

/** Messages by `apiVersion/kind` (the envelope's TypeMeta). */
export const messages: Record<string, Message> = {
	'v1/DeleteOptions': deleteOptions,
	'meta.k8s.io/v1/DeleteOptions': deleteOptions,
	'v1/Namespace': {1: field('metadata', objectMeta), 2: field('spec', {1: field('finalizers', 'string', {repeated: true})})},
	'v1/ConfigMap': {1: field('metadata', objectMeta), 2: field('data', 'string', {map: true}), 3: field('binaryData', 'bytes', {map: true}), 4: field('immutable', 'bool', pointer)},
	'v1/Secret': {1: field('metadata', objectMeta), 2: field('data', 'bytes', {map: true}), 3: field('type', 'string'), 4: field('stringData', 'string', {map: true}), 5: field('immutable', 'bool', pointer)},
	'v1/ServiceAccount': {
		1: field('metadata', objectMeta),
		2: field('secrets', objectReference, {repeated: true}),
		3: field('imagePullSecrets', localObjectReference, {repeated: true}),
		4: field('automountServiceAccountToken', 'bool', pointer),
	},
	'v1/Service': {
		1: field('metadata', objectMeta),
		2: field('spec', {1: field('ports', servicePort, {repeated: true}), 2: field('selector', 'string', {map: true}), 3: field('clusterIP', 'string'), 4: field('type', 'string'), 5: field('externalIPs', 'string', {repeated: true}), 10: field('externalName', 'string')}),
	},
	'v1/Pod': {1: field('metadata', objectMeta), 2: field('spec', podSpec)},
	'apps/v1/Deployment': {
		1: field('metadata', objectMeta),
		2: field('spec', {
			1: field('replicas', 'int', pointer),
			2: field('selector', labelSelector),
			3: field('template', podTemplateSpec),
			4: field('strategy', deploymentStrategy),
			5: field('minReadySeconds', 'int'),
			6: field('revisionHistoryLimit', 'int', pointer),
			7: field('paused', 'bool'),
			9: field('progressDeadlineSeconds', 'int', pointer),
		}),
	},
	'rbac.authorization.k8s.io/v1/ClusterRole': role,
	'rbac.authorization.k8s.io/v1/Role': role,
	'rbac.authorization.k8s.io/v1/ClusterRoleBinding': roleBinding,
	'rbac.authorization.k8s.io/v1/RoleBinding': roleBinding,
	'authorization.k8s.io/v1/SelfSubjectAccessReview': {
		1: field('metadata', objectMeta),
		2: field('spec', {
			1: field('resourceAttributes', {1: field('namespace', 'string'), 2: field('verb', 'string'), 3: field('group', 'string'), 4: field('version', 'string'), 5: field('resource', 'string'), 6: field('subresource', 'string'), 7: field('name', 'string')}),
			2: field('nonResourceAttributes', {1: field('path', 'string'), 2: field('verb', 'string')}),
		}),
	},
	'authorization.k8s.io/v1/SelfSubjectRulesReview': {1: field('metadata', objectMeta), 2: field('spec', {1: field('namespace', 'string')})},
};
