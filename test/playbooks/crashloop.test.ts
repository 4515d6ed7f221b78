import test from 'ava';
import type {KubeObject} from '../../source/core/objects/types.js';
import {at, healthyPod, pod, running, terminated, waiting} from '../core/match/fixtures/kube.js';
import {crash, type Crash, startErrors} from '../fixtures/crash-failures.js';
import {findingOf, findings, type Input, outline, planRun} from './library.js';

const input = ({pod: subject, logs}: Crash): Input => ({objects: [subject], logs});

type Case = {name: string; crash: Crash; variant: string | null; captures?: Record<string, string>};

const cases: Case[] = [
	{
		name: "seed 002: python cannot open the script named in the command",
		crash: crash({deployment: 'cifar10-deployment', image: 'cifar-api:cpu-v1', last: {reason: 'Error', exitCode: 2}, previous: ["python: can't open file '/app/wrong_entry.py': [Errno 2] No such file or directory"]}),
		variant: 'command-not-found',
		captures: {missing: '/app/wrong_entry.py', deployment: 'cifar10-deployment', container: 'app'},
	},
	{name: 'containerd: the command is not on PATH (StartError, exit 128)', crash: crash({last: {reason: 'StartError', exitCode: 128, message: startErrors.containerd('pythn')}}), variant: 'command-not-found', captures: {missing: 'pythn'}},
	{name: 'dockershim: the command is not on PATH (ContainerCannotRun, exit 127)', crash: crash({last: {reason: 'ContainerCannotRun', exitCode: 127, message: startErrors.docker('pythn')}}), variant: 'command-not-found', captures: {missing: 'pythn'}},
	{name: 'CRI-O: the command is not on PATH (CreateContainerError, never started)', crash: crash({restartCount: 0, state: waiting('CreateContainerError', startErrors['cri-o']('pythn'))}), variant: 'command-not-found', captures: {missing: 'pythn'}},
	{name: 'containerd: RunContainerError for a script that is not in the image', crash: crash({restartCount: 1, state: waiting('RunContainerError', startErrors.missingFile('/app/start.sh'))}), variant: 'command-not-found', captures: {missing: '/app/start.sh'}},
	{name: 'a script with CRLF line endings', crash: crash({image: 'ghcr.io/acme/jobs:1.0', last: {reason: 'Error', exitCode: 255}, previous: ['exec /app/start.sh: no such file or directory']}), variant: 'command-not-found', captures: {missing: '/app/start.sh'}},
	{name: 'node cannot find the entry module', crash: crash({image: 'node:20-alpine', last: {reason: 'Error', exitCode: 1}, previous: ['node:internal/modules/cjs/loader:1228', "Error: Cannot find module '/app/index.js'", '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)']}), variant: 'command-not-found', captures: {missing: '/app/index.js'}},
	{name: 'a shell cannot find the program', crash: crash({image: 'busybox:1.36', last: {reason: 'Error', exitCode: 127}, previous: ['/bin/sh: 1: gunicorn: not found']}), variant: 'command-not-found', captures: {missing: 'gunicorn'}},
	{name: 'an arm64 image on an amd64 node (runc 1.1+)', crash: crash({image: 'ghcr.io/acme/api:mac-build', last: {reason: 'Error', exitCode: 255}, previous: ['exec /usr/local/bin/api: exec format error']}), variant: 'exec-format'},
	{name: 'an arm64 image on an amd64 node (older runc)', crash: crash({image: 'ghcr.io/acme/api:mac-build', last: {reason: 'Error', exitCode: 1}, previous: ['standard_init_linux.go:228: exec user process caused: exec format error']}), variant: 'exec-format'},
	{name: 'OOMKilled in the last state', crash: crash({deployment: 'model', image: 'ghcr.io/mlops-lab/model-server:1.4.0', last: {reason: 'OOMKilled', exitCode: 137}, previous: ['[INFO] loading model resnet50 from /models/resnet50.pt']}), variant: 'oom-killed'},
	{name: 'exit 137 reported as Error (killed)', crash: crash({deployment: 'model', last: {reason: 'Error', exitCode: 137}}), variant: 'oom-killed'},
	{
		name: 'OOMKilled, restarted and not ready yet (between two crashes)',
		crash: crash({deployment: 'model', state: running(at(9)), last: {reason: 'OOMKilled', exitCode: 137}, restartCount: 4}),
		variant: 'oom-killed',
	},
	{
		name: 'seed 001: the app cannot resolve its database (cluster DNS down)',
		crash: crash({
			deployment: 'saas-shortener',
			namespace: 'saas-shortener',
			image: 'saas-shortener:v1.2.0',
			last: {reason: 'Error', exitCode: 1},
			previous: [
				'2024/05/01 12:07:03 connecting to postgres host=postgres-service port=5432 database=saas_shortener',
				'2024/05/01 12:07:03 failed to connect to `host=postgres-service user=postgres database=saas_shortener`: hostname resolving error (lookup postgres-service on 10.96.0.10:53: read udp 10.244.0.12:48321->10.96.0.10:53: read: connection refused)',
			],
		}),
		variant: 'dns',
		captures: {host: 'postgres-service'},
	},
	{name: 'python cannot resolve a name', crash: crash({last: {reason: 'Error', exitCode: 1}, previous: ['socket.gaierror: [Errno -3] Temporary failure in name resolution']}), variant: 'dns'},
	{
		name: 'the database refuses connections (Go, pgx)',
		crash: crash({
			deployment: 'saas-shortener',
			last: {reason: 'Error', exitCode: 1},
			previous: ['2024/05/01 12:07:03 failed to connect to `host=postgres-service user=postgres database=saas_shortener`: dial error (dial tcp 10.96.45.12:5432: connect: connection refused)'],
		}),
		variant: 'dependency-refused',
		captures: {dependency: '10.96.45.12:5432'},
	},
	{name: 'redis refuses connections (node)', crash: crash({image: 'node:20-alpine', last: {reason: 'Error', exitCode: 1}, previous: ['Error: connect ECONNREFUSED 10.96.0.20:6379']}), variant: 'dependency-refused', captures: {dependency: '10.96.0.20:6379'}},
	{
		name: 'postgres refuses connections (python)',
		crash: crash({last: {reason: 'Error', exitCode: 1}, previous: ['psycopg2.OperationalError: connection to server at "postgres" (10.96.0.20), port 5432 failed: Connection refused']}),
		variant: 'dependency-refused',
	},
	{name: 'exit 1 and no log to read', crash: crash({last: {reason: 'Error', exitCode: 1}}), variant: 'exit-error'},
	{name: 'between two crashes: running again, not ready, last state Error', crash: crash({state: running(at(9.9)), restartCount: 6, last: {reason: 'Error', exitCode: 1}}), variant: 'exit-error'},
	{name: 'back-off without a last state (status just rewritten)', crash: crash({}), variant: null},
];

