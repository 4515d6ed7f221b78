import {readFileSync} from 'node:fs';
import test from 'ava';
import {parsePlaybook} from '../../../source/core/playbook/parse-playbook.js';
import type {Playbook} from '../../../source/core/playbook/types.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/playbooks/${name}`, import.meta.url), 'utf8');

function parseFixture(name: string): Playbook {
	const {playbook, problems} = parsePlaybook(fixture(name), name);
	if (!playbook) throw new Error(`${name} did not parse: ${problems.map(p => `${p.line}: ${p.message}`).join('; ')}`);
	return playbook;
}

test('image-pull: header fields, rules of every pod/event/text form with their lines', t => {
	const playbook = parseFixture('image-pull.md');
	t.like(playbook, {id: 'image-pull', title: 'Image cannot be pulled', severity: 'error', priority: 40, file: 'image-pull.md', line: 1, idLine: 2});
	t.is(playbook.summary, '{{container}} cannot pull {{image}}');
	t.deepEqual(playbook.match, [
		{line: 8, pod: {waiting: ['ErrImagePull', 'ImagePullBackOff']}},
		{line: 10, pod: {waiting: ['InvalidImageName'], image: /(?<registry>[^/]+)\/(?<repository>[^:@]+)/}},
		{line: 11, event: {reason: ['Failed'], type: 'Warning', message: /Failed to pull image "(?<image>[^"]+)"/, kind: ['Pod']}},
		{line: 16, text: {pattern: /failed to pull image "(?<image>[^"]+)"/i}},
	]);
});

test('image-pull: variants in order, with rules, summaries and their sections', t => {
	const {variants} = parseFixture('image-pull.md');
	t.deepEqual(variants.map(({steps, ...variant}) => ({...variant, steps: steps.map(step => step.title)})), [
		{
			id: 'tag-not-found',
			title: 'The tag or repository does not exist',
			line: 19,
			summary: '{{image}} does not exist in the registry',
			match: [
				{line: 23, event: {reason: ['Failed'], message: /Failed to pull image "(?<image>[^"]+)".*(manifest unknown|not found)/}},
				{line: 24, pod: {message: /manifest unknown|: not found/}},
			],
			explanation: 'The registry answered, but it has no image under that name and tag.',
			steps: ['Find the revision that last ran', 'Roll back to it', 'Wait until the pod is pulled'],
		},
		{
			id: 'registry-unreachable',
			title: 'The registry cannot be reached',
			line: 25,
			match: [{line: 28, event: {message: /dial tcp (?<host>[^:]+):(?<port>\d+): i\/o timeout/}}],
			explanation: 'The node cannot open a connection to {{host}}.',
			steps: ["Resolve the registry's name", 'Try it through the proxy', 'Wait until the finding is gone'],
		},
		// Declared without a body section: allowed, the default steps apply.
		{id: 'invalid-name', title: 'The image reference is not valid', line: 29, match: [{line: 32, pod: {waiting: ['InvalidImageName']}}], explanation: '', steps: []},
	]);
});

test('image-pull: default steps with titles, lines, prose and every action kind and option', t => {
	const {steps} = parseFixture('image-pull.md');
	t.deepEqual(steps, [
		{
			title: "Look at the pod's events",
			line: 53,
			prose: "The events name the image and the registry's answer.",
			action: {kind: 'kubectl', text: 'kubectl describe pod {{pod}} -n {{namespace}}', argv: ['kubectl', 'describe', 'pod', '{{pod}}', '-n', '{{namespace}}'], line: 55, timeoutMs: 60_000},
		},
		{
			title: 'Check the registry is reachable from here',
			line: 59,
			prose: '',
			action: {kind: 'probe', text: 'tcp {{registry}}:443', argv: ['tcp', '{{registry}}:443'], line: 60, timeoutMs: 5000},
		},
		{
			title: "Compare with the host's Docker",
			line: 64,
			// A fence without a language is an example and stays in the prose.
			prose: 'Run it yourself if you like:\n```\ndocker pull {{image}}\n```',
			// A script for /bin/sh: pipes are allowed, Go templates are not placeholders.
			action: {
				kind: 'sh',
				text: "docker image ls --format '{{.Repository}}:{{.Tag}}' | grep {{repository}}",
				argv: ['/bin/sh', '-c', "docker image ls --format '{{.Repository}}:{{.Tag}}' | grep {{repository}}"],
				line: 69,
				timeoutMs: 120_000,
			},
		},
		{
			title: 'Point the deployment at a good image',
			line: 73,
			prose: '',
			action: {
				kind: 'kubectl',
				text: 'kubectl set image deployment/{{deployment}} \\\n  {{container}}={{image}} -n {{namespace}}',
				argv: ['kubectl', 'set', 'image', 'deployment/{{deployment}}', '{{container}}={{image}}', '-n', '{{namespace}}'],
				line: 74,
				timeoutMs: 60_000,
				ask: {name: 'image', prompt: 'Image to run instead', default: '{{image}}'},
			},
		},
		{
			title: 'Wait for the rollout',
			line: 79,
			prose: '',
			action: {kind: 'wait', text: 'rollout deployment/{{deployment}}', argv: ['rollout', 'deployment/{{deployment}}'], line: 80, timeoutMs: 180_000},
		},
		{title: 'Tell the team', line: 84, prose: 'No action: mark this done when the image is fixed in CI.', action: null},
	]);
});

