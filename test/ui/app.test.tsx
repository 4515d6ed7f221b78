import test, {type ExecutionContext} from 'ava';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import {helpLines} from '../../source/ui/components/help-overlay.js';
import type {ConsoleSession} from '../../source/ui/console-session.js';
import {consoleFixture, waitFor, type Fixture} from './helpers/console-fixture.js';
import {strip} from './helpers/pane-harness.js';

type Options = Parameters<typeof consoleFixture>[0] & {session?: (session: ConsoleSession) => ConsoleSession};

async function open(t: ExecutionContext, options: Options = {}) {
	const fixture: Fixture = await consoleFixture(options);
	const session = options.session ? options.session(fixture.session) : fixture.session;
	const app = render(<App session={session} />);
	t.teardown(() => {
		app.unmount();
		fixture.dispose();
	});
	const text = () => strip(app.lastFrame() ?? '');
	const see = async (wanted: string | RegExp) => waitFor(() => (typeof wanted === 'string' ? text().includes(wanted) : wanted.test(text())), () => `"${String(wanted)}" on screen:\n${text()}`);
	await see('web-7d4b9c8f6d-x2x9q');
	return {...fixture, app, text, see, keys: (input: string) => app.stdin.write(input)};
}

function resize(app: ReturnType<typeof render>, columns: number, rows: number): void {
	Object.defineProperty(app.stdout, 'columns', {get: () => columns, configurable: true});
	Object.defineProperty(app.stdout, 'rows', {get: () => rows, configurable: true});
	app.stdout.emit('resize');
}

test('the header names the context, server and namespace, counts findings and shows each watch', async t => {
	const {text, see, store, session} = await open(t);
	t.regex(text(), /kconsole ctx kind-dev server https:\/\/127\.0\.0\.1:6443 ns shop\s+● 1 error\s+● 0 warnings/);
	t.true(text().includes('watches all 12 live'));
	store.setConnection('Pod', {status: 'retrying', retryAt: session.now!() + 4500, message: 'connect ECONNREFUSED 127.0.0.1:6443'});
	store.setConnection('ClusterRole', {status: 'forbidden', message: 'forbidden'});
	await see(/watches 10 live · pods retrying in 5s \(connect ECONNREFUSED 127\.0\.0\.1:6443\) · clusterroles forbid/);
	t.true(text().includes('web-7d4b9c8f6d-x2x9q'), 'what was read stays on screen');
});

test('read-only sessions wear a READ-ONLY badge', async t => {
	const {text} = await open(t, {readOnly: true});
	t.true(text().includes(' READ-ONLY '));
});

test('Enter on a pod opens its describe, written from the store and its events', async t => {
	const {see, keys, text} = await open(t);
	keys('\t');
	keys('G');
	keys('\r');
	await see('Describe pod/shop/web-7d4b9c8f6d-x2x9q');
	t.true(text().includes('Name:             web-7d4b9c8f6d-x2x9q'));
	t.true(text().includes('Logs shop/web-7d4b9c8f6d-x2x9q [web]'), 'and its logs below');
	keys('\t');
	keys('G');
	await see(/Warning\s+Failed\s+5m \(x4 over 9m\)\s+kubelet\s+Failed to pull image "nginx:1\.27-typo"/);
	keys('\u001b');
	await see('Findings');
});

test(':ns asks the session to watch another namespace and says so', async t => {
	const {see, keys, store} = await open(t);
	keys(':ns kube-system\r');
	await see('watching namespace kube-system');
	t.is(store.namespace, 'kube-system');
	await see('ns kube-system');
});

test('a session that may not switch namespaces says so instead', async t => {
	const {see, keys} = await open(t, {session: session => ({...session, setNamespace: undefined})});
	keys(':ns kube-system\r');
	await see('this session cannot switch namespaces');
	t.pass();
});

test('? shows every key from the keymap; Esc closes it', async t => {
	const {see, keys, text} = await open(t);
	keys('?');
	await see('Keys · Esc or ? closes');
	t.true(text().includes('Everywhere'));
	t.true(text().includes('focus the next pane'));
	keys('\u001b');
	await see('Findings');
});

test('? on a wide terminal uses as few columns as hold every key, so descriptions are whole', async t => {
	const {app, see, keys, text} = await open(t);
	resize(app, 120, 40);
	await see('web-7d4b9c8f6d-x2x9q');
	keys('?');
	await see('Keys · Esc or ? closes');
	// No description is cut short.
	for (const {description} of helpLines()) if (description) t.true(text().includes(description), description);
});

test('a terminal below 80x24 gets a clear message, and the console comes back when it grows', async t => {
	const {app, see} = await open(t);
	resize(app, 70, 20);
	await see('kconsole needs a terminal of at least 80x24; this one is 70x20');
	resize(app, 100, 30);
	await see('web-7d4b9c8f6d-x2x9q');
	t.pass();
});

test('a pane that fails to draw shows one line, never a stack trace, and the keys still work', async t => {
	const {see, keys, text} = await open(t, {
		session: session => ({
			...session,
			store: {
				...session.store,
				subscribe: listener => session.store.subscribe(listener),
				onChange: listener => session.store.onChange(listener),
				get: (...args) => session.store.get(...args),
				connections: () => session.store.connections(),
				get version() {
					return session.store.version;
				},
				get namespace() {
					return session.store.namespace;
				},
				list(kind) {
					if (kind === 'Node') throw new Error('nodes are broken');
					return session.store.list(kind);
				},
			},
		}),
	});
	keys(':nodes\r');
	await see('kconsole could not draw this screen: nodes are broken. Press Esc to go back or q to quit.');
	t.false(/\bat \S+ \(/.test(text()), 'no stack frames');
	keys(':pods\r');
	await see('Pods (3)');
});

test('q quits: the log stream and the app are let go', async t => {
	const {see, keys, logs} = await open(t);
	keys('l');
	await waitFor(() => logs.length === 1, 'the log stream');
	await see('Logs shop/web-7d4b9c8f6d-x2x9q');
	keys('q');
	await waitFor(() => logs[0].stopped, 'the log stream to stop');
	t.pass();
});

test(':ctx asks the session for another context and shows why it could not', async t => {
	const asked: string[] = [];
	const {see, keys} = await open(t, {
		session: session => ({
			...session,
			async switchContext(name) {
				asked.push(name);
				throw new Error(`context "${name}" not found in ~/.kube/config (contexts: kind-dev)`);
			},
		}),
	});
	keys(':ctx kind-prod\r');
	await see('context "kind-prod" not found in ~/.kube/config (contexts: kind-dev)');
	t.deepEqual(asked, ['kind-prod']);
});

test(':playbooks lists the library and Enter shows a playbook with its steps', async t => {
	const {see, keys, text} = await open(t);
	keys(':playbooks\r');
	await see('Playbooks (5)');
	keys('/image\r');
	await see('Playbooks (1/5)');
	keys('\r');
	await see('Playbook image-pull');
	t.true(text().includes('id image-pull · error'));
	keys('G');
	await see(/3\. Wait until the finding is gone/);
	t.true(text().includes('Variant registry-unreachable: The registry cannot be reached'));
});