for (const {name, crash: subject, variant, captures} of cases) {
	test(`crashloop recognises ${name}`, t => {
		const reported = findings(input(subject));
		const found = reported.find(finding => finding.playbook === 'crashloop');
		t.truthy(found, `findings: ${outline(reported).join(', ')}`);
		t.is(found!.variant, variant);
		if (captures) t.like(found!.captures, captures);
	});
}

const negatives: Array<{name: string; objects: KubeObject[]}> = [
	{name: 'a healthy pod', objects: [healthyPod()]},
	{name: 'a pod that restarted once (OOMKilled) and is Ready now', objects: [pod({deployment: 'cart', phase: 'Running', readySince: at(6), containers: [{name: 'app', image: 'ghcr.io/acme/cart:1.0', state: running(at(6)), lastState: terminated('OOMKilled', 137), restartCount: 1}]})]},
	{name: 'a completed Job pod', objects: [pod({deployment: 'migrate', owner: {kind: 'Job', name: 'migrate'}, phase: 'Succeeded', containers: [{name: 'migrate', image: 'ghcr.io/acme/migrate:1', state: terminated('Completed', 0)}]})]},
	{name: 'a Job pod that failed once (restartPolicy Never)', objects: [pod({deployment: 'migrate', owner: {kind: 'Job', name: 'migrate'}, phase: 'Failed', containers: [{name: 'migrate', image: 'ghcr.io/acme/migrate:1', state: terminated('Error', 1)}]})]},
	{name: 'ContainerCreating', objects: [pod({deployment: 'trainer', containers: [{name: 'train', image: 'ghcr.io/acme/trainer:1', state: waiting('ContainerCreating')}]})]},
	{name: 'a missing ConfigMap (CreateContainerConfigError)', objects: [pod({deployment: 'api', containers: [{name: 'api', image: 'ghcr.io/acme/api:1', state: waiting('CreateContainerConfigError', 'configmap "api-config" not found')}]})]},
	{name: 'running but not ready yet, never restarted', objects: [pod({deployment: 'api', phase: 'Running', containers: [{name: 'api', image: 'ghcr.io/acme/api:1', state: running(at(9))}]})]},
];

