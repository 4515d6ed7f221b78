import test from 'ava';
import {parsePlaybook} from '../../../source/core/playbook/parse-playbook.js';

// Lines 1-7; a body starts on line 8.
const head = `---
id: demo
title: Demo
severity: error
match:
  - pod: {waiting: [CrashLoopBackOff]}
---
`;

const withBody = (body: string) => head + body;

const step = (block: string) => withBody(`## Steps

### Do it
${block}
`);

type Case = {name: string; text: string; problems: string[]};

const cases: Case[] = [
	// Front matter framing and YAML.
	{name: 'missing front matter', text: '# Demo\n\nNo front matter.\n', problems: ['demo.md:1: missing front matter: a playbook starts with a --- line, its YAML front matter, then another --- line']},
	{name: 'unterminated front matter', text: '---\nid: demo\ntitle: Demo\n\n## Steps\n', problems: ['demo.md:1: front matter is not closed: add a --- line after it']},
	{name: 'YAML syntax error with its line', text: '---\nid: demo\ntitle: Demo\nseverity: error\nmatch:\n  - pod: {waiting: [X}\n---\n', problems: ['demo.md:6: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']},
	{name: 'duplicate YAML key', text: '---\nid: demo\ntitle: Demo\nid: other\n---\n', problems: ['demo.md:4: YAML syntax error: Map keys must be unique']},
	{name: 'empty front matter', text: '---\n---\nBody.\n', problems: ['demo.md:1: expected a mapping, got nothing']},
	// Schema.
	{name: 'unknown key at top level', text: head.replace('severity: error\n', 'severity: error\ncolour: red\n'), problems: ['demo.md:5: unknown key "colour" (allowed: id, title, severity, priority, summary, match, variants)']},
	{name: 'unknown key inside a rule', text: head.replace('{waiting: [CrashLoopBackOff]}', '{wating: [CrashLoopBackOff]}'), problems: ['demo.md:6: match[0].pod: unknown key "wating" (allowed: waiting, terminated, exitCode, minRestarts, message, image, container, phase, firstRevision)']},
	{name: 'unknown rule kind', text: head.replace('  - pod:', '  - pods:'), problems: ['demo.md:6: match[0]: unknown key "pods" (allowed: pod, event, log, text, node, object)']},
	{name: 'wrong severity', text: head.replace('severity: error', 'severity: fatal'), problems: ['demo.md:4: severity: expected error or warning, got "fatal"']},
	{name: 'missing required key', text: head.replace('title: Demo\n', ''), problems: ['demo.md:2: missing required key "title"']},
	{name: 'priority not an integer', text: head.replace('severity: error\n', 'severity: error\npriority: high\n'), problems: ['demo.md:5: priority: expected a number, got "high"']},
	{name: 'bad id', text: head.replace('id: demo', 'id: Demo_Playbook'), problems: ['demo.md:2: id: must be lowercase letters, digits and dashes, got "Demo_Playbook"']},
	{name: 'empty match list', text: head.replace('match:\n  - pod: {waiting: [CrashLoopBackOff]}', 'match: []'), problems: ['demo.md:5: match: must not be empty']},
	{name: 'match not a list', text: head.replace('  - pod:', '  pod:'), problems: ['demo.md:5: match: expected a list, got a mapping']},
	{name: 'exit code not a number', text: head.replace('{waiting: [CrashLoopBackOff]}', '{exitCode: [1, two]}'), problems: ['demo.md:6: match[0].pod.exitCode[1]: expected a number, got "two"']},
	{name: 'empty pod condition', text: head.replace('{waiting: [CrashLoopBackOff]}', '{}'), problems: ['demo.md:6: match[0].pod: a pod condition needs at least one key']},
	{name: 'bad regex', text: head.replace('{waiting: [CrashLoopBackOff]}', "{message: 'pull (failed'}"), problems: ['demo.md:6: match[0].pod.message: bad regular expression "pull (failed": Unterminated group']},
	{name: 'inline flags are not JavaScript', text: head.replace('{waiting: [CrashLoopBackOff]}', "{message: '(?i)denied'}"), problems: ['demo.md:6: match[0].pod.message: bad regular expression "(?i)denied": Invalid group (write /…/i for case-insensitive matching)']},
	{name: 'text combined with pod', text: head.replace('{waiting: [CrashLoopBackOff]}', '{waiting: [X]}\n    text: {pattern: x}'), problems: ['demo.md:7: match[0].text: text cannot be combined with pod in one rule']},
	{name: 'node combined with pod', text: head.replace('{waiting: [CrashLoopBackOff]}', '{waiting: [X]}\n    node: {condition: Ready, status: "False"}'), problems: ['demo.md:7: match[0].node: node cannot be combined with pod in one rule']},
	{name: 'node rule status', text: head.replace('pod: {waiting: [CrashLoopBackOff]}', 'node: {condition: Ready, status: Maybe}'), problems: ['demo.md:6: match[0].node.status: expected True, False or Unknown, got "Maybe"']},
	{name: 'node rule missing status', text: head.replace('pod: {waiting: [CrashLoopBackOff]}', 'node:\n      condition: Ready'), problems: ['demo.md:6: match[0].node: missing required key "status"']},
	{name: 'object rule without field or check', text: head.replace('pod: {waiting: [CrashLoopBackOff]}', 'object: {kind: Namespace}'), problems: ['demo.md:6: match[0].object: needs field (with equals, pattern or exists) or check']},
	{name: 'object field without a test', text: head.replace('pod: {waiting: [CrashLoopBackOff]}', 'object: {kind: Namespace, field: status.phase}'), problems: ['demo.md:6: match[0].object.field: needs exactly one of equals, pattern or exists']},
	{name: 'unknown placeholder in summary', text: head.replace('severity: error\n', 'severity: error\nsummary: "{{container}} hit {{limit}}"\n'), problems: ['demo.md:5: summary: unknown placeholder {{limit}}']},
	{name: 'duplicate variant id', text: head.replace(/---\n$/, 'variants:\n  - id: a\n    title: A\n    match: [{pod: {waiting: [X]}}]\n  - id: a\n    title: Again\n    match: [{pod: {waiting: [Y]}}]\n---\n'), problems: ['demo.md:11: variants[1].id: duplicate variant id "a"']},
	{name: 'variant rule about another subject', text: head.replace(/---\n$/, 'variants:\n  - id: a\n    title: A\n    match:\n      - text: {pattern: x}\n---\n'), problems: ['demo.md:11: variants[0].match[0]: a variant rule about text cannot refine playbook rules about pod']},
	// Body structure.
	{name: 'variant section not declared', text: withBody('## Variant: tag-not-found\n\n### Roll back\n'), problems: ['demo.md:8: variant "tag-not-found" is not declared in the front matter\'s variants']},
	{name: 'bad variant heading', text: withBody('## Variant: Tag Not Found\n'), problems: ['demo.md:8: bad variant heading "## Variant: Tag Not Found" (write ## Variant: ID with the id from the front matter)']},
	{name: 'second steps section', text: withBody('## Steps\n\n### One\n\n## Steps\n\n### Two\n'), problems: ['demo.md:12: a second ## Steps section (the first is at line 8)']},
	{name: 'action block outside a step', text: withBody('Check it:\n\n```kubectl\nkubectl get pods\n```\n'), problems: ['demo.md:10: kubectl block outside a step: put it under a ### step in ## Steps or ## Variant: ID']},
	{name: 'step without title', text: withBody('## Steps\n\n###\nText.\n'), problems: ['demo.md:10: a step needs a title after ###']},
	// Action blocks.
	{name: 'unknown fence language in a step', text: step('```bash\nkubectl get pods\n```'), problems: ['demo.md:11: unknown action language "bash" (expected kubectl, sh, probe or wait; use a fence without a language for examples)']},
	{name: 'two action blocks in one step', text: step('```kubectl\nkubectl get pods\n```\n\n```kubectl\nkubectl get events\n```'), problems: ['demo.md:15: a step holds at most one action block (the first is at line 11)']},
	{name: 'kubectl block not starting with kubectl', text: step('```kubectl\n\nget pods -n {{namespace}}\n```'), problems: ['demo.md:13: a kubectl block must start with "kubectl"']},
	{name: 'unterminated quote in a kubectl block', text: step('```kubectl\nkubectl logs {{pod}} -c "app\n```'), problems: ['demo.md:11: cannot split the command: unterminated double quote']},
	{name: 'shell pipe in a kubectl block', text: step('```kubectl\nkubectl get pods | grep {{pod}}\n```'), problems: ['demo.md:11: cannot split the command: shell syntax "|" is not supported: kconsole runs commands without a shell']},
	{name: 'two commands in one block', text: step('```kubectl\nkubectl get pods\nkubectl get events\n```'), problems: ['demo.md:11: cannot split the command: one command per block (join lines with a trailing backslash)']},
	{name: 'empty block', text: step('```sh\n```'), problems: ['demo.md:11: empty sh block']},
	{name: 'unknown placeholder', text: step('```kubectl\nkubectl get pods \\\n  -n {{namespace}} -l app={{app}}\n```'), problems: ['demo.md:13: unknown placeholder {{app}}']},
	{name: 'placeholder with spaces split apart', text: step('```kubectl\nkubectl get pod {{ pod }}\n```'), problems: ['demo.md:12: write {{pod}} without spaces: the command is split at spaces']},
	{name: 'dashed placeholder', text: step('```kubectl\nkubectl get pod {{pod-name}}\n```'), problems: ['demo.md:12: malformed placeholder {{pod-name}} (a name is a letter, then letters, digits or _)']},
	{name: 'placeholder inside backticks in an sh script', text: step('```sh\nss -tlnp | grep `echo {{port}}`\n```'), problems: ['demo.md:11: cannot run the script: {{port}}: placeholders inside `…` are not supported in sh steps']},
	{name: 'unterminated quote in an sh script', text: step("```sh\ncurl -x 'http://127.0.0.1:7890 https://registry-1.docker.io/v2/\n```"), problems: ['demo.md:11: cannot run the script: unterminated single quote']},
	{name: 'unknown probe verb', text: step('```probe\nping registry.local\n```'), problems: ['demo.md:12: unknown probe "ping" (expected tcp, dns or http)']},
	{name: 'tcp probe without port', text: step('```probe\ntcp registry.local\n```'), problems: ['demo.md:12: probe tcp needs HOST:PORT, e.g. tcp registry.local:5000']},
	{name: 'http probe without scheme', text: step('```probe\nhttp registry.local/v2/\n```'), problems: ['demo.md:12: probe http needs URL [proxy=http://HOST:PORT]']},
	{name: 'unknown wait verb', text: step('```wait\ndone pod/{{pod}}\n```'), problems: ['demo.md:12: unknown wait "done" (expected resolved, rollout, ready, running, gone or pulled)']},
	{name: 'wait ready on a deployment', text: step('```wait\nready deployment/{{deployment}}\n```'), problems: ['demo.md:12: wait ready needs pod/NAME']},
	{name: 'bad timeout', text: step('```kubectl timeout=soon\nkubectl get pods\n```'), problems: ['demo.md:11: bad timeout "soon" (write e.g. 500ms, 30s or 2m)']},
	{name: 'unknown option', text: step('```kubectl retries=3\nkubectl get pods\n```'), problems: ['demo.md:11: unknown option "retries=3" (options are timeout=, ask=, prompt=, default=, capture=)']},
	{name: 'ask without prompt', text: step('```kubectl ask=image\nkubectl set image deployment/{{deployment}} app={{image}}\n```'), problems: ['demo.md:11: ask=image needs prompt="the question to show"']},
	{name: 'prompt without ask', text: step('```kubectl prompt="Which?"\nkubectl get pods\n```'), problems: ['demo.md:11: prompt= needs ask=NAME']},
	{name: 'capture without a named group', text: step("```kubectl capture='revision \\d+'\nkubectl rollout history deployment/{{deployment}}\n```"), problems: ['demo.md:11: capture= needs a named group, e.g. capture=\'revision (?<revision>\\d+)\'']},
	{name: 'capture used before the step that captures it', text: withBody("## Steps\n\n### Undo\n```kubectl\nkubectl rollout undo deployment/{{deployment}} --to-revision={{revision}}\n```\n\n### History\n```kubectl capture='(?<revision>\\d+)'\nkubectl rollout history deployment/{{deployment}}\n```\n"), problems: ['demo.md:12: unknown placeholder {{revision}}']},
];

