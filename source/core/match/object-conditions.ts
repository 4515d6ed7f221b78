import type {Endpoints, KubeObject, Node, NodeCondition, Service} from '../objects/types.js';
import type {NodeRule, ObjectRule} from '../playbook/types.js';
import {addGroups, type RuleMatch} from './rule-match.js';
import type {SubjectContext} from './subject.js';

export function matchNode(rule: NodeRule, context: SubjectContext, out: RuleMatch): boolean {
	if (context.kind !== 'Node' || !context.object) return false;
	const condition = (context.object as Node).status?.conditions?.find((candidate: NodeCondition) => candidate.type === rule.condition);
	if (condition?.status !== rule.status) return false;
	const detail = [condition.reason, condition.message].filter(Boolean).join(': ');
	out.evidence.push(`node ${context.name} ${condition.type}=${condition.status}${detail ? `: ${detail}` : ''}`);
	return true;
}

export function matchObject(rule: ObjectRule, context: SubjectContext, out: RuleMatch): boolean {
	const object = context.object;
	if (!object || object.kind !== rule.kind) return false;
	if (rule.field !== undefined && !matchField(rule, object, out)) return false;
	if (rule.check === 'service-without-endpoints') return serviceWithoutEndpoints(object as Service, context, out);
	if (rule.check === 'ingress-class-missing') return ingressClassMissing(object, context, out);
	if (rule.check === 'role-missing') return roleMissing(object, context, out);
	return true;
}

function matchField(rule: ObjectRule, object: KubeObject, out: RuleMatch): boolean {
	const path = rule.field!;
	const value = fieldValue(object, path);
	const present = value !== undefined && value !== null;
	let holds: boolean;
	if (rule.equals !== undefined) holds = present && String(value) === String(rule.equals);
	else if (rule.pattern) holds = present && typeof value !== 'object' && rule.pattern.test(String(value));
	else holds = present === (rule.exists ?? true);
	if (!holds) return false;
	if (rule.pattern) addGroups(rule.pattern, String(value), out.captures);
	out.evidence.push(present ? `${path}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}` : `${path} is not set`);
	return true;
}

/** A dotted path into an object; numeric segments index arrays. */
export function fieldValue(object: unknown, path: string): unknown {
	let value = object;
	for (const segment of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[segment];
	}
	return value;
}

/** A Service with a selector whose Endpoints hold no ready address. */
function serviceWithoutEndpoints(service: Service, context: SubjectContext, out: RuleMatch): boolean {
	const selector = service.spec?.selector;
	if (!selector || Object.keys(selector).length === 0 || service.spec.type === 'ExternalName') return false;
	const endpoints = context.store.lookup('Endpoints', context.namespace, context.name) as Endpoints | undefined;
	if (!endpoints && !context.store.known('Endpoints')) return false;
	if (endpoints?.subsets?.some(subset => (subset.addresses?.length ?? 0) > 0)) return false;
	const selects = Object.entries(selector)
		.map(([key, value]) => `${key}=${value}`)
		.join(',');
	out.evidence.push(`service ${context.name} selects ${selects} but has no ready endpoints`);
	return true;
}

/** An Ingress naming an IngressClass (field or deprecated annotation) that does not exist. */
function ingressClassMissing(ingress: KubeObject, context: SubjectContext, out: RuleMatch): boolean {
	const fromField: string | undefined = ingress.spec?.ingressClassName;
	const className = fromField ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
	if (!className) return false;
	const classes = context.store.objectsOf('IngressClass');
	if (classes?.has(className)) return false;
	if (!classes?.size && !context.store.known('IngressClass')) return false;
	const asked = fromField ? `ingressClassName ${className}` : `annotation kubernetes.io/ingress.class=${className}`;
	const existing = classes?.size ? `existing: ${[...classes.keys()].sort().join(', ')}` : 'there is none';
	out.evidence.push(`ingress ${context.name} asks for ${asked} but no IngressClass ${className} exists (${existing})`);
	return true;
}

type BindingSubject = {kind?: string; name?: string; namespace?: string};

/** A RoleBinding or ClusterRoleBinding whose roleRef names a Role or ClusterRole that does not exist. */
function roleMissing(binding: KubeObject, context: SubjectContext, out: RuleMatch): boolean {
	const reference = binding.roleRef as {kind?: string; name?: string} | undefined;
	if (!reference?.name || (reference.kind !== 'Role' && reference.kind !== 'ClusterRole')) return false;
	// A RoleBinding's Role lives in the binding's namespace; a ClusterRole has none.
	const namespace = reference.kind === 'Role' ? context.namespace : null;
	if (context.store.lookup(reference.kind, namespace, reference.name) || !context.store.known(reference.kind)) return false;
	const subjects = (binding.subjects ?? []) as BindingSubject[];
	const account = subjects.find(subject => subject.kind === 'ServiceAccount' && subject.name);
	const user = subjects.find(subject => subject.kind === 'User' && subject.name);
	Object.assign(out.captures, {role: reference.name, roleKind: reference.kind});
	if (account) Object.assign(out.captures, {serviceAccount: account.name, serviceAccountNamespace: account.namespace ?? context.namespace ?? ''});
	if (user) out.captures.user = user.name!;
	const who = subjects.map(subject => `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`).join(', ') || 'no subjects';
	out.evidence.push(`${binding.kind?.toLowerCase()} ${context.name} grants ${reference.kind} ${reference.name}, which does not exist (subjects: ${who})`);
	return true;
}
