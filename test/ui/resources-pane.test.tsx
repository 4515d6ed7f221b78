import test from 'ava';
import type {Deployment, KubeObject, WatchedKind} from '../../source/core/objects/types.js';
import {ResourcesPane} from '../../source/ui/components/resources-pane.js';
import {healthNodeConditions, healthyPod, node, pod, terminated, waiting} from './resources-fixtures.js';
import {consoleFixture, waitFor} from './helpers/console-fixture.js';
import {renderPane, strip} from './helpers/pane-harness.js';

test('pods: kubectl columns, failing ones in red, healthy ones plain', async t => {
	const {session} = await consoleFixture();
	const pane = renderPane(session, ResourcesPane, {focus: 'resources'});
	t.teardown(pane.cleanup);
	await pane.waitForText('Pods (3)');
	t.regex(pane.text(), /NAME\s+READY STATUS\s+RESTARTS\s+AGE/);
	t.regex(pane.text(), /web-7d4b9c8f6d-x2x9q\s+0\/1\s+ImagePullBackOff\s+0\s+10m/);
	t.regex(pane.text(), /api-5f6d7c8b9-abcde\s+1\/1\s+Running\s+0\s+10m/);
	t.true(pane.text().includes('1 failing'));
	const failing = pane.frame().split('\n').find(line => line.includes('ImagePullBackOff'))!;
	t.true(failing.includes('\u001b[31m'), 'the failing pod is red');
	const healthy = pane.frame().split('\n').find(line => line.includes('api-5f6d7c8b9'))!;
	t.false(healthy.includes('\u001b[31m'));
});

test('restarts show when the container last restarted', async t => {
	const crashing = pod({deployment: 'db', name: 'db-0', containers: [{name: 'db', image: 'postgres:16', state: waiting('CrashLoopBackOff'), lastState: terminated('Error', 1), restartCount: 5}]});
	const {session} = await consoleFixture({objects: [['Pod', crashing]]});
	const pane = renderPane(session, ResourcesPane, {focus: 'resources'});
	t.teardown(pane.cleanup);
	await pane.waitForText('db-0');
	t.regex(pane.text(), /db-0\s+0\/1\s+CrashLoopBackOff\s+5 \(7m ago\)/);
});

test('w shows the NODE column; all namespaces add NAMESPACE', async t => {
	const {session} = await consoleFixture({namespace: null});
	const pane = renderPane(session, ResourcesPane, {focus: 'resources'});
	t.teardown(pane.cleanup);
	await pane.waitForText('NAMESPACE');
	t.false(pane.text().includes('NODE'));
	pane.press('w');
	await pane.waitForText('NODE');
	t.regex(pane.text(), /shop\s+api-5f6d7c8b9-abcde\s+1\/1\s+Running\s+0\s+10m\s+minikube/);
});

test('only the rows on screen are rendered, and the selection scrolls the window', async t => {
	const objects: Array<[WatchedKind, KubeObject]> = [];
	for (let i = 0; i < 5000; i++) objects.push(['Pod', healthyPod({name: `pod-${String(i).padStart(4, '0')}`})]);
	const {session} = await consoleFixture({objects});
	const pane = renderPane(session, ResourcesPane, {height: 12, focus: 'resources'});
	t.teardown(pane.cleanup);
	await pane.waitForText('Pods (5000)');
	const rows = () => strip(pane.frame()).split('\n').filter(line => /pod-\d{4}/.test(line));
	t.is(rows().length, 10, 'a 12-row pane shows a title, a header and 10 rows');
	pane.press('G');
	await pane.waitForText('› pod-4999');
	t.is(rows().length, 10);
	t.true(rows()[0].includes('pod-4990'));
	pane.press('g');
	await pane.waitForText('› pod-0000');
});

test('the selection stays on its pod when rows are added above it', async t => {
	const {session, store} = await consoleFixture();
	const pane = renderPane(session, ResourcesPane, {focus: 'resources'});
	t.teardown(pane.cleanup);
	await pane.waitForText('Pods (3)');
	pane.press('j');
	await pane.waitForText('› cache-0');
	store.upsert('Pod', healthyPod({name: 'aaa-first'}));
	await pane.waitForText('Pods (4)');
	t.true(pane.text().includes('› cache-0'));
});

test(':deploy and :nodes switch the list', async t => {
	const deployment: Deployment = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'shop', creationTimestamp: '2024-05-01T12:00:00Z', resourceVersion: '1'},
		spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: [{name: 'web', image: 'nginx'}]}}},
		status: {replicas: 2, readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1},
	};
	const {session} = await consoleFixture({objects: [['Deployment', deployment], ['Node', node('worker-1', healthNodeConditions)]]});
	const pane = renderPane(session, ResourcesPane, {focus: 'resources'});
	t.teardown(pane.cleanup);
	pane.press(':', ...'deploy', 'enter');
	await pane.waitForText('Deployments (1)');
	t.regex(pane.text(), /web\s+1\/2\s+2\s+1\s+10m/);
	pane.press(':', ...'nodes', 'enter');
	await pane.waitForText('Nodes (1)');
	t.regex(pane.text(), /worker-1\s+Ready\s+<none>/);
	pane.press(':', ...'playbooks', 'enter');
	await pane.waitForText('Playbooks (5)');
	t.regex(pane.text(), /image-pull\s+error\s+Image cannot be pulled/);
});

test('the pod filter is a case-insensitive regex; an invalid one matches as text', async t => {
	const {session} = await consoleFixture();
	const pane = renderPane(session, ResourcesPane, {focus: 'resources'});
	t.teardown(pane.cleanup);
	await pane.waitForText('Pods (3)');
	pane.press('/', ...'^(API|cache)', 'enter');
	await pane.waitForText('Pods (2/3)');
	t.false(pane.text().includes('web-7d4b'));
	pane.press('/', 'ctrl-u', ...'web-(', 'enter');
	await waitFor(() => pane.text().includes('Pods (0/3)'), 'the literal "web-(" to match nothing');
	t.pass();
});