for (const {name, text, problems} of cases) {
	test(name, t => {
		const result = parsePlaybook(text, 'demo.md');
		t.is(result.playbook, null);
		t.deepEqual(result.problems.map(p => `${p.file}:${p.line}: ${p.message}`), problems);
	});
}

test('a broken front matter still gets its body checked, without placeholder checks', t => {
	const text = head.replace('severity: error', 'severity: fatal') + '## Steps\n\n### Look\n```kubectl\nkubectl get pod {{unknown}} | head\n```\n';
	t.deepEqual(parsePlaybook(text, 'demo.md').problems.map(p => `${p.line}: ${p.message}`), [
		'4: severity: expected error or warning, got "fatal"',
		'11: cannot split the command: shell syntax "|" is not supported: kconsole runs commands without a shell',
	]);
});

test('problems come in file order', t => {
	const text = withBody('Intro\n```kubectl\nkubectl get pods\n```\n\n## Steps\n\n### A\n```wait\nsoon\n```\n');
	t.deepEqual(parsePlaybook(text, 'demo.md').problems.map(p => p.line), [9, 17]);
});

const oddInputs: Array<[string, string]> = [
	['empty file', ''],
	['only a fence line', '---'],
	['empty front matter and body', '---\n---'],
	['front matter that is a list', '---\n- a\n- b\n---\n'],
	['binary noise', '\u0000\u0001---\n\uFFFD\n'],
	['alias bomb', `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n`],
];

for (const [name, text] of oddInputs) {
	test(`never throws: ${name}`, t => {
		const result = parsePlaybook(text, 'odd.md');
		t.is(result.playbook, null);
		t.true(result.problems.length > 0);
	});
}
