// Kind names as people type them (`pod`, `pods`, `po`, `Namespace`, `ns`) to the kinds kconsole watches.
import type {WatchedKind} from '../core/objects/types.js';
import {kindResources} from '../kube/kind-resources.js';

const words = new Map<string, WatchedKind>();
for (const [kind, resource] of Object.entries(kindResources) as Array<[WatchedKind, (typeof kindResources)[WatchedKind]]>) {
	words.set(kind.toLowerCase(), kind);
	words.set(resource.plural, kind);
}
for (const [short, kind] of Object.entries({ns: 'Namespace', no: 'Node', po: 'Pod', deploy: 'Deployment', rs: 'ReplicaSet', svc: 'Service', ep: 'Endpoints', ing: 'Ingress'} as const)) {
	words.set(short, kind);
}

export function watchedKindFor(word: string): WatchedKind | undefined {
	return words.get(word.toLowerCase());
}

export function isNamespaced(kind: WatchedKind): boolean {
	return kindResources[kind].namespaced;
}
