// The `:` command line: `:ns kube-system`, `:ctx kind-dev`, `:pods`, `:deploy`, `:events`,
// `:nodes`, `:playbooks`. Parsed here into data; the console state decides what it does.

export type ResourceView = 'pods' | 'deployments' | 'events' | 'nodes' | 'playbooks';

export type ConsoleCommand =
	| {type: 'namespace'; namespace: string | null}
	| {type: 'context'; name: string}
	| {type: 'view'; view: ResourceView}
	| {type: 'quit'}
	| {type: 'help'}
	| {type: 'error'; message: string};

const views: Record<string, ResourceView> = {
	pods: 'pods',
	pod: 'pods',
	po: 'pods',
	deploy: 'deployments',
	deployments: 'deployments',
	deployment: 'deployments',
	events: 'events',
	event: 'events',
	ev: 'events',
	nodes: 'nodes',
	node: 'nodes',
	no: 'nodes',
	playbooks: 'playbooks',
	playbook: 'playbooks',
	pb: 'playbooks',
};

const namespacePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const contextPattern = /^[^\s\u0000-\u001f]+$/;

export function parseConsoleCommand(text: string): ConsoleCommand {
	const [verb = '', ...rest] = text.trim().split(/\s+/);
	const argument = rest.join(' ');
	switch (verb) {
		case 'ns':
		case 'namespace': {
			if (!argument) return {type: 'error', message: 'usage: :ns NAME (or :ns all)'};
			if (argument === 'all' || argument === '-A' || argument === '*') return {type: 'namespace', namespace: null};
			if (!namespacePattern.test(argument)) return {type: 'error', message: `"${argument}" is not a namespace name (lowercase letters, digits and "-")`};
			return {type: 'namespace', namespace: argument};
		}
		case 'ctx':
		case 'context': {
			if (!argument || !contextPattern.test(argument)) return {type: 'error', message: 'usage: :ctx NAME'};
			return {type: 'context', name: argument};
		}
		case 'q':
		case 'quit':
			return {type: 'quit'};
		case 'help':
			return {type: 'help'};
		case '':
			return {type: 'error', message: 'type a command: ns, ctx, pods, deploy, events, nodes, playbooks'};
		default:
			if (views[verb] && !argument) return {type: 'view', view: views[verb]};
			return {type: 'error', message: `unknown command ":${text.trim()}" (ns, ctx, pods, deploy, events, nodes, playbooks)`};
	}
}
