import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {frontMatterSchema} from '../../source/core/playbook/front-matter-schema.js';
import {runMain} from './run-main.js';

const fixtures = ['--playbooks', 'test/fixtures/playbooks'];

function directory(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'kconsole-playbooks-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
	return dir;
}

const good = `---
id: disk-full
title: The disk is full
severity: warning
match:
  - log: {pattern: 'No space left on device'}
---
The container wrote until the volume was full.

## Steps

### See what uses the space
\`\`\`kubectl
kubectl exec {{pod}} -n {{namespace}} -- df -h
\`\`\`
`;

const broken = `---
id: broken-one
title: Broken
severity: fatal
match:
  - pod: {waiting: [CrashLoopBackOff]}
    colour: red
---
## Steps

### Run it
\`\`\`kubectl
kubectl logs {{pood}}
\`\`\`
`;

test('list prints id, severity and title of every playbook', async t => {
	const result = await runMain(['playbooks', 'list', ...fixtures]);
	t.is(result.code, 0);
	const lines = result.stdout.trimEnd().split('\n');
	t.regex(lines[0], /^ID\s+SEVERITY\s+TITLE$/);
	t.true(lines.some(line => /^image-pull\s+error\s+Image cannot be pulled$/.test(line)));
	t.true(lines.some(line => /^node-pressure\s+warning\s+Node under memory pressure$/.test(line)));
});

test('show prints rules, variants and steps with their exact commands', async t => {
	const result = await runMain(['playbooks', 'show', 'image-pull', ...fixtures]);
	t.is(result.code, 0);
	const text = result.stdout;
	t.true(text.startsWith('image-pull: Image cannot be pulled\nseverity error, priority 40, test/fixtures/playbooks/image-pull.md\n'), text.slice(0, 200));
	t.true(text.includes('  - pod container waiting ErrImagePull or ImagePullBackOff   (line 8)'));
	t.true(text.includes('  tag-not-found: The tag or repository does not exist'));
	t.true(text.includes('$ kubectl describe pod {{pod}} -n {{namespace}}   [kubectl, reads]'));
	// The continued command line reads as one line.
	t.true(text.includes('$ kubectl set image deployment/{{deployment}} {{container}}={{image}} -n {{namespace}}   [kubectl, writes]'));
	t.true(text.includes('wait: rollout deployment/{{deployment}}   (timeout 3m)'));
	t.true(text.includes('Variant tag-not-found'));
});

test('show of an unknown id is one line, exit 2', async t => {
	const result = await runMain(['playbooks', 'show', 'no-such-thing', ...fixtures]);
	t.is(result.code, 2);
	t.is(result.stderr, 'kconsole: no playbook "no-such-thing" (see kconsole playbooks list)\n');
});

test('lint DIR of good playbooks: no problems, exit 0', async t => {
	const dir = directory({'disk-full.md': good});
	const result = await runMain(['playbooks', 'lint', dir]);
	t.is(result.code, 0);
	t.is(result.stdout, '');
	t.is(result.stderr, '1 playbook checked, no problems\n');
});

test('lint DIR prints file:line: message per problem, exit 1, and the good files stay usable', async t => {
	const dir = directory({'disk-full.md': good, 'broken.md': broken});
	const result = await runMain(['playbooks', 'lint', dir]);
	t.is(result.code, 1);
	const lines = result.stdout.trimEnd().split('\n');
	t.true(lines.length >= 2, result.stdout);
	for (const line of lines) t.regex(line, /^\/.+\/broken\.md:\d+: \S/);
	t.true(lines.some(line => line.includes(':4: ') && line.includes('severity')), result.stdout);
	t.true(lines.some(line => line.includes(':7: ') && line.includes('colour')), result.stdout);
	const listed = await runMain(['playbooks', 'list', '--playbooks', dir]);
	t.true(listed.stdout.includes('disk-full'));
	t.regex(listed.stderr, /^kconsole: warning: .*broken\.md:\d+: /);
});

test('lint of a directory that does not exist is a problem', async t => {
	const result = await runMain(['playbooks', 'lint', '/nonexistent/playbooks']);
	t.is(result.code, 1);
	t.is(result.stdout, '/nonexistent/playbooks: cannot read the playbooks directory: it does not exist\n');
});

test('lint without DIR checks the whole library including --playbooks', async t => {
	const result = await runMain(['playbooks', 'lint', ...fixtures]);
	t.is(result.code, 0, result.stdout);
	t.regex(result.stderr, /^\d+ playbooks checked, no problems\n$/);
});

const usage: Array<{name: string; args: string[]; message: string}> = [
	{name: 'no action', args: [], message: 'kconsole: playbooks: say list, show ID or lint [DIR] (see kconsole playbooks --help)\n'},
	{name: 'an unknown action', args: ['remove'], message: 'kconsole: playbooks: unknown action "remove" (use list, show ID or lint [DIR])\n'},
	{name: 'show without an id', args: ['show'], message: 'kconsole: playbooks show: which playbook? (kconsole playbooks show ID; ids: kconsole playbooks list)\n'},
	{name: 'too many arguments', args: ['show', 'a', 'b'], message: 'kconsole: playbooks: unexpected argument "b" (see kconsole playbooks --help)\n'},
];

for (const {name, args, message} of usage) {
	test(`usage error, exit 2: ${name}`, async t => {
		const result = await runMain(['playbooks', ...args]);
		t.is(result.code, 2);
		t.is(result.stderr, message);
	});
}

