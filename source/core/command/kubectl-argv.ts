// How kubectl reads its own argv: global flags may come before the verb and between a verb
// and its subcommand (`kubectl -n shop rollout status deploy/web`). Shared by the classifier
// and the dry-run builder so both agree on which command an argv is.

// Global flags (`kubectl options`) whose value is the next element unless written `--flag=value`.
const globalValueFlags = new Set([
	'as', 'as-group', 'as-uid', 'cache-dir', 'certificate-authority', 'client-certificate', 'client-key', 'cluster',
	'context', 'kubeconfig', 'log-flush-frequency', 'namespace', 'password', 'profile', 'profile-output',
	'request-timeout', 'server', 'tls-server-name', 'token', 'user', 'username', 'v', 'vmodule',
]);
// Boolean global flags take a value only as `--flag=value`; a following element is the next word.
const globalBoolFlags = new Set(['disable-compression', 'insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors', 'help']);
const globalValueShorthands = new Set(['n', 's', 'v']);

/** Subcommands per command path, each written `name|alias…`; the first name is the one reported. */
const subcommandSpecs: Record<string, string> = {
	rollout: 'history pause restart resume status undo',
	auth: 'can-i reconcile whoami',
	config: 'current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context view',
	certificate: 'approve deny',
	'cluster-info': 'dump',
	top: 'node|nodes|no pod|pods|po',
	plugin: 'list',
	apply: 'edit-last-applied set-last-applied view-last-applied',
	set: 'env image resources selector serviceaccount|sa subject',
	create: 'clusterrole clusterrolebinding configmap|cm cronjob|cj deployment|deploy ingress|ing job namespace|ns poddisruptionbudget|pdb priorityclass|pc quota|resourcequota role rolebinding secret service|svc serviceaccount|sa token',
	'create secret': 'docker-registry generic tls',
	'create service': 'clusterip externalname loadbalancer nodeport',
};

const subcommands = new Map(Object.entries(subcommandSpecs).map(([path, spec]) => {
	const names = new Map<string, string>();
	for (const entry of spec.split(' ')) {
		const [canonical, ...aliases] = entry.split('|');
		for (const name of [canonical, ...aliases]) names.set(name, canonical);
	}
	return [path, names];
}));

/**
 * How many argv elements the global flag at argv[index] spans: 2 for `-n shop`, 1 for
 * `--namespace=shop` or `--insecure-skip-tls-verify`, 0 when argv[index] is not a global flag.
 */
export function globalFlagSpan(argv: string[], index: number): number {
	const arg = argv[index];
	if (arg.startsWith('--')) {
		const equals = arg.indexOf('=');
		const name = arg.slice(2, equals === -1 ? undefined : equals);
		if (globalBoolFlags.has(name)) return 1;
		if (globalValueFlags.has(name)) return equals === -1 ? 2 : 1;
		return 0;
	}
	if (arg === '-h') return 1;
	// `-n shop`, `-nshop`, `-n=shop`, `-v6` are all the same flag to pflag.
	if (arg.length >= 2 && arg[0] === '-' && globalValueShorthands.has(arg[1])) return arg.length === 2 ? 2 : 1;
	return 0;
}

export type KubectlCommand = {
	/** The verb and its subcommands with aliases resolved: `['rollout', 'status']`, `['create', 'secret', 'generic']`; empty when there is no verb. */
	path: string[];
	/** Index in argv just after the last word of the path. */
	end: number;
};

/**
 * The command an argv runs, or null when argv[0] is not `kubectl` or the verb cannot be told
 * apart from a flag's value (an unknown flag or `--` before it).
 */
export function kubectlCommand(argv: string[]): KubectlCommand | null {
	if (argv[0] !== 'kubectl') return null;
	const path: string[] = [];
	let end = 1;
	for (let index = 1; index < argv.length;) {
		const arg = argv[index];
		if (arg.startsWith('-') && arg !== '-') {
			const span = globalFlagSpan(argv, index);
			if (span === 0) {
				// Before the verb we cannot know whether the next element is this flag's value.
				if (path.length === 0) return null;
				break;
			}
			index += span;
			if (path.length === 0) end = Math.min(index, argv.length);
			continue;
		}
		if (path.length === 0) {
			path.push(arg);
		} else {
			const canonical = subcommands.get(path.join(' '))?.get(arg);
			if (canonical === undefined) break;
			path.push(canonical);
		}
		index++;
		end = index;
	}
	return {path, end};
}

/** Where a command's own arguments end: the first `--` (what follows goes to a container or a plugin), else argv.length. */
export function argumentsEnd(argv: string[]): number {
	const index = argv.indexOf('--');
	return index === -1 ? argv.length : index;
}

/** The last value given for a flag among argv[from, to): `-o yaml`, `-oyaml`, `-o=yaml`, `--output yaml`, `--output=yaml`. */
export function flagValue(argv: string[], names: {long: string; short?: string}, from = 1, to = argumentsEnd(argv)): string | undefined {
	let value: string | undefined;
	for (let index = from; index < to; index++) {
		const arg = argv[index];
		if (arg === `--${names.long}` || (names.short && arg === `-${names.short}`)) {
			value = argv[index + 1] ?? '';
			index++;
		} else if (arg.startsWith(`--${names.long}=`)) {
			value = arg.slice(names.long.length + 3);
		} else if (names.short && arg.startsWith(`-${names.short}`) && !arg.startsWith('--')) {
			value = arg.slice(2).replace(/^=/, '');
		}
	}
	return value;
}

/** Whether a boolean flag is on: `--raw`, `--raw=true`; the last occurrence wins, as in pflag. */
export function booleanFlag(argv: string[], long: string, from = 1, to = argumentsEnd(argv)): boolean {
	let on = false;
	for (let index = from; index < to; index++) {
		const arg = argv[index];
		if (arg === `--${long}`) on = true;
		// Anything but a false spelling counts as on: kubectl rejects it, and guessing "off" would be unsafe.
		else if (arg.startsWith(`--${long}=`)) on = !['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(arg.slice(long.length + 3));
	}
	return on;
}
