// The cluster flags shared by every command that talks to a cluster (console, diagnose, guide):
// one spec list so their help and parsing never drift apart.
import type {Options, Values} from './command.js';

export const kubeOptions = {
	context: {type: 'string', value: 'NAME', description: 'kubeconfig context to use (default: the current context)'},
	namespace: {type: 'string', short: 'n', value: 'NS', description: "namespace to look at (default: the context's namespace, else default)"},
	'all-namespaces': {type: 'boolean', short: 'A', description: 'look at every namespace'},
	kubeconfig: {type: 'string', value: 'FILE', description: 'kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)'},
	'read-only': {type: 'boolean', description: 'never run a command that changes the cluster or the host'},
	playbooks: {type: 'string', multiple: true, value: 'DIR', description: 'more playbooks, added to the shipped ones (repeatable)'},
} satisfies Options;

/** Only --playbooks: for commands that read no cluster (`match`, `playbooks`). */
export const playbookOptions = {playbooks: kubeOptions.playbooks} satisfies Options;

export type KubeFlags = {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	readOnly: boolean;
	playbookDirs: string[];
};

export function kubeFlagsFrom(values: Values): KubeFlags {
	return {
		kubeconfig: stringValue(values.kubeconfig),
		context: stringValue(values.context),
		namespace: stringValue(values.namespace),
		allNamespaces: values['all-namespaces'] === true,
		readOnly: values['read-only'] === true,
		playbookDirs: playbookDirsFrom(values),
	};
}

export function playbookDirsFrom(values: Values): string[] {
	const dirs = values.playbooks;
	if (dirs === undefined) return [];
	return Array.isArray(dirs) ? dirs : [String(dirs)];
}

function stringValue(value: Values[string]): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
