// The console's own watch refused by RBAC: the header says the kind is forbidden, and the
// server's message is a finding of the rbac playbook in the Findings pane, fixable like any other.
import test from 'ava';
import {render} from 'ink-testing-library';
import {loadPlaybooks} from '../../source/library/load-playbooks.js';
import {App} from '../../source/ui/app.js';
import {consoleFixture, playbooks, waitFor} from './helpers/console-fixture.js';
import {strip} from './helpers/pane-harness.js';

const forbidden = 'pods is forbidden: User "dev@example.com" cannot list resource "pods" in API group "" in the namespace "shop"';

test('a forbidden watch is an rbac finding about that watch; Enter opens its fix, which asks about that user', async t => {
	const shipped = (await loadPlaybooks()).playbooks.filter(playbook => playbook.id === 'rbac');
	const fixture = await consoleFixture({library: [...await playbooks(), ...shipped]});
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
