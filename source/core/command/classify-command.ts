// The one gate between reading and writing: the executor, read-only mode and the UI all ask
// this function and nothing else. "read" means the command changes nothing and shows nothing
// a read-only watcher must not see; everything else, including whatever we do not recognise,
// is "write".
import {argumentsEnd, booleanFlag, flagValue, kubectlCommand} from './kubectl-argv.js';

export type CommandClass = 'read' | 'write';

// Command paths (verb and subcommand, aliases resolved) that only read.
const readCommands = new Set([
	'get', 'describe', 'logs', 'top', 'top node', 'top pod', 'events', 'explain', 'version', 'api-resources', 'api-versions',
	'cluster-info', 'cluster-info dump', 'auth can-i', 'auth whoami', 'rollout status', 'rollout history',
	'config view', 'config get-contexts', 'config current-context', 'config get-clusters', 'config get-users', 'wait',
	// They print text and touch nothing.
	'completion', 'help', 'options',
]);

export function classify(argv: string[]): CommandClass {
	const command = kubectlCommand(argv);
	if (!command) return 'write';
	if (writesLocalFiles(argv)) return 'write';
	const path = command.path.join(' ');
	// `kubectl` with global flags only prints its usage.
	if (path === '') return 'read';
	if (!readCommands.has(path)) return 'write';
	if (path === 'cluster-info dump' && flagValue(argv, {long: 'output-directory'}) !== undefined) return 'write';
	// The kubeconfig's credentials, unredacted.
	if (path === 'config view' && booleanFlag(argv, 'raw')) return 'write';
	if (path === 'get' && getShowsSecretData(argv, command.end)) return 'write';
	return 'read';
}

/** Global flags that make any kubectl command write files on this machine. */
function writesLocalFiles(argv: string[]): boolean {
	const end = argumentsEnd(argv);
	for (let index = 1; index < end; index++) {
		const arg = argv[index];
		if (/^--(cache-dir|profile-output)(=|$)/.test(arg)) return true;
	}
	const profile = flagValue(argv, {long: 'profile'});
	return profile !== undefined && profile !== 'none';
}

// Flags of `kubectl get` (and global ones) whose value is the next element, so that value is not read as a resource.
const getValueFlags = new Set([
	'-o', '--output', '-l', '--selector', '--field-selector', '-L', '--label-columns', '--sort-by', '--template', '--chunk-size',
	'--raw', '--subresource', '-f', '--filename', '-k', '--kustomize', '-n', '--namespace', '-s', '--server', '-v', '--v',
	'--as', '--as-group', '--as-uid', '--cache-dir', '--certificate-authority', '--client-certificate', '--client-key', '--cluster',
	'--context', '--kubeconfig', '--log-flush-frequency', '--password', '--profile', '--profile-output', '--request-timeout',
	'--tls-server-name', '--token', '--user', '--username', '--vmodule',
]);
// Output formats that print names and table columns only; every other format prints the object's data.
const summaryOutputs = new Set(['', 'wide', 'name']);

/** `kubectl get secret … -o yaml` and its relatives print a Secret's data. */
function getShowsSecretData(argv: string[], from: number): boolean {
	const end = argumentsEnd(argv);
	const raw = flagValue(argv, {long: 'raw'}, from, end);
	if (raw !== undefined && /\/secrets(?:[/?]|$)/.test(raw)) return true;
	const output = flagValue(argv, {long: 'output', short: 'o'}, from, end);
	const template = flagValue(argv, {long: 'template'}, from, end);
	if ((output === undefined || summaryOutputs.has(output)) && template === undefined) return false;
	const positionals: string[] = [];
	let fromFiles = false;
	for (let index = from; index < end; index++) {
		const arg = argv[index];
		if (!arg.startsWith('-') || arg === '-') {
			positionals.push(arg);
			continue;
		}
		const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
		if (['-f', '--filename', '-k', '--kustomize'].includes(name) || /^-[fk]./.test(arg)) fromFiles = true;
		if (getValueFlags.has(arg)) index++;
	}
	// Objects read from files may be Secrets; we cannot tell without reading them.
	if (fromFiles) return true;
	// `get TYPE[,TYPE] [NAME…]` or `get TYPE/NAME…`: only type words can name Secrets.
	const typeWords = positionals.length > 0 && !positionals[0].includes('/') ? [positionals[0]] : positionals;
	return typeWords.some(word => word.split(',').some(isSecretType));
}

function isSecretType(resource: string): boolean {
	const type = resource.split('/')[0].split('.')[0].toLowerCase();
	return type === 'secret' || type === 'secrets';
}
