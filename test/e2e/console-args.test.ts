// How the bin routes to the console: no command, or flags only, open it; --help still helps.
import test from 'ava';
import {kconsole} from './kconsole-cli.js';

test('kconsole --help lists the console and the demo', async t => {
	const {code, stdout} = await kconsole(['--help']);
	t.is(code, 0);
	t.regex(stdout, /^ {2}console {2,}the full-screen console \(the default when no command is given\)$/m);
	t.regex(stdout, /^ {2}demo {2,}the console on a simulated cluster/m);
});

const consoleInvocations: Array<[string, string[]]> = [
	['no arguments', []],
	['a namespace flag', ['-n', 'shop']],
	['all namespaces and read-only', ['-A', '--read-only']],
	['the console command by name', ['console']],
];

for (const [name, args] of consoleInvocations) {
	test(`${name} opens the console, which needs a terminal`, async t => {
		const {code, stderr} = await kconsole(args);
		t.is(code, 2);
		t.is(stderr, 'kconsole: the console needs a terminal; in scripts use kconsole diagnose, or kconsole guide to fix a finding\n');
	});
}

test('an unknown flag is a usage error of the console', async t => {
	const {code, stderr} = await kconsole(['--bogus']);
	t.is(code, 2);
	t.true(stderr.includes('console: unknown flag "--bogus"'), stderr);
});

test('the console and the demo explain their flags', async t => {
	const console = await kconsole(['console', '--help']);
	t.is(console.code, 0);
	t.true(console.stdout.includes('-n, --namespace NS'));
	t.true(console.stdout.includes('--read-only'));
	const demo = await kconsole(['demo', '--help']);
	t.is(demo.code, 0);
	t.true(demo.stdout.includes('--speed N'));
	t.true(demo.stdout.includes('--pods N'));
});

test('the demo needs a terminal too', async t => {
	const {code, stderr} = await kconsole(['demo']);
	t.is(code, 2);
	t.true(stderr.includes('needs a terminal'), stderr);
});
