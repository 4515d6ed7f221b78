// Just enough of /openapi/v3 for kubectl create/apply: each PATCH operation names its kind and
// accepts `fieldValidation`, so kubectl leaves validation to the server instead of needing full
// schemas. There are no schemas (kubectl explain has nothing to show); apply then computes its
// patch from kubectl's built-in types, as it does for any kind without an OpenAPI schema.
import {type Resource, resources} from '../store/resources.js';

const hash = 'kconsole-sim-1';

function groupVersionPath(resource: Resource): string {
	return resource.group ? `apis/${resource.group}/${resource.version}` : `api/${resource.version}`;
}

export function openApiIndex(): object {
	const paths: Record<string, {serverRelativeURL: string}> = {};
	for (const resource of resources) {
		const path = groupVersionPath(resource);
		paths[path] = {serverRelativeURL: `/openapi/v3/${path}?hash=${hash}`};
	}
	return {paths};
}

/** The document of one group-version (`api/v1`, `apis/apps/v1`), or undefined. */
export function openApiDocument(path: string): object | undefined {
	const served = resources.filter(resource => groupVersionPath(resource) === path);
	if (served.length === 0) return undefined;
	const paths: Record<string, object> = {};
	for (const resource of served) {
		const gvk = {group: resource.group, version: resource.version, kind: resource.kind};
		const parameters = [
			{name: 'dryRun', in: 'query', schema: {type: 'string', uniqueItems: true}},
			{name: 'fieldManager', in: 'query', schema: {type: 'string', uniqueItems: true}},
			{name: 'fieldValidation', in: 'query', schema: {type: 'string', uniqueItems: true}},
		];
		const item = resource.namespaced ? `/${path}/namespaces/{namespace}/${resource.name}/{name}` : `/${path}/${resource.name}/{name}`;
		const collection = resource.namespaced ? `/${path}/namespaces/{namespace}/${resource.name}` : `/${path}/${resource.name}`;
		if (resource.verbs.includes('patch')) {
			paths[item] = {patch: {operationId: `patch${resource.kind}`, parameters, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk}};
		}
		if (resource.verbs.includes('create')) {
			paths[collection] = {post: {operationId: `create${resource.kind}`, parameters, 'x-kubernetes-action': 'post', 'x-kubernetes-group-version-kind': gvk}};
		}
	}
	return {openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.32.0'}, paths, components: {schemas: {}}};
}
