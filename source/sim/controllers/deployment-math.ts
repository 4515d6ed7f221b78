import type {KubeObject} from '../../core/objects/types.js';

// The deployment controller's arithmetic (k8s.io/kubernetes/pkg/controller/deployment/util):
// template hashes, revisions, surge and unavailability bounds, and the rolling update's
// scale steps. Pure functions over plain objects.

export const hashLabel = 'pod-template-hash';
export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';

/** Deployment annotations the controller does not copy to its replica sets. */
const notCopied = new Set([
	'kubectl.kubernetes.io/last-applied-configuration',
	revisionAnnotation,
	revisionHistoryAnnotation,
	desiredReplicasAnnotation,
	maxReplicasAnnotation,
	'deprecated.deployment.rollback.to',
]);

const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The pod-template-hash label value: FNV-32a of the template, printed and made vowel-free like rand.SafeEncodeString. */
export function templateHash(template: unknown, collisionCount = 0): string {
	let hash = 0x811c9dc5;
	const text = canonical(template) + (collisionCount ? String(collisionCount) : '');
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return [...String(hash)].map(digit => safeAlphabet[digit.charCodeAt(0) % safeAlphabet.length]).join('');
}

/** Templates equal apart from the pod-template-hash label (how a deployment finds its replica set). */
export function equalIgnoringHash(a: any, b: any): boolean {
	return canonical(withoutHash(a)) === canonical(withoutHash(b));
}

export function withoutHash(template: any): any {
	const copy = structuredClone(template ?? {});
	if (copy.metadata?.labels) {
		delete copy.metadata.labels[hashLabel];
		if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
	}
	return copy;
}

export function revisionOf(object: KubeObject): number {
	const value = Number(object.metadata.annotations?.[revisionAnnotation]);
	return Number.isFinite(value) ? value : 0;
}

/** Deployment annotations a new replica set inherits. */
export function copiedAnnotations(deployment: KubeObject): Record<string, string> {
	return Object.fromEntries(Object.entries(deployment.metadata.annotations ?? {}).filter(([key]) => !notCopied.has(key)));
}

export function replicasOf(object: KubeObject): number {
	return object.spec?.replicas ?? 1;
}

/** maxSurge and maxUnavailable as pod counts (surge rounds up, unavailable down; never both 0). */
export function fenceposts(deployment: KubeObject): {maxSurge: number; maxUnavailable: number} {
	const replicas = replicasOf(deployment);
	if (deployment.spec?.strategy?.type === 'Recreate') return {maxSurge: 0, maxUnavailable: replicas};
	const rolling = deployment.spec?.strategy?.rollingUpdate ?? {};
	const maxSurge = scaled(rolling.maxSurge ?? '25%', replicas, true);
	let maxUnavailable = scaled(rolling.maxUnavailable ?? '25%', replicas, false);
	if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
	return {maxSurge, maxUnavailable};
}

function scaled(value: number | string, total: number, roundUp: boolean): number {
	if (typeof value === 'number') return value;
	const match = /^(\d+)%$/.exec(value);
	if (!match) return Number(value) || 0;
	const exact = (Number(match[1]) * total) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function specReplicas(replicaSets: KubeObject[]): number {
	return replicaSets.reduce((total, replicaSet) => total + (replicaSet.spec?.replicas ?? 0), 0);
}

export function statusCount(replicaSets: KubeObject[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
	return replicaSets.reduce((total, replicaSet) => total + (replicaSet.status?.[field] ?? 0), 0);
}

/** How many replicas the new replica set should have now (NewRSNewReplicas for RollingUpdate). */
export function newReplicaSetTarget(deployment: KubeObject, all: KubeObject[], currentNew: number): number {
	const replicas = replicasOf(deployment);
	const {maxSurge} = fenceposts(deployment);
	const current = specReplicas(all);
	const maxTotal = replicas + maxSurge;
	if (current >= maxTotal) return currentNew;
	return currentNew + Math.min(maxTotal - current, Math.max(0, replicas - currentNew));
}

/**
 * JSON with sorted keys and without null, empty objects and empty lists (which the API
 * server omits): a stable text for hashing and comparing templates.
 */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.map(([key, item]) => [key, canonical(item)] as const)
			.filter(([, text]) => text !== 'null' && text !== '{}' && text !== '[]' && text !== undefined);
		return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, text]) => `${JSON.stringify(key)}:${text}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
