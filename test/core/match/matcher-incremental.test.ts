import test from 'ava';
import {Matcher, matchAll} from '../../../source/core/match/matcher.js';
import type {Finding} from '../../../source/core/match/types.js';
import {at, endpoints, event, healthyPod, ingress, ingressClass, now, pod, replicaSet, running, service, touched, waiting} from './fixtures/kube.js';
import {crashLoop, imagePull, library, pendingUnschedulable, playbook} from './fixtures/playbooks.js';
import {corednsBind, oomKilled, proxyRefused, resolverFailure, tagNotFound, wrongCommand} from './fixtures/scenarios.js';

const minute = 60_000;

/** A matcher on a clock the test moves. */
function clocked(playbooks = library, options: {listedKinds?: string[]} = {}) {
	const clock = {now};
	const matcher = new Matcher(playbooks, {now: () => clock.now, ...options});
	return {matcher, clock};
}

function names(findings: Finding[]): string[] {
	return findings.map(finding => `${finding.playbook}/${finding.variant ?? '-'} ${finding.name}`);
}

test('a finding clears when the pod becomes Ready, although its Failed events are still recent', t => {
	const {matcher} = clocked();
	const broken = tagNotFound();
	for (const object of [broken.pod, ...broken.events]) matcher.upsert(object);
	t.deepEqual(names(matcher.findings()), ['image-pull/tag-not-found web-7d4b9c8f6d-x2x9q']);
	const fixed = pod({containers: [{name: 'app', image: 'nginx:1.25', state: running(at(7))}], readySince: at(7), phase: 'Running', resourceVersion: '48300'});
	matcher.upsert(fixed);
	t.deepEqual(matcher.findings(), []);
});

