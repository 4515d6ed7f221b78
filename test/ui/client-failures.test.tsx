// Failures on kconsole's side reach the Findings pane as texts, fixable like any other finding:
// the console's own watch refused by RBAC (the header says the kind is forbidden), and a guided
// step whose command failed.
import test, {type ExecutionContext} from 'ava';
import {render} from 'ink-testing-library';
import {loadPlaybooks} from '../../source/library/load-playbooks.js';
import {App} from '../../source/ui/app.js';
import {consoleFixture, playbooks, waitFor, type ExecutorScript} from './helpers/console-fixture.js';
import {strip} from './helpers/pane-harness.js';

const forbidden = 'pods is forbidden: User "dev@example.com" cannot list resource "pods" in API group "" in the namespace "shop"';

/** The console on the fixture cluster, with the shipped rbac playbook, on a terminal wide enough for whole rows. */
async function open(t: ExecutionContext, script?: ExecutorScript) {
	const shipped = (await loadPlaybooks()).playbooks.filter(playbook => playbook.id === 'rbac');
	const fixture = await consoleFixture({library: [...await playbooks(), ...shipped], script});
	const app = render(<App session={fixture.session} />);
	t.teardown(() => {
		app.unmount();
		fixture.dispose();
	});
	const text = () => strip(app.lastFrame() ?? '');
	const see = async (wanted: string | RegExp) => waitFor(() => (typeof wanted === 'string' ? text().includes(wanted) : wanted.test(text())), () => `"${String(wanted)}" on screen:\n${text()}`);
	await see('web-7d4b9c8f6d-x2x9q');
	Object.defineProperty(app.stdout, 'columns', {get: () => 160, configurable: true});
	app.stdout.emit('resize');
	return {...fixture, app, text, see, keys: (input: string) => app.stdin.write(input)};
}

test('a forbidden watch is an rbac finding about that watch; Enter opens its fix, which asks about that user', async t => {
	const {app, see, ...fixture} = await open(t);
	fixture.store.setConnection('Pod', {status: 'forbidden', retryAt: Date.now() + 60_000, message: forbidden});
	await see('pods forbidden');
	await see(/● error\s+Not allowed by RBAC\s+kconsole's watch of pods\s+dev@example\.com may not list pods in namespace shop/);
	app.stdin.write('/');
	app.stdin.write('RBAC\r');
	await see('/RBAC/');
	app.stdin.write('\r');
	await see('Playbook: Not allowed by RBAC');
	await see("kconsole's watch of pods · user");
	await see('The user `dev@example.com` tried to list pods in namespace shop.');
	await see('kubectl auth can-i list pods --as=dev@example.com -n shop');

	fixture.store.setConnection('Pod', {status: 'live'});
	await waitFor(() => !fixture.findings.findings().some(finding => finding.kind === 'Text'), 'the finding to go once the watch is live');
	t.pass();
});

test('a step that fails with Forbidden leaves an rbac finding on its output; d shows the lines it matched, f opens its fix', async t => {
	const history = (argv: string[]) => argv.includes('history');
	const {see, keys, text} = await open(t, {
		lines: request => (history(request.argv) ? ['Error from server (Forbidden): deployments.apps "web" is forbidden: User "dev@example.com" cannot get resource "deployments" in API group "apps" in the namespace "shop"'] : []),
		exitCode: request => (history(request.argv) ? 1 : 0),
	});
	keys('\r');
	await see('Playbook: Image cannot be pulled');
	keys('y');
	await see(/✗ 1\. Find the revision that last ran/);
	keys('\u001b');
	await see(/● error\s+Not allowed by RBAC\s+output of step 1: kubectl rollout history deplo…\s+dev@example\.com may not get deployments in namespace shop/);
	keys('/');
	keys('RBAC\r');
	await see('/RBAC/');
	keys('d');
	await see('Describe output of step 1: kubectl rollout history deployment/web -n shop');
	await see('  Error from server (Forbidden): deployments.apps "web" is forbidden: User "dev@example.com" cannot get resource "deployments"');
	t.true(text().includes('Recognised by rbac/user:'));
	keys('\u001b');
	await see('/RBAC/');
	keys('f');
	await see('Playbook: Not allowed by RBAC');
	t.true(text().includes('output of step 1: kubectl rollout history deployment/web -n shop · user'), text());
	await see('kubectl auth can-i get deployments --as=dev@example.com -n shop');
});
