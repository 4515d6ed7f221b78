import test from 'ava';
import {FindingsPane} from '../../source/ui/components/findings-pane.js';
import {brokenPod, consoleFixture, pullFailed, waitFor} from './helpers/console-fixture.js';
import {renderPane} from './helpers/pane-harness.js';
import {healthyPod, pod, waiting} from '../core/match/fixtures/kube.js';

test('a finding shows its severity, playbook title, object, age and summary', async t => {
	const {session} = await consoleFixture();
	const pane = renderPane(session, FindingsPane);
	t.teardown(pane.cleanup);
	await pane.waitForText('web-7d4b9c8f6d-x2x9q');
	const row = pane.text().split('\n').find(line => line.includes('web-7d4b9c8f6d-x2x9q'))!;
	t.regex(row, /● error\s+Image cannot be p…\s+pod\/shop\/web-7d4b9c8f6d-x2x9q\s+9m nginx:1\.27-typo does not exist …/);
	t.true(pane.text().includes('1 error · 0 warnings'));
});

test('the selected finding is shown in inverse while the pane has focus, with a marker always', async t => {
	const {session} = await consoleFixture();
	const focused = renderPane(session, FindingsPane, {focused: true});
	t.teardown(focused.cleanup);
	await focused.waitForText('web-7d4b9c8f6d');
	t.true(focused.frame().split('\n').some(line => line.includes('\u001b[7m') && line.includes('web-7d4b9c8f6d')));
	t.true(focused.text().includes('› ● error'));
	const unfocused = renderPane(session, FindingsPane, {focused: false});
	t.teardown(unfocused.cleanup);
	await unfocused.waitForText('web-7d4b9c8f6d');
	t.false(unfocused.frame().split('\n').some(line => line.includes('\u001b[7m') && line.includes('web-7d4b9c8f6d')));
});

test('findings appear and disappear as the cluster changes', async t => {
	const {session, store} = await consoleFixture();
	const pane = renderPane(session, FindingsPane);
	t.teardown(pane.cleanup);
	await pane.waitForText('web-7d4b9c8f6d-x2x9q');
	store.upsert('Pod', pod({deployment: 'cart', name: 'cart-1', containers: [{name: 'cart', image: 'cart:9', state: waiting('ErrImagePull')}]}));
	await pane.waitForText('pod/shop/cart-1');
	store.upsert('Pod', {...healthyPod({name: 'web-7d4b9c8f6d-x2x9q'}), metadata: {...brokenPod.metadata, resourceVersion: '99999'}});
	store.remove('Event', pullFailed);
	await waitFor(() => !pane.text().includes('web-7d4b9c8f6d-x2x9q'), 'the fixed pod to leave the findings');
	t.true(pane.text().includes('pod/shop/cart-1'));
});

test('/ filters the findings by regex over the row', async t => {
	const {session, store} = await consoleFixture();
	store.upsert('Pod', pod({deployment: 'cart', name: 'cart-1', containers: [{name: 'cart', image: 'cart:9', state: waiting('ErrImagePull')}]}));
	const pane = renderPane(session, FindingsPane);
	t.teardown(pane.cleanup);
	await pane.waitForText('cart-1');
	pane.press('/', 'c', 'a', 'r', 't', '-', '\\', 'd', 'enter');
	await pane.waitForText('/cart-\\d/');
	t.false(pane.text().includes('web-7d4b9c8f6d'));
	t.true(pane.text().includes('pod/shop/cart-1'));
	pane.press('/', 'n', 'o', 'p', 'e', 'enter');
	await pane.waitForText('no finding matches the filter');
	t.pass();
});

test('with nothing wrong the pane says so', async t => {
	const {session} = await consoleFixture({objects: [['Pod', healthyPod({name: 'ok-1'})]]});
	const pane = renderPane(session, FindingsPane);
	t.teardown(pane.cleanup);
	await pane.waitForText('no findings: nothing kconsole recognises is wrong here');
	t.true(pane.text().includes('0 errors · 0 warnings'));
});