test('an event that arrives after the pod became Ready is evidence again', t => {
	const {matcher} = clocked([pendingUnschedulable, playbook({id: 'probe', match: [{event: {reason: ['Unhealthy']}}]})]);
	const ready = healthyPod({readySince: at(3)});
	matcher.upsert(ready);
	matcher.upsert(event({about: ready, reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', last: at(2)}));
	t.deepEqual(matcher.findings(), [], 'before it became Ready');
	matcher.upsert(event({about: ready, reason: 'Unhealthy', message: 'Liveness probe failed: Get "http://10.244.0.17:8080/healthz": context deadline exceeded', last: at(8)}));
	t.deepEqual(matcher.findings()[0]?.evidence, ['Unhealthy: Liveness probe failed: Get "http://10.244.0.17:8080/healthz": context deadline exceeded']);
});

test('event-only findings age out of the window without any update, and version moves', t => {
	const {matcher, clock} = clocked();
	const pending = pod({deployment: 'trainer', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]});
	matcher.upsert(pending);
	matcher.upsert(event({about: pending, reason: 'FailedScheduling', component: 'default-scheduler', message: '0/3 nodes are available: 3 Insufficient memory.', last: at(5)}));
	const seen = matcher.version;
	t.deepEqual(names(matcher.findings()), ['unschedulable/- trainer-7d4b9c8f6d-x2x9q']);
	clock.now = Date.parse(at(5)) + 15 * minute - 1;
	t.is(matcher.version, seen, 'still inside the window');
	t.is(matcher.findings().length, 1);
	clock.now = Date.parse(at(5)) + 15 * minute;
	t.true(matcher.version > seen);
	t.deepEqual(matcher.findings(), []);
});

test('a repeated event (count and lastTimestamp renewed) keeps its finding alive past the first window', t => {
	const {matcher, clock} = clocked();
	const pending = pod({deployment: 'trainer', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]});
	const scheduling = event({about: pending, reason: 'FailedScheduling', component: 'default-scheduler', message: '0/3 nodes are available: 3 Insufficient memory.', last: at(5)});
	matcher.upsert(pending);
	matcher.upsert(scheduling);
	t.is(matcher.findings().length, 1);
	clock.now = Date.parse(at(12));
	matcher.upsert({...scheduling, count: 8, lastTimestamp: at(12)} as typeof scheduling);
	clock.now = Date.parse(at(20));
	t.is(matcher.findings().length, 1, 'the renewed event is 8 minutes old');
	clock.now = Date.parse(at(27));
	t.deepEqual(matcher.findings(), []);
});

test('a variant that rests on an aged event falls back to the next one', t => {
	const {matcher, clock} = clocked([imagePull]);
	const broken = tagNotFound();
	for (const object of [broken.pod, ...broken.events]) matcher.upsert(object);
	t.is(matcher.findings()[0].variant, 'tag-not-found');
	clock.now = Date.parse(at(5)) + 15 * minute;
	t.like(matcher.findings()[0], {playbook: 'image-pull', variant: null, evidence: ['container app waiting: ImagePullBackOff: Back-off pulling image "nginx:1.99"']});
});

test('events older than the window are not evidence when they arrive', t => {
	const {matcher} = clocked();
	const broken = proxyRefused();
	matcher.upsert(broken.pod);
	matcher.upsert({...broken.events[0], lastTimestamp: '2024-05-01T11:40:00Z'} as typeof broken.events[0]);
	t.deepEqual(names(matcher.findings()), ['image-pull/- api-7d4b9c8f6d-x2x9q']);
});

test('an event about a pod that no longer exists is not evidence', t => {
	const {matcher} = clocked();
	const broken = proxyRefused();
	matcher.upsert(broken.pod);
	for (const object of broken.events) matcher.upsert(object);
	t.is(matcher.findings().length, 2);
	matcher.remove(broken.pod);
	t.deepEqual(matcher.findings(), [], 'deleting the pod drops its findings, event-only ones included');
	const again = proxyRefused('api');
	matcher.upsert({...again.events[0], metadata: {...again.events[0].metadata, name: 'api-7d4b9c8f6d-x2x9q.17c0000000000ff'}} as typeof again.events[0]);
	t.deepEqual(matcher.findings(), [], 'a new event about the vanished pod');
});

test('with listedKinds, an event about a pod never seen is not evidence either', t => {
	const {matcher} = clocked(library, {listedKinds: ['Pod']});
	for (const object of proxyRefused().events) matcher.upsert(object);
	t.deepEqual(matcher.findings(), []);
});

test('without any pod in the input (kubectl get events), events stand on their own', t => {
	t.deepEqual(names(matchAll({objects: proxyRefused().events}, library, {now: () => now})), ['proxy/- api-7d4b9c8f6d-x2x9q', 'image-pull/- api-7d4b9c8f6d-x2x9q']);
});

test('deleting an event drops the evidence it carried', t => {
	const {matcher} = clocked();
	const broken = proxyRefused();
	matcher.upsert(broken.pod);
	matcher.upsert(broken.events[0]);
	matcher.remove(broken.events[0]);
	t.deepEqual(names(matcher.findings()), ['image-pull/- api-7d4b9c8f6d-x2x9q']);
});

test('version moves only when findings change: a re-sent pod with a new resourceVersion does not', t => {
	const {matcher} = clocked();
	const broken = wrongCommand();
	const start = matcher.version;
	matcher.upsert(healthyPod({deployment: 'cart'}));
	t.is(matcher.version, start, 'a healthy pod');
	matcher.upsert(broken.pod);
	const failing = matcher.version;
	t.true(failing > start);
	const first = matcher.findings();
	matcher.upsert(touched(broken.pod, '48999'));
	matcher.upsert(touched(healthyPod({deployment: 'cart'}), '49000'));
	t.is(matcher.version, failing);
	t.is(matcher.findings(), first, 'the cached array is returned while nothing changes');
	matcher.upsert(broken.events[0]);
	t.true(matcher.version > failing, 'new evidence is a change');
});

test('log rules read the current and the previous instance; the previous one stops counting once the container is ready', t => {
	const {matcher} = clocked();
	const orders = resolverFailure();
	const name = orders.pod.metadata.name;
	matcher.upsert(orders.pod);
	matcher.addLogLines('shop', name, 'app', ['fatal: dial tcp: lookup orders-db on 10.96.0.10:53: no such host'], {previous: true});
	t.deepEqual(names(matcher.findings()), ['dns/resolver-failure ' + name, 'crash-loop/exit-code ' + name]);
	matcher.upsert(pod({deployment: 'orders', containers: [{name: 'app', image: 'ghcr.io/acme/orders:3.2', state: running(at(8)), restartCount: 3}], readySince: at(8), phase: 'Running'}));
	t.deepEqual(matcher.findings(), []);
	matcher.addLogLines('shop', name, 'app', ['2024-05-01T12:09:01.220Z error Error: getaddrinfo EAI_AGAIN orders-db']);
	t.deepEqual(names(matcher.findings()), ['dns/resolver-failure ' + name], 'a current line counts on a ready pod');
	matcher.clearLogs('shop', name, 'app');
	t.deepEqual(matcher.findings(), []);
});

test('log lines fall out after logLinesPerContainer newer lines', t => {
	const matcher = new Matcher(library, {now: () => now, logLinesPerContainer: 3});
	const orders = resolverFailure();
	const name = orders.pod.metadata.name;
	matcher.upsert(orders.pod);
	matcher.addLogLines('shop', name, 'app', ['Error: getaddrinfo EAI_AGAIN orders-db', 'retrying in 1s']);
	t.is(matcher.findings()[0].captures.host, 'orders-db');
	matcher.addLogLines('shop', name, 'app', ['connected to orders-db:5432']);
	t.is(matcher.findings()[0].playbook, 'dns', 'three lines: still recent');
	matcher.addLogLines('shop', name, 'app', ['listening on :8080']);
	t.deepEqual(names(matcher.findings()), [`crash-loop/exit-code ${name}`]);
});

test('a pod rule with a log condition needs the log line from the container that meets the pod conditions', t => {
	const {matcher} = clocked();
	const subject = pod({
		deployment: 'shop',
		phase: 'Running',
		containers: [
			{name: 'app', image: 'ghcr.io/acme/shop:1', state: waiting('CrashLoopBackOff', 'back-off 10s restarting failed container=app'), restartCount: 2},
			{name: 'sidecar', image: 'envoyproxy/envoy:v1.30.1', state: running(), ready: true},
		],
	});
	matcher.upsert(subject);
	matcher.addLogLines('shop', subject.metadata.name, 'sidecar', ['[warning] dial tcp: lookup orders-db on 10.96.0.10:53: no such host']);
	t.deepEqual(names(matcher.findings()), ['crash-loop/- shop-7d4b9c8f6d-x2x9q'], 'the sidecar is not the crashing container');
	matcher.addLogLines('shop', subject.metadata.name, 'app', ['fatal: dial tcp: lookup orders-db on 10.96.0.10:53: no such host']);
	t.like(matcher.findings()[0], {playbook: 'dns', variant: 'resolver-failure', container: 'app', captures: {host: 'orders-db', server: '10.96.0.10', image: 'ghcr.io/acme/shop:1'}});
});

test('service-without-endpoints reacts to an Endpoints update', t => {
	const {matcher} = clocked();
	matcher.upsert(service('web', {app: 'web'}));
	matcher.upsert(endpoints('web', [], ['10.244.0.17']));
	t.deepEqual(names(matcher.findings()), ['service-no-endpoints/- web']);
	matcher.upsert(endpoints('web', ['10.244.0.17']));
	t.deepEqual(matcher.findings(), []);
	matcher.remove(endpoints('web', []));
	t.deepEqual(names(matcher.findings()), ['service-no-endpoints/- web'], 'Endpoints deleted: nothing is ready');
});

test('a service is not reported before any Endpoints object is known (offline input without endpoints)', t => {
	t.deepEqual(matchAll({objects: [service('web', {app: 'web'})]}, library, {now: () => now}), []);
	t.is(matchAll({objects: [service('web', {app: 'web'})]}, library, {now: () => now, listedKinds: ['Endpoints']}).length, 1);
});

test('ingress-class-missing reacts to the IngressClass being created', t => {
	const {matcher} = clocked(library, {listedKinds: ['IngressClass']});
	matcher.upsert(ingress('shop', {field: 'nginx'}));
	t.deepEqual(matcher.findings()[0].evidence, ['ingress shop asks for ingressClassName nginx but no IngressClass nginx exists (there is none)']);
	matcher.upsert(ingressClass('nginx', 'k8s.io/ingress-nginx'));
	t.deepEqual(matcher.findings(), []);
	matcher.remove(ingressClass('nginx', 'k8s.io/ingress-nginx'));
	t.is(matcher.findings().length, 1);
});

test('text subjects come and go with setText', t => {
	const {matcher} = clocked();
	matcher.setText('kubectl get pods', 'The connection to the server localhost:8080 was refused - did you specify the right host or port?');
	t.like(matcher.findings()[0], {playbook: 'kubectl-no-cluster', kind: 'Text', namespace: null, name: 'kubectl get pods', summary: 'kubectl has no cluster configured (it tried localhost:8080)'});
	matcher.setText('kubectl get pods', 'No resources found in default namespace.');
	t.deepEqual(matcher.findings(), []);
	matcher.setText('kubectl get pods', 'The connection to the server localhost:8080 was refused - did you specify the right host or port?');
	matcher.setText('kubectl get pods', null);
	t.deepEqual(matcher.findings(), []);
});

test('deployment: from the ReplicaSet owner when known, else the name without the pod-template-hash', t => {
	const rolled = pod({deployment: 'frontend', hash: '6c9f8d7b5', containers: [{name: 'app', image: 'nginx:1.99', state: waiting('ImagePullBackOff', 'Back-off pulling image "nginx:1.99"')}]});
	const owned = replicaSet('frontend-6c9f8d7b5', 'storefront');
	const cases = [
		{name: 'ReplicaSet known (its Deployment was renamed)', objects: [owned, rolled], deployment: 'storefront'},
		{name: 'ReplicaSet known without a Deployment owner', objects: [replicaSet('frontend-6c9f8d7b5', null), rolled], deployment: undefined},
		{name: 'ReplicaSet unknown', objects: [rolled], deployment: 'frontend'},
		{name: 'StatefulSet pod', objects: [pod({deployment: 'db', name: 'db-0', owner: {kind: 'StatefulSet', name: 'db'}, containers: [{name: 'db', image: 'postgres:16.99', state: waiting('ErrImagePull')}]})], deployment: undefined},
	];
	for (const {name, objects, deployment} of cases) t.is(matchAll({objects}, [imagePull], {now: () => now})[0].captures.deployment as string | undefined, deployment, name);
});

test('matchAll equals the incremental result after the same objects arrive in any order', t => {
	const scenarios = [tagNotFound(), proxyRefused(), wrongCommand(), oomKilled(), corednsBind(), resolverFailure()];
	const objects = [...scenarios.flatMap(scenario => [scenario.pod, ...scenario.events]), service('web', {app: 'web'}), endpoints('web', []), healthyPod({deployment: 'cart'})];
	const logs = [{namespace: 'kube-system', pod: 'coredns-5dd5756b68-8kz4t', container: 'coredns', lines: ['[INFO] plugin/reload: Running configuration SHA512 = 591cf328'], previous: ['Listen: listen tcp :53: bind: permission denied']}];
	const once = matchAll({objects, logs}, library, {now: () => now});
	const {matcher} = clocked();
	for (const object of [...objects].reverse()) matcher.upsert(object);
	matcher.addLogLines('kube-system', 'coredns-5dd5756b68-8kz4t', 'coredns', ['Listen: listen tcp :53: bind: permission denied'], {previous: true});
	matcher.addLogLines('kube-system', 'coredns-5dd5756b68-8kz4t', 'coredns', ['[INFO] plugin/reload: Running configuration SHA512 = 591cf328']);
	matcher.upsert(healthyPod({deployment: 'late'}));
	t.deepEqual(matcher.findings(), once);
	t.true(once.length >= 9);
	t.deepEqual(once.slice(0, 2).map(finding => finding.playbook), ['dns', 'proxy']);
});

test('one finding per (playbook, object): several matching rules and events make one finding', t => {
	const broken = tagNotFound();
	const findings = matchAll({objects: [broken.pod, ...broken.events]}, [imagePull, crashLoop], {now: () => now});
	t.is(findings.length, 1);
});
