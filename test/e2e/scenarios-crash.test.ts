// The crash-loop and cluster DNS scenarios of the simulated cluster: diagnose names the playbook
// and variant first, and `kconsole guide --yes` fixes it. CoreDNS breaks every lookup, so the
// DNS scenarios get a sim of their own.
import test from 'ava';
import type {Finding} from '../../source/core/match/types.js';
import {startSim, type SimHandle} from '../../source/sim/start-sim.js';
import {resourceFor} from '../../source/sim/store/resources.js';
import {about, commandsRun, diagnose, firstFinding, guideYes, label} from './scenario-harness.js';

let crashes: SimHandle;
let dns: SimHandle;

test.before(async () => {
	[crashes, dns] = await Promise.all([startSim({scenarios: ['crash-bad-command', 'crash-oom'], speed: 20}), startSim({scenarios: ['coredns-bind-denied', 'crash-db-dns'], speed: 20})]);
});

test.after.always(async () => {
	await Promise.all([crashes?.stop(), dns?.stop()]);
});

const deployments = resourceFor('Deployment');
const container = (sim: SimHandle, namespace: string, name: string) => sim.store.get(deployments, namespace, name)!.spec.template.spec.containers[0];

test('crash-bad-command: crashloop/command-not-found for both deployments; the corrected command rolls out', async t => {
	await firstFinding(crashes, 'cifar10-dev', 'crashloop/command-not-found');
	// Both pods get the same finding (which is listed first is not part of the contract), each once its log is read.
	const both = (findings: Finding[]) => ['cifar10-api-', 'cifar10-worker-'].every(prefix => findings.some(finding => finding.name.startsWith(prefix) && label(finding).startsWith('crashloop/command-not-found ')));
	let found = about(await diagnose(crashes), 'cifar10-dev');
	for (const deadline = Date.now() + 30_000; !both(found) && Date.now() < deadline;) found = about(await diagnose(crashes), 'cifar10-dev');
	const api = found.find(finding => finding.name.startsWith('cifar10-api-'))!;
	t.is(api && label(api).split(' ')[0], 'crashloop/command-not-found', 'the file python cannot open');
	t.is(api.summary, '/app/wrong_entry.py does not exist in the image, so the container cannot start');
	const worker = found.find(finding => finding.name.startsWith('cifar10-worker-'));
	t.is(worker && label(worker).split(' ')[0], 'crashloop/command-not-found', 'the command the runtime cannot exec (StartError)');
	t.is(worker?.captures.missing, 'pyhton');
	const [apiRun, workerRun] = await Promise.all([guideYes(crashes, api, {command: '["python","app.py"]'}), guideYes(crashes, worker!, {command: '["python","app.py"]'})]);
	for (const run of [apiRun, workerRun]) t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(apiRun.stdout).includes('kubectl patch deployment cifar10-api -n cifar10-dev -p \'{"spec":{"template":{"spec":{"containers":[{"name":"cifar-api","command":["python","app.py"]}]}}}}\''));
	t.deepEqual(container(crashes, 'cifar10-dev', 'cifar10-api').command, ['python', 'app.py']);
	t.deepEqual(container(crashes, 'cifar10-dev', 'cifar10-worker').command, ['python', 'app.py']);
});

test('crash-oom: crashloop/oom-killed; a higher memory limit rolls out', async t => {
	const finding = await firstFinding(crashes, 'ml-serving', 'crashloop/oom-killed');
	const run = await guideYes(crashes, finding, {memory: '1Gi'});
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.regex(run.stdout, /Step 2\/5: See the current memory limit[\s\S]*│ 256Mi\n/);
	t.true(commandsRun(run.stdout).includes('kubectl set resources deployment/model-server -c model-server --limits=memory=1Gi -n ml-serving'));
	t.is(container(crashes, 'ml-serving', 'model-server').resources.limits.memory, '1Gi');
});

test('coredns-bind-denied and crash-db-dns: dns/coredns-permission first, the app\'s resolver failure after it; the seed\'s patch fixes both', async t => {
	const coredns = await firstFinding(dns, 'kube-system', 'dns/coredns-permission');
	t.is(coredns.summary, 'CoreDNS cannot start: it may not bind port 53 (permission denied)');
	await firstFinding(dns, 'saas-shortener', 'dns/resolver-unreachable');
	const overall = (await diagnose(dns)).map(label);
	t.regex(overall[0], /^dns\/coredns-permission Pod\/coredns-/, overall.join('\n'));
	const run = await guideYes(dns, coredns);
	t.is(run.exit, 0, run.stdout + run.stderr);
	t.true(commandsRun(run.stdout).some(command => command.startsWith('kubectl -n kube-system patch deployment coredns --type=json')));
	t.like(container(dns, 'kube-system', 'coredns').securityContext, {runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: true, capabilities: {drop: []}});
	// The app needs nothing more than its next restart: its findings go once it resolves postgres-service.
	const deadline = Date.now() + 45_000;
	let left = about(await diagnose(dns), 'saas-shortener');
	while (left.some(finding => finding.kind === 'Pod') && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 500));
		left = about(await diagnose(dns), 'saas-shortener');
	}
	t.deepEqual(left.map(label), []);
});
