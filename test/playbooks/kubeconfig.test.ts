import test from 'ava';
import {kconsoleNoKubeconfig, kconsoleUnreadable, noKubeconfig, serverDown, serverDownDiscovery, unreadableKubeconfig} from '../fixtures/client-errors.js';
import {findingOf, findings, outline, planRun} from './library.js';

const cases = [
	{name: 'seed 000: no kubeconfig in CI (localhost:8080)', text: noKubeconfig, variant: 'no-kubeconfig'},
	{name: 'kconsole found no kubeconfig', text: kconsoleNoKubeconfig, variant: 'no-kubeconfig'},
	{name: 'seed 000: ~/.kube/config belongs to root', text: unreadableKubeconfig, variant: 'permission-denied', captures: {configFile: '/home/runner/.kube/config'}},
	{name: 'kconsole cannot read the kubeconfig', text: kconsoleUnreadable, variant: 'permission-denied', captures: {configFile: '/home/dev/.kube/config'}},
	{name: 'a stopped kind cluster', text: serverDown, variant: 'server-down', captures: {serverAddress: '127.0.0.1:40123', serverHost: '127.0.0.1', serverPort: '40123'}},
	{name: 'a stopped cluster, newer kubectl wording', text: serverDownDiscovery, variant: 'server-down', captures: {serverAddress: '127.0.0.1:40123'}},
];

for (const {name, text, variant, captures} of cases) {
	test(`kubeconfig recognises ${name}`, t => {
		const found = findingOf('kubeconfig', {texts: {'kubectl get pods': text}});
		t.is(found.variant, variant);
		if (captures) t.like(found.captures, captures);
	});
}

test('kubeconfig stays quiet for ordinary kubectl output and for other refused connections', t => {
	const texts = {
		'kubectl get pods': 'NAME                   READY   STATUS    RESTARTS   AGE\nweb-7d4b9c8f6d-x2x9q   1/1     Running   0          5m',
		'app log': '2024/05/01 12:07:03 dial tcp 10.96.45.12:5432: connect: connection refused',
	};
	t.deepEqual(outline(findings({texts})).filter(line => line.startsWith('kubeconfig/')), []);
});

test('the permission-denied run shows the owner, leaves the chown to the user and checks kubectl', t => {
	const found = findingOf('kubeconfig', {texts: {'kubectl get pods': unreadableKubeconfig}});
	t.is(found.summary, 'kubectl cannot read /home/runner/.kube/config: permission denied');
	const planned = planRun(found);
	t.deepEqual(planned.filter(step => step.error), []);
	t.true(planned[1].command.includes('sudo chown -R "$(id -u):$(id -g)" ~/.kube'));
});

test('every kubeconfig variant builds its steps', t => {
	for (const {text, variant} of cases) {
		const planned = planRun(findingOf('kubeconfig', {texts: {'kubectl get pods': text}}));
		t.deepEqual(planned.filter(step => step.error), [], variant);
	}
});
