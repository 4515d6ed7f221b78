import {spawn} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {UserError} from '../../source/commands/command.js';
import {checkReachable, loadTarget} from '../../source/kube/kube-target.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

type ConfigSpec = {current?: string; contexts?: Array<{name: string; cluster: string; user?: string; namespace?: string}>; clusters?: Array<{name: string; server: string}>};

function kubeconfig(spec: ConfigSpec): string {
	const lines = ['apiVersion: v1', 'kind: Config'];
	if (spec.current) lines.push(`current-context: ${spec.current}`);
	lines.push('clusters:');
	for (const cluster of spec.clusters ?? []) lines.push(`- name: ${cluster.name}`, '  cluster:', `    server: ${cluster.server}`);
	lines.push('contexts:');
	for (const context of spec.contexts ?? []) {
		lines.push(`- name: ${context.name}`, '  context:', `    cluster: ${context.cluster}`, `    user: ${context.user ?? 'admin'}`);
		if (context.namespace) lines.push(`    namespace: ${context.namespace}`);
	}
	lines.push('users:', '- name: admin', '  user:', '    token: secret-token');
	return `${lines.join('\n')}\n`;
}

function tempHome(): string {
	return mkdtempSync(path.join(tmpdir(), 'kconsole-kubeconfig-'));
}

function write(directory: string, name: string, text: string): string {
	const file = path.join(directory, name);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
	return file;
}

const dev = kubeconfig({current: 'dev', clusters: [{name: 'dev', server: 'https://dev.example:6443'}], contexts: [{name: 'dev', cluster: 'dev', namespace: 'shop'}]});
const prod = kubeconfig({current: 'prod', clusters: [{name: 'prod', server: 'https://prod.example:6443'}, {name: 'dev', server: 'https://shadowed.example'}], contexts: [{name: 'prod', cluster: 'prod'}]});

test('~/.kube/config is read when nothing else is given, with the namespace of its context', t => {
	const home = tempHome();
	write(home, '.kube/config', dev);
	const target = loadTarget({env: {HOME: home}});
	t.like(target, {context: 'dev', server: 'https://dev.example:6443', namespace: 'shop', allNamespaces: false, origin: '~/.kube/config'});
	t.deepEqual(target.kubeconfigPaths, [path.join(home, '.kube/config')]);
});

test('several files in KUBECONFIG are merged: the first current-context and the first definition of a name win', t => {
	const home = tempHome();
	const first = write(home, 'dev.yaml', dev);
	const second = write(home, 'prod.yaml', prod);
	const target = loadTarget({env: {HOME: home, KUBECONFIG: `${first}:${second}`}});
	t.like(target, {context: 'dev', server: 'https://dev.example:6443', origin: '$KUBECONFIG'});
	t.deepEqual(target.kubeconfigPaths, [first, second]);
	const other = loadTarget({context: 'prod', env: {HOME: home, KUBECONFIG: `${first}:${second}`}});
	t.like(other, {context: 'prod', server: 'https://prod.example:6443', namespace: 'default'});
});

test('files missing from KUBECONFIG are skipped like kubectl does', t => {
	const home = tempHome();
	const file = write(home, 'dev.yaml', dev);
	const target = loadTarget({env: {HOME: home, KUBECONFIG: `${path.join(home, 'gone.yaml')}::${file}`}});
	t.is(target.context, 'dev');
	t.deepEqual(target.kubeconfigPaths, [file]);
});

test('--kubeconfig wins over KUBECONFIG, and -n over the context namespace', t => {
	const home = tempHome();
	const file = write(home, 'prod.yaml', prod);
	const target = loadTarget({kubeconfig: file, namespace: 'payments', env: {HOME: home, KUBECONFIG: write(home, 'dev.yaml', dev)}});
	t.like(target, {context: 'prod', namespace: 'payments', origin: '--kubeconfig'});
});

test('-A asks for every namespace', t => {
	const home = tempHome();
	write(home, '.kube/config', dev);
	t.true(loadTarget({allNamespaces: true, env: {HOME: home}}).allNamespaces);
});

const errors: Array<{name: string; files: Record<string, string>; options: {kubeconfig?: string; context?: string; namespace?: string}; message: string}> = [
	{name: 'an unknown context names the ones there are', files: {'.kube/config': dev}, options: {context: 'staging'}, message: 'context "staging" not found in ~/.kube/config (contexts: dev)'},
	{
		name: 'no current context asks for --context',
		files: {'.kube/config': kubeconfig({clusters: [{name: 'a', server: 'https://a'}], contexts: [{name: 'a', cluster: 'a'}]})},
		options: {},
		message: 'no current context in ~/.kube/config: pick one with --context (contexts: a) or run kubectl config use-context NAME',
	},
	{
		name: 'a context whose cluster is missing',
		files: {'.kube/config': kubeconfig({current: 'a', contexts: [{name: 'a', cluster: 'gone'}]})},
		options: {},
		message: 'context "a" names cluster "gone", which ~/.kube/config does not define',
	},
	{name: 'a --kubeconfig that does not exist', files: {}, options: {kubeconfig: '~/nope.yaml'}, message: 'the kubeconfig ~/nope.yaml given with --kubeconfig does not exist'},
	{name: 'a kubeconfig that is not YAML', files: {'.kube/config': 'clusters: [unclosed\n'}, options: {}, message: 'the kubeconfig ~/.kube/config is not valid YAML: '},
	{name: 'a bad namespace name', files: {'.kube/config': dev}, options: {namespace: 'Shop_1'}, message: '"Shop_1" is not a valid namespace name (lowercase letters, digits and "-")'},
];

