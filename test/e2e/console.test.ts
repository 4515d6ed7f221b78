// The console through a real terminal: the built bin under tmux at 120x36 against the
// simulated cluster with every scenario (started here, in-process), driven by keys.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {startTmux, type TmuxTerminal} from './tmux-terminal.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

let sim: SimHandle;
let terminal: TmuxTerminal;
let home: string;

test.before(async () => {
	sim = await startSim({scenarios: ['all'], speed: 20});
	home = mkdtempSync(join(tmpdir(), 'kconsole-console-e2e-'));
	const script = join(home, 'run.sh');
	// The exit status and the terminal's state are read after the console quits, so the pane stays.
	writeFileSync(script, `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} -A --kubeconfig ${JSON.stringify(sim.kubeconfigPath)}\necho "console exited with $?"\nsleep 600\n`);
	terminal = await startTmux(`sh ${script}`, {
		columns: 120,
		rows: 36,
		env: {HOME: home, XDG_STATE_HOME: join(home, 'state'), KUBECONFIG: '', PATH: process.env.PATH ?? '', TERM: 'tmux-256color', LANG: 'C.UTF-8'},
	});
});

test.after.always(async () => {
	await terminal?.kill();
	await sim?.stop();
});

const lines = (screen: string) => screen.split('\n');

test.serial('the findings pane lists the scenario failures', async t => {
	const screen = await terminal.waitFor(text => Number(/● (\d+) errors/.exec(text)?.[1] ?? 0) >= 10, 30_000);
	t.true(screen.includes('kconsole ctx kconsole-sim'));
	t.true(screen.includes('ns all namespaces'));
	t.regex(screen, /▸ Findings/);
	t.regex(screen, /● error Cluster DNS is not w… pod\/kube-system\/coredns-/, 'the root cause first');
	t.regex(screen, /● error The HTTP proxy on th… pod\/monitoring\//);
});

test.serial('Enter on the image-tag-not-found finding opens its playbook; confirming each step fixes it', async t => {
	await terminal.keys('/');
	await terminal.type('cifar10-deployment');
	await terminal.keys('Enter');
	await terminal.waitFor(/› ● error Image cannot be pull.* pod\/cifar10\/cifar10-deployment/);
	await terminal.keys('Enter');
	let screen = await terminal.waitFor('Playbook: Image cannot be pulled');
	t.true(screen.includes('tag-not-found'));
	screen = await terminal.waitFor('Run it?');
	t.regex(screen, /\$ kubectl describe pod cifar10-deployment-\S+ -n cifar10/);
	t.true(screen.includes('read · `kubectl describe` only reads the cluster · context kconsole-sim · namespace cifar10'));
	await terminal.keys('y');
	screen = await terminal.waitFor('Needs a value:');
	t.regex(screen, /Warning\s+Failed .*Failed to pull image "cifar-api:wrong-v1"/, 'the describe output streamed into the pane');
	await terminal.keys('y');
	await terminal.waitFor('value: cifar-api:wrong-v1');
	await terminal.keys('C-u');
	await terminal.type('cifar-api:cpu-v1');
	await terminal.keys('Enter');
	screen = await terminal.waitFor('$ kubectl set image deployment/cifar10-deployment cifar-api=cifar-api:cpu-v1 -n cifar10');
	t.true(screen.includes('write · `kubectl set image` changes the cluster'));
	await terminal.keys('y');
	screen = await terminal.waitFor('Fixed: the finding is gone', 60_000);
	t.regex(screen, /✓ 3\. /);
	const deployment = sim.store.get(resourceFor('Deployment'), 'cifar10', 'cifar10-deployment')!;
	t.is(deployment.spec.template.spec.containers[0].image, 'cifar-api:cpu-v1');
	await terminal.keys('Escape');
	await terminal.waitFor('▸ Findings');
	screen = await terminal.waitFor(text => !text.includes('pod/cifar10/cifar10-deployment'));
	t.true(screen.includes('/cifar10-deployment/'), 'the filter is still on, and nothing matches it any more');
	await terminal.keys('Escape');
	await terminal.waitFor(text => !text.includes('/cifar10-deployment/'));
});

test.serial('/ filters the pods', async t => {
	await terminal.keys('Tab');
	await terminal.waitFor('▸ Pods');
	await terminal.keys('/');
	await terminal.type('^coredns');
	await terminal.keys('Enter');
	const screen = await terminal.waitFor(/Pods \(2\/\d+\)/);
	const podRows = lines(screen).filter(line => /^[›\s] \S+\s+\S+\s+\d+\/\d+\s/.test(line));
	t.true(podRows.length === 2 && podRows.every(line => line.includes('coredns-')), podRows.join('\n'));
	await terminal.keys('Escape');
	await terminal.waitFor(text => !text.includes('/^coredns/'));
});

test.serial(':ns kube-system switches the namespace', async t => {
	await terminal.keys(':');
	await terminal.type('ns kube-system');
	await terminal.keys('Enter');
	const screen = await terminal.waitFor(text => text.includes('ns kube-system') && text.includes('watches all 12 live') && /coredns-/.test(text) && !text.includes('NAMESPACE'));
	t.false(screen.includes('cifar10'), 'other namespaces are gone from the lists');
});

/** One header, one of each pane, nothing wider than the terminal, and the footer on the frame's last row. */
function clean(screen: string, columns: number, rows: number): boolean {
	const shown = lines(screen);
	const once = (pattern: RegExp) => shown.filter(line => pattern.test(line)).length === 1;
	return (
		shown[0].startsWith('kconsole ctx') &&
		once(/^kconsole ctx/) &&
		once(/Findings/) &&
		once(/Pods \(\d+\)/) &&
		once(/Events \(\d+\)/) &&
		shown.every(line => line.length <= columns) &&
		shown[rows - 2].trim() !== '' &&
		shown.slice(rows - 1).every(line => line.trim() === '')
	);
}

test.serial('resizing to 80x24 and back leaves a clean screen', async t => {
	await terminal.resize(80, 24);
	await terminal.waitFor(text => clean(text, 80, 24));
	await terminal.resize(120, 36);
	const screen = await terminal.waitFor(text => clean(text, 120, 36) && /Pods \(\d+\) ─{40,}/.test(text));
	t.true(clean(screen, 120, 36), screen);
});

test.serial('q exits 0 and restores the terminal', async t => {
	await terminal.keys('q');
	const screen = await terminal.waitFor('console exited with');
	t.true(screen.includes('console exited with 0'));
	t.false(screen.includes('▸ Findings'), 'the console was on the alternate screen');
	t.is(await terminal.display('#{alternate_on}'), '0');
	t.is(await terminal.display('#{cursor_flag}'), '1');
});