test('image-pull: variant steps use captures of the variant and of earlier steps', t => {
	const [tagNotFound, unreachable] = parseFixture('image-pull.md').variants;
	t.deepEqual(tagNotFound.steps.map(step => [step.line, step.action]), [
		[91, {
			kind: 'kubectl',
			text: 'kubectl rollout history deployment/{{deployment}} -n {{namespace}}',
			argv: ['kubectl', 'rollout', 'history', 'deployment/{{deployment}}', '-n', '{{namespace}}'],
			line: 92,
			timeoutMs: 60_000,
			capture: /(?<revision>\d+)\s+<none>\s*$/,
		}],
		[96, {
			kind: 'kubectl',
			text: 'kubectl rollout undo deployment/{{deployment}} -n {{namespace}} "--to-revision={{revision}}"',
			argv: ['kubectl', 'rollout', 'undo', 'deployment/{{deployment}}', '-n', '{{namespace}}', '--to-revision={{revision}}'],
			line: 97,
			timeoutMs: 60_000,
		}],
		[101, {kind: 'wait', text: 'pulled pod/{{pod}}', argv: ['pulled', 'pod/{{pod}}'], line: 102, timeoutMs: 120_000}],
	]);
	t.deepEqual(unreachable.steps.map(step => step.action?.argv), [
		['dns', '{{host}}', 'server=10.96.0.10'],
		['http', 'https://{{host}}:{{port}}/v2/', 'proxy=http://127.0.0.1:7890'],
		['resolved'],
	]);
	t.is(unreachable.steps[1].action?.timeoutMs, 15_000);
});

test('image-pull: the explanation holds the intro, other ## sections and the ## Steps intro, without the H1', t => {
	const {explanation} = parseFixture('image-pull.md');
	t.true(explanation.startsWith("The kubelet could not download the container's image"));
	t.true(explanation.includes('## Why this happens\n\n### Common causes\n'));
	t.true(explanation.includes('```yaml\nimagePullSecrets:'));
	t.true(explanation.endsWith('Work through these in order.'));
	t.false(explanation.includes('# Image cannot be pulled'));
});

test('log and pod conditions in one rule, every pod condition, a JSON patch argument', t => {
	const playbook = parseFixture('coredns-bind.md');
	t.is(playbook.priority, 10);
	t.is(playbook.summary, 'CoreDNS cannot bind port 53');
	t.deepEqual(playbook.match, [
		{
			line: 7,
			pod: {container: /^coredns$/, waiting: ['CrashLoopBackOff'], minRestarts: 2},
			log: {pattern: /listen tcp :(?<port>\d+): bind: permission denied/, container: /^coredns$/},
		},
		{line: 14, pod: {container: /^coredns$/, terminated: ['Error'], exitCode: [1], phase: ['Running', 'Pending']}},
	]);
	t.deepEqual(playbook.steps[1].action?.argv, [
		'kubectl', '-n', '{{namespace}}', 'patch', 'deployment', '{{deployment}}', '--type=json',
		'-p', '[{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/capabilities/add", "value": ["NET_BIND_SERVICE"]}]',
	]);
});

test('object rules: field with equals, exists and pattern, and derived checks', t => {
	const terminating = parseFixture('namespace-terminating.md');
	t.is(terminating.priority, 50);
	t.deepEqual(terminating.match, [
		{line: 6, object: {kind: 'Namespace', field: 'status.phase', equals: 'Terminating'}},
		{line: 7, object: {kind: 'Namespace', field: 'spec.finalizers', exists: true}},
	]);
	t.deepEqual(terminating.steps[1].action, {kind: 'wait', text: 'gone namespace/{{name}}', argv: ['gone', 'namespace/{{name}}'], line: 22, timeoutMs: 300_000});
	t.deepEqual(parseFixture('service-no-endpoints.md').match, [
		{line: 6, object: {kind: 'Service', check: 'service-without-endpoints'}},
		{line: 7, object: {kind: 'Ingress', field: 'spec.ingressClassName', pattern: /^NGINX$/i}},
	]);
});

test('node rules: an unquoted True is the status word, events about the node, a step without a block is manual', t => {
	const playbook = parseFixture('node-pressure.md');
	t.deepEqual(playbook.match, [
		{line: 6, node: {condition: 'MemoryPressure', status: 'True'}},
		{line: 7, node: {condition: 'Ready', status: 'Unknown'}, event: {reason: ['NodeNotReady']}},
	]);
	t.deepEqual(playbook.steps[1], {title: 'Free memory on the node', line: 19, prose: 'Stop what you do not need, or give the VM more memory.', action: null});
});

test('Windows line endings and a byte order mark change nothing', t => {
	const text = fixture('image-pull.md');
	t.deepEqual(parsePlaybook(`\uFEFF${text.replaceAll('\n', '\r\n')}`, 'image-pull.md'), parsePlaybook(text, 'image-pull.md'));
});
