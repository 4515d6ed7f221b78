import test from 'ava';
import {classify} from '../../source/core/command/classify-command.js';
import {targetArgv, type KubectlTarget} from '../../source/exec/kubectl-target.js';

const single: KubectlTarget = {context: 'kind-dev', kubeconfigPaths: ['/home/ada/.kube/config'], origin: '~/.kube/config'};
const merged: KubectlTarget = {context: 'kind-dev', kubeconfigPaths: ['/a/config', '/b/config'], origin: '$KUBECONFIG'};

test('the session kubeconfig and context come right after kubectl', t => {
	const result = targetArgv(['kubectl', 'describe', 'pod', 'web', '-n', 'shop'], single);
	t.deepEqual(result, {ok: true, argv: ['kubectl', '--kubeconfig=/home/ada/.kube/config', '--context=kind-dev', 'describe', 'pod', 'web', '-n', 'shop'], env: {}});
	if (result.ok) t.is(classify(result.argv), 'read', 'the added flags do not change the classification');
});

test('several kubeconfig files travel merged in $KUBECONFIG', t => {
	t.deepEqual(targetArgv(['kubectl', 'get', 'pods'], merged), {ok: true, argv: ['kubectl', '--context=kind-dev', 'get', 'pods'], env: {KUBECONFIG: '/a/config:/b/config'}});
});

test('in-cluster and the localhost fallback add nothing', t => {
	t.deepEqual(targetArgv(['kubectl', 'get', 'pods'], {context: 'inCluster', kubeconfigPaths: [], origin: 'in-cluster'}), {ok: true, argv: ['kubectl', 'get', 'pods'], env: {}});
});

const refusals: Array<[string, string[], RegExp]> = [
	['another context', ['kubectl', '--context', 'prod', 'delete', 'pod', 'web'], /names context "prod", but this session targets "kind-dev"/],
	['another context, = form after the verb', ['kubectl', 'delete', 'pod', 'web', '--context=prod'], /names context "prod"/],
	['another kubeconfig', ['kubectl', 'get', 'pods', '--kubeconfig', '/tmp/other'], /names kubeconfig "\/tmp\/other"/],
	['a server', ['kubectl', '-s', 'https://10.0.0.1:6443', 'get', 'pods'], /sets --server/],
	['a cluster', ['kubectl', 'get', 'pods', '--cluster=prod'], /sets --cluster/],
	['a user', ['kubectl', 'get', 'pods', '--user', 'admin'], /sets --user/],
];

for (const [name, argv, message] of refusals) {
	test(`refused: ${name}`, t => {
		const result = targetArgv(argv, single);
		t.false(result.ok);
		if (!result.ok) t.regex(result.error, message);
	});
}

test('naming the session\'s own context and kubeconfig is fine', t => {
	t.true(targetArgv(['kubectl', 'get', 'pods', '--context', 'kind-dev', '--kubeconfig', '/home/ada/.kube/config'], single).ok);
});

test('flags after -- belong to the container command', t => {
	t.true(targetArgv(['kubectl', 'exec', 'web', '--', 'curl', '--user', 'a:b', 'http://x'], single).ok);
});