for (const {name, objects} of negatives) {
	test(`crashloop stays quiet for ${name}`, t => {
		t.deepEqual(outline(findings({objects})).filter(line => line.startsWith('crashloop/')), []);
	});
}

test('crashloop recognises pasted kubectl output', t => {
	const getPods = 'NAME                                  READY   STATUS             RESTARTS      AGE\ncifar10-deployment-6d9f7c8b5-7xk2p    0/1     CrashLoopBackOff   5 (40s ago)   4m';
	const logs = "python: can't open file '/app/wrong_entry.py': [Errno 2] No such file or directory";
	const status = findingOf('crashloop', {texts: {'get pods': getPods}});
	t.is(status.variant, 'status-only');
	t.is(status.summary, 'cifar10-deployment-6d9f7c8b5-7xk2p is in CrashLoopBackOff: the log of its crashed instance says why');
	t.deepEqual(planRun(status).map(step => step.command), ['kubectl logs cifar10-deployment-6d9f7c8b5-7xk2p -n default --previous --tail=50', 'kubectl describe pod cifar10-deployment-6d9f7c8b5-7xk2p -n default']);
	t.deepEqual(outline(findings({texts: {'get pods and logs': `${getPods}\n${logs}`}})), ['crashloop/command-not-found Text/get pods and logs']);
	const event = findingOf('crashloop', {texts: {describe: '  Warning  BackOff  12s (x12 over 2m)  kubelet  Back-off restarting failed container app in pod worker-7d4b9c8f6d-x2x9q_shop(6f1c2b7e)'}});
	t.is(event.summary, 'app keeps crashing and restarting');
});

test('the command-not-found run shows the command, offers it for editing and patches the corrected one', t => {
	const finding = findingOf('crashloop', input(cases[0].crash));
	t.is(finding.summary, '/app/wrong_entry.py does not exist in the image, so the container cannot start');
	const outputs = {1: '["python","wrong_entry.py"]\n'};
	const planned = planRun(finding, {outputs, presets: {command: '["python","app.py"]'}});
	t.deepEqual(planned.map(step => step.command), [
		`kubectl logs ${finding.name} -n shop -c app --previous --tail=20`,
		'kubectl get deployment cifar10-deployment -n shop -o \'jsonpath={.spec.template.spec.containers[?(@.name=="app")].command}{"\\n"}{.spec.template.spec.containers[?(@.name=="app")].args}\'',
		'kubectl patch deployment cifar10-deployment -n shop -p \'{"spec":{"template":{"spec":{"containers":[{"name":"app","command":["python","app.py"]}]}}}}\'',
		'wait rollout deployment/cifar10-deployment',
		'wait resolved',
	]);
	// Without an answer the current command is the default, ready to be edited.
	t.is(planRun(finding, {outputs})[2].command, 'kubectl patch deployment cifar10-deployment -n shop -p \'{"spec":{"template":{"spec":{"containers":[{"name":"app","command":["python","wrong_entry.py"]}]}}}}\'');
});

test('the oom-killed run shows the current limit and sets the new one', t => {
	const finding = findingOf('crashloop', input(cases.find(entry => entry.name === 'OOMKilled in the last state')!.crash));
	const planned = planRun(finding, {outputs: {1: '256Mi'}, presets: {memory: '1Gi'}});
	t.is(planned[2].command, 'kubectl set resources deployment/model -c app --limits=memory=1Gi -n shop');
	t.is(planned.at(-1)?.command, 'wait resolved');
	t.regex(planRun(finding, {outputs: {1: '256Mi'}})[2].error ?? '', /memory/, 'no default: the user chooses the new limit');
});

test('every crashloop variant builds its steps from a real finding', t => {
	const seen = new Set<string | null>();
	for (const {crash: subject, variant} of cases) {
		if (seen.has(variant)) continue;
		seen.add(variant);
		const finding = findingOf('crashloop', input(subject));
		const planned = planRun(finding, {outputs: {1: '["x"]'}, presets: {memory: '1Gi', command: '["python","app.py"]', image: 'nginx:1.27'}});
		t.deepEqual(planned.filter(step => step.error), [], `variant ${variant ?? '-'}`);
		t.is(planned.at(-1)?.command, 'wait resolved', `variant ${variant ?? '-'}`);
	}
});
