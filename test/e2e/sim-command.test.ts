// `kconsole sim` from the built bin (npm test builds dist/ before ava runs).
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {execa} from 'execa';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

test('kconsole sim prints one ready line, serves kubectl with the written kubeconfig and exits 0 on SIGTERM', async t => {
	t.true(existsSync(cli), 'dist/cli.js exists (run npm run build)');
	const dir = mkdtempSync(join(tmpdir(), 'kconsole-sim-command-'));
	const kubeconfig = join(dir, 'kubeconfig');
	const child = execa('node', [cli, 'sim', '--listen', '127.0.0.1:0', '--write-kubeconfig', kubeconfig], {reject: false, buffer: false});
	let output = '';
	const ready = new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', chunk => {
			output += String(chunk);
			if (output.includes('\n')) resolve(output);
		});
		child.once('exit', () => reject(new Error(`sim exited before it was ready: ${output}`)));
	});
	try {
		const line = await ready;
		t.regex(line, new RegExp(`^kconsole sim: ready at http://127\\.0\\.0\\.1:\\d+ kubeconfig=${kubeconfig}\\n$`));
		t.regex(readFileSync(kubeconfig, 'utf8'), /current-context: kconsole-sim/);
		const kubectl = await execa('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'get', 'namespaces', '-o', 'name'], {env: {HOME: dir}, reject: false});
		t.is(kubectl.exitCode, 0, String(kubectl.stderr));
		t.regex(String(kubectl.stdout), /^namespace\/kube-system$/m);
	} finally {
		child.kill('SIGTERM');
	}
	const result = await child;
	t.is(result.exitCode, 0);
	t.is(output.trim().split('\n').length, 1, 'exactly one line on stdout');
});

test('kconsole sim --help shows every flag', async t => {
	t.true(existsSync(cli), 'dist/cli.js exists (run npm run build)');
	const {stdout, exitCode} = await execa('node', [cli, 'sim', '--help'], {reject: false});
	t.is(exitCode, 0);
	for (const flag of ['--listen HOST:PORT', '--scenario NAME,NAME|all', '--write-kubeconfig FILE', '--speed N', '--pods N']) t.true(String(stdout).includes(flag), flag);
	t.regex(String(stdout), /fresh temp dir/);
});

test('kconsole sim refuses a bad flag value with exit code 2', async t => {
	const {stderr, exitCode} = await execa('node', [cli, 'sim', '--speed', 'fast'], {reject: false});
	t.is(exitCode, 2);
	t.regex(String(stderr), /--speed wants a number/);
});