for (const {name, files, options, message} of errors) {
	test(name, t => {
		const home = tempHome();
		for (const [file, text] of Object.entries(files)) write(home, file, text);
		const error = t.throws(() => loadTarget({...options, env: {HOME: home}}), {instanceOf: UserError});
		t.true(error!.message.startsWith(message), error!.message);
		t.false(error!.message.includes('\n'));
	});
}

test('without any kubeconfig the target is localhost:8080, and the error says no kubeconfig was found', async t => {
	const home = tempHome();
	const target = loadTarget({env: {HOME: home}});
	t.is(target.server, 'http://localhost:8080');
	t.deepEqual(target.kubeconfigPaths, []);
	const error = await t.throwsAsync(checkReachable(target, 2000), {instanceOf: UserError});
	t.is(
		error!.message,
		'cannot reach a cluster: no kubeconfig was found ($KUBECONFIG is not set and ~/.kube/config does not exist), so kconsole tried http://localhost:8080 like kubectl does (connection refused); pass --kubeconfig FILE or set KUBECONFIG',
	);
});

test('KUBECONFIG naming only missing files says so', async t => {
	const home = tempHome();
	const target = loadTarget({env: {HOME: home, KUBECONFIG: path.join(home, 'a.yaml')}});
	const error = await t.throwsAsync(checkReachable(target, 2000));
	t.regex(error!.message, /^cannot reach a cluster: no kubeconfig was found \(none of the files in \$KUBECONFIG exist \(~\/a\.yaml\)\)/);
});

test('an unreachable server is named with its context', async t => {
	const home = tempHome();
	const closed = await closedPort();
	write(home, '.kube/config', kubeconfig({current: 'kind-dev', clusters: [{name: 'kind-dev', server: `https://127.0.0.1:${closed}`}], contexts: [{name: 'kind-dev', cluster: 'kind-dev'}]}));
	const error = await t.throwsAsync(checkReachable(loadTarget({env: {HOME: home}}), 2000), {instanceOf: UserError});
	t.is(error!.message, `cannot use the cluster at https://127.0.0.1:${closed} (context kind-dev): connection refused; is the cluster running? (kind: docker ps, minikube: minikube status)`);
});

test('a plain http:// server works without insecure-skip-tls-verify, with the token sent', async t => {
	const seen: string[] = [];
	const server = http.createServer((request, response) => {
		seen.push(`${request.url} ${request.headers.authorization}`);
		response.setHeader('Content-Type', 'application/json');
		response.end('{"major":"1","minor":"32"}');
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const home = tempHome();
	write(home, '.kube/config', kubeconfig({current: 'sim', clusters: [{name: 'sim', server: `http://127.0.0.1:${port}`}], contexts: [{name: 'sim', cluster: 'sim'}]}));
	await checkReachable(loadTarget({env: {HOME: home}}));
	t.deepEqual(seen, ['/version Bearer secret-token']);
	server.close();
});

test('rejected credentials are named as such', async t => {
	const server = http.createServer((_request, response) => {
		response.statusCode = 401;
		response.setHeader('Content-Type', 'application/json');
		response.end('{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}');
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const home = tempHome();
	write(home, '.kube/config', kubeconfig({current: 'sim', clusters: [{name: 'sim', server: `http://127.0.0.1:${port}`}], contexts: [{name: 'sim', cluster: 'sim'}]}));
	const error = await t.throwsAsync(checkReachable(loadTarget({env: {HOME: home}})));
	t.is(error!.message, `cannot use the cluster at http://127.0.0.1:${port} (context sim): the server rejected the credentials of user "admin" (401 Unauthorized); the token or client certificate may have expired`);
	server.close();
});

test('an unreadable ~/.kube/config says so and how to take it back', async t => {
	const home = tempHome();
	const file = write(home, '.kube/config', dev);
	chmodSync(file, 0o600);
	chmodSync(home, 0o755);
	chmodSync(path.join(home, '.kube'), 0o755);
	// As root every file is readable: read it as nobody, like the seed's runner reading root's file.
	const asOther = process.getuid?.() === 0;
	if (!asOther) chmodSync(file, 0o000);
	const script = `import('${path.join(root, 'source/kube/kube-target.ts')}').then(m => { try { m.loadTarget({env: {HOME: ${JSON.stringify(home)}}}); console.log('read'); } catch (error) { console.log(error.message); } })`;
	const output = await run(process.execPath, ['--import=tsx', '-e', script], asOther ? {uid: 65_534, gid: 65_534} : {});
	const owner = asOther ? ' (the file belongs to root)' : '';
	t.is(output.trim(), `cannot read the kubeconfig ~/.kube/config: permission denied${owner}; make it yours with: sudo chown -R $USER:$USER ~/.kube`);
});

async function run(command: string, args: string[], ids: {uid?: number; gid?: number}): Promise<string> {
	const child = spawn(command, args, {cwd: root, ...ids, env: {...process.env, HOME: tmpdir()}});
	let output = '';
	child.stdout.on('data', chunk => (output += chunk));
	child.stderr.on('data', chunk => (output += chunk));
	await new Promise(resolve => child.on('close', resolve));
	return output;
}

async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}
