import test from 'ava';
import {formatArgv, splitCommandLine} from '../../../source/core/command/split-command-line.js';

// The patch from seed 001 (shared/seeds/001_2f104524502d0587.txt), copied as the note has it.
const seedPatch = `kubectl -n kube-system patch deployment coredns --type='json' -p='[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", "value": true},
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/capabilities/drop", "value": []},
  {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsUser", "value": 0},
  {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsNonRoot", "value": false}
]'`;

const splits: Array<[name: string, text: string, argv: string[]]> = [
	['words and runs of blanks', 'kubectl  get\tpods   -A ', ['kubectl', 'get', 'pods', '-A']],
	['single quotes keep everything', `kubectl get pods -o 'jsonpath={.items[*].metadata.name}'`, ['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
	['double quotes with escapes', String.raw`kubectl annotate pod a "note=say \"hi\" \\ ok"`, ['kubectl', 'annotate', 'pod', 'a', 'note=say "hi" \\ ok']],
	['a quote in the middle of a word', `kubectl patch deploy coredns --type='json'`, ['kubectl', 'patch', 'deploy', 'coredns', '--type=json']],
	['backslash escapes outside quotes', String.raw`kubectl label pod a note=two\ words`, ['kubectl', 'label', 'pod', 'a', 'note=two words']],
	['backslash-newline joins lines', 'kubectl rollout status \\\n  deployment/coredns \\\n  -n kube-system', ['kubectl', 'rollout', 'status', 'deployment/coredns', '-n', 'kube-system']],
	['backslash-CRLF joins lines', 'kubectl get \\\r\n  pods', ['kubectl', 'get', 'pods']],
	['backslash-newline inside a word', 'kubectl get po\\\nds', ['kubectl', 'get', 'pods']],
	['empty quotes are an empty argument', `kubectl annotate pod a note=''`, ['kubectl', 'annotate', 'pod', 'a', 'note=']],
	['comments', '# restart it\nkubectl rollout restart deployment/web # now', ['kubectl', 'rollout', 'restart', 'deployment/web']],
	['a # inside a word is not a comment', 'kubectl get pods -l app=a#b', ['kubectl', 'get', 'pods', '-l', 'app=a#b']],
	['a lone $ is literal', 'kubectl annotate pod a price=5$', ['kubectl', 'annotate', 'pod', 'a', 'price=5$']],
	['jsonpath with $ and braces unquoted', 'kubectl get pods -o jsonpath={$.kind}', ['kubectl', 'get', 'pods', '-o', 'jsonpath={$.kind}']],
	["bash $'…' quoting", String.raw`kubectl annotate pod a $'n=\e[31m\x41\u00e9\'\n'`, ['kubectl', 'annotate', 'pod', 'a', "n=\u001b[31mAé'\n"]],
	['trailing blank lines', 'kubectl get pods\n\n', ['kubectl', 'get', 'pods']],
	['nothing', '   ', []],
	['a JSON patch spanning lines inside single quotes (seed 001)', seedPatch, [
		'kubectl', '-n', 'kube-system', 'patch', 'deployment', 'coredns', '--type=json',
		`-p=[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", "value": true},
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/capabilities/drop", "value": []},
  {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsUser", "value": 0},
  {"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsNonRoot", "value": false}
]`,
	]],
];

for (const [name, text, argv] of splits) {
	test(`splits: ${name}`, t => {
		t.deepEqual(splitCommandLine(text), {ok: true, argv});
	});
}

const rejected: Array<[name: string, text: string, error: string]> = [
	['a pipe', 'kubectl get pods | grep coredns', 'shell syntax "|" is not supported'],
	['a semicolon', 'kubectl get pods; kubectl delete pod a', 'shell syntax ";" is not supported'],
	['&&', 'kubectl get pods && echo ok', 'shell syntax "&" is not supported'],
	['a redirect', 'kubectl get pods -o yaml > pods.yaml', 'shell syntax ">" is not supported'],
	['$( )', 'kubectl delete pod $(kubectl get pods -o name)', 'shell expansion "$(" is not supported'],
	['$( ) in double quotes', 'kubectl logs "$(echo a)"', 'shell substitution "$(" is not supported'],
	['backticks', 'kubectl logs `echo a`', 'shell syntax "`" is not supported'],
	['backticks in double quotes', 'kubectl logs "`echo a`"', 'shell substitution "`" is not supported'],
	['a variable', 'kubectl -n $NAMESPACE get pods', 'shell expansion "$NAMESPACE" is not supported'],
	['${ }', 'kubectl -n ${NS} get pods', 'shell expansion "${" is not supported'],
	['a variable in double quotes', 'kubectl -n "$NS" get pods', 'shell substitution "$NS" is not supported'],
	['a tilde', 'kubectl apply -f ~/web.yaml', '"~" is not expanded'],
	['two commands on two lines', 'kubectl rollout restart deployment/web\nkubectl rollout status deployment/web', 'one command per block'],
	['a second line starting with a quote', "kubectl get pods\n'kubectl' delete pod a", 'one command per block'],
	['a second line starting with a backslash', 'kubectl get pods\n\\kubectl delete pod a', 'one command per block'],
	['unterminated single quote', "kubectl patch deploy a -p '{", 'unterminated single quote'],
	['unterminated double quote', 'kubectl annotate pod a "x', 'unterminated double quote'],
	["unterminated $'", "kubectl annotate pod a $'x", "unterminated $'…' quote"],
	['trailing backslash', 'kubectl get pods \\', 'trailing backslash'],
];

for (const [name, text, error] of rejected) {
	test(`rejects: ${name}`, t => {
		const result = splitCommandLine(text);
		t.false(result.ok);
		t.true(!result.ok && result.error.includes(error), !result.ok ? result.error : '');
	});
}

const formats: Array<[string[], string]> = [
	[['kubectl', 'get', 'pods', '-n', 'kube-system'], 'kubectl get pods -n kube-system'],
	[['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'], `kubectl get pods -o 'jsonpath={.items[*].metadata.name}'`],
	[['kubectl', 'annotate', 'pod', 'a', "note=it's"], `kubectl annotate pod a 'note=it'\\''s'`],
	[['kubectl', 'annotate', 'pod', 'a', 'note='], 'kubectl annotate pod a note='],
	[['echo', ''], `echo ''`],
	[['kubectl', 'get', 'pod', '{{pod}}'], 'kubectl get pod {{pod}}'],
	[['kubectl', 'get', 'pods', '-o', 'custom-columns={a,b}'], `kubectl get pods -o 'custom-columns={a,b}'`],
	[['echo', '=ls'], `echo '=ls'`],
	[['kubectl', 'logs', 'a; rm -rf /'], `kubectl logs 'a; rm -rf /'`],
	[['kubectl', 'logs', '$(x)'], `kubectl logs '$(x)'`],
	[['kubectl', 'annotate', 'pod', 'a', 'n=\u001b]0;pwned\u0007'], String.raw`kubectl annotate pod a $'n=\e]0;pwned\x07'`],
	[['kubectl', 'annotate', 'pod', 'a', 'n=\u009b2J\r'], String.raw`kubectl annotate pod a $'n=\x9b2J\r'`],
	[['kubectl', 'annotate', 'pod', 'a', 'n=\u202eexe.txt'], String.raw`kubectl annotate pod a $'n=\u202eexe.txt'`],
];

for (const [argv, text] of formats) {
	test(`formats ${JSON.stringify(argv)}`, t => {
		t.is(formatArgv(argv), text);
	});
}

test('formatArgv never shows a control character raw (a multi-line patch keeps its newlines)', t => {
	t.false(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(formatArgv(['a', '\u001b[2J', '\u0000', '\u0085', 'x\ry'])));
	t.is(formatArgv(['kubectl', 'patch', '-p', '[\n  {}\n]']), `kubectl patch -p '[\n  {}\n]'`);
});

const roundTrips: string[][] = [
	['kubectl', 'get', 'pods'],
	['kubectl', 'annotate', 'pod', 'a', "it's \"quoted\" \\ and $HOME `x` $(y) ; | & > < ( ) # ~ * ? [ ] { } !"],
	['kubectl', 'patch', 'deployment', 'coredns', '--type=json', '-p', '[\n  {"op": "add", "path": "/x", "value": 0}\n]'],
	['kubectl', 'annotate', 'pod', 'a', '', ' ', '\t', '\n', '\\', "'", "''", '"'],
	['kubectl', 'annotate', 'pod', 'a', '\u001b[31mred\u001b[0m\u0007\u0000\u0085\u009b\u202e\r\n\t\\\'x'],
	['kubectl', 'logs', '~', '=x', '{a,b}', '{1..3}', '-n', 'kube-system', 'é漢字', '😀'],
];

for (const argv of roundTrips) {
	test(`round trip ${JSON.stringify(argv).slice(0, 60)}`, t => {
		t.deepEqual(splitCommandLine(formatArgv(argv)), {ok: true, argv});
	});
}

test('formatted argv runs as exactly that argv in a real shell', async t => {
	const {spawnSync} = await import('node:child_process');
	const argv = ['printf', '[%s]\\n', "it's", '$HOME', '`id`', 'a b', '*', '{a,b}', '\u001b[31m', 'x\ny'];
	const result = spawnSync('/bin/bash', ['-c', formatArgv(argv)], {encoding: 'utf8'});
	t.is(result.stdout, argv.slice(2).map(arg => `[${arg}]\n`).join(''));
});