test('a user playbook with a shipped id replaces it, and lint says so without failing', async t => {
	const override = good.replace('id: disk-full', 'id: image-pull').replace('title: The disk is full', 'title: Our own image pull playbook');
	const dir = directory({'image-pull.md': override});
	const lint = await runMain(['playbooks', 'lint', dir]);
	t.is(lint.code, 0);
	t.is(lint.stdout, `${path.join(dir, 'image-pull.md')}:2: overrides the shipped playbook image-pull\n`);
	const list = await runMain(['playbooks', 'list', '--playbooks', dir]);
	t.regex(list.stdout, /^image-pull\s+warning\s+Our own image pull playbook$/m);
	t.is(list.stdout.match(/^image-pull /gm)?.length, 1);
	const show = await runMain(['playbooks', 'show', 'image-pull', '--playbooks', dir]);
	t.true(show.stdout.startsWith(`image-pull: Our own image pull playbook\nseverity warning, priority 50, ${path.join(dir, 'image-pull.md')}\n`), show.stdout);
});

test('the shipped library lints clean', async t => {
	const result = await runMain(['playbooks', 'lint']);
	t.is(result.code, 0, result.stdout);
	t.regex(result.stderr, /^\d+ playbooks checked, no problems\n$/);
});

/** One rule of each shape a playbook may write, and how `show` words it. */
const ruleCases: Array<{name: string; rule: Record<string, Record<string, unknown>>; shown: string}> = [
	{
		name: 'every pod condition',
		rule: {pod: {phase: ['Running'], firstRevision: true, container: '^web$', waiting: ['CrashLoopBackOff'], terminated: ['Error'], exitCode: [1, 137], minRestarts: 3, message: 'boom', image: '/^nginx/i'}},
		shown: "pod phase Running, of its Deployment's first rollout, container named /^web$/, waiting CrashLoopBackOff, terminated Error, exit code 1 or 137, 3+ restarts, message /boom/, image /^nginx/i",
	},
	{name: 'a later rollout only', rule: {pod: {firstRevision: false}}, shown: 'pod of a later rollout of its Deployment'},
	{name: 'container conditions only', rule: {pod: {waiting: ['ErrImagePull', 'ImagePullBackOff']}}, shown: 'pod container waiting ErrImagePull or ImagePullBackOff'},
	{name: 'every event condition', rule: {event: {type: 'Warning', reason: ['Failed', 'BackOff'], message: 'pull', kind: ['Pod']}}, shown: 'event type Warning, reason Failed or BackOff, message /pull/, about a Pod'},
	{name: 'a log line in a container', rule: {log: {pattern: 'panic:', container: '^app$'}}, shown: 'log line /panic:/ in container /^app$/'},
	{name: 'pasted text', rule: {text: {pattern: 'connection refused'}}, shown: 'text /connection refused/'},
	{name: 'a node condition', rule: {node: {condition: 'MemoryPressure', status: 'True'}}, shown: 'node condition MemoryPressure=True'},
	{name: 'an object field equal to a value', rule: {object: {kind: 'Service', field: 'spec.type', equals: 'ClusterIP'}}, shown: 'Service spec.type = ClusterIP'},
	{name: 'an object field matching a pattern', rule: {object: {kind: 'Namespace', field: 'status.phase', pattern: '^Term'}}, shown: 'Namespace status.phase /^Term/'},
	{name: 'a missing object field', rule: {object: {kind: 'Ingress', field: 'spec.ingressClassName', exists: false}}, shown: 'Ingress spec.ingressClassName missing'},
	{name: 'a derived check', rule: {object: {kind: 'Service', check: 'service-without-endpoints'}}, shown: 'Service check service-without-endpoints'},
];

// JSON is YAML: each rule goes in as written above.
const everyRule = `---
id: every-rule
title: Every kind of rule
severity: warning
match:
${ruleCases.map(({rule}) => `  - ${JSON.stringify(rule)}`).join('\n')}
variants:
  - id: first-deploy
    title: The first deploy
    match:
      - {"pod": {"firstRevision": true}, "event": {"reason": ["Failed"]}}
---
## Steps

### Look
\`\`\`kubectl
kubectl get pods -n {{namespace}}
\`\`\`
`;

test('show words every rule condition the parser accepts', async t => {
	const result = await runMain(['playbooks', 'show', 'every-rule', '--playbooks', directory({'every-rule.md': everyRule})]);
	t.is(result.code, 0, result.stderr);
	const lines = result.stdout.split('\n');
	ruleCases.forEach(({name, shown}, index) => t.true(lines.includes(`  - ${shown}   (line ${6 + index})`), `${name}: ${shown}\n${result.stdout}`));
	t.true(lines.includes(`    - pod of its Deployment's first rollout and event reason Failed   (line ${10 + ruleCases.length})`), result.stdout);
});

test('the rule cases above use every rule key the parser accepts', t => {
	const ruleShape = frontMatterSchema.shape.match.element.shape;
	const accepted = Object.entries(ruleShape).flatMap(([key, schema]) => Object.keys(schema.unwrap().shape).map(field => `${key}.${field}`));
	const used = new Set(ruleCases.flatMap(({rule}) => Object.entries(rule).flatMap(([key, conditions]) => Object.keys(conditions).map(field => `${key}.${field}`))));
	t.deepEqual(accepted.filter(field => !used.has(field)), []);
});

test('show of the shipped image-pull playbook words its first-deploy variant', async t => {
	const result = await runMain(['playbooks', 'show', 'image-pull']);
	t.is(result.code, 0, result.stderr);
	t.regex(result.stdout, /^ {2}not-built-yet: .*\n {4}- pod of its Deployment's first rollout and event reason Failed, message \/manifest unknown\|.*\n {4}- pod of its Deployment's first rollout, container message \/manifest unknown\|/m);
});
