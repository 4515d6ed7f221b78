import test from 'ava';
import {fillArgv} from '../../../source/core/command/fill-argv.js';
import {splitCommandLine} from '../../../source/core/command/split-command-line.js';

const template = (line: string) => {
	const split = splitCommandLine(line);
	if (!split.ok) throw new Error(split.error);
	return split.argv;
};

test('values fill their own argv elements', t => {
	const result = fillArgv(template('kubectl -n {{namespace}} logs {{pod}} -c {{container}} --previous'), {namespace: 'shop', pod: 'web-0', container: 'app'});
	t.deepEqual(result, {ok: true, argv: ['kubectl', '-n', 'shop', 'logs', 'web-0', '-c', 'app', '--previous']});
});

test('several placeholders in one element and flags with =', t => {
	const result = fillArgv(template('kubectl set image deployment/{{deployment}} {{container}}={{image}} --namespace={{namespace}}'), {
		deployment: 'web', container: 'app', image: 'nginx:1.27', namespace: 'shop',
	});
	t.deepEqual(result, {ok: true, argv: ['kubectl', 'set', 'image', 'deployment/web', 'app=nginx:1.27', '--namespace=shop']});
});

test('spaces inside the braces are allowed', t => {
	t.deepEqual(fillArgv(['kubectl', 'get', 'pod', '{{ pod }}'], {pod: 'a'}), {ok: true, argv: ['kubectl', 'get', 'pod', 'a']});
});

test('a missing or empty value stops the command', t => {
	t.deepEqual(fillArgv(['kubectl', 'logs', '{{pod}}'], {}), {ok: false, error: 'no value for {{pod}}'});
	t.deepEqual(fillArgv(['kubectl', 'logs', '{{pod}}'], {pod: ''}), {ok: false, error: 'no value for {{pod}}'});
});

test('the first invalid value is reported with its placeholder', t => {
	const result = fillArgv(template('kubectl -n {{namespace}} delete pod {{pod}}'), {namespace: 'Bad NS', pod: 'a; rm -rf /'});
	t.false(result.ok);
	t.true(!result.ok && result.error.startsWith('{{namespace}}: "Bad NS" is not a valid Kubernetes name'));
});

// Hostile values, each for a typed placeholder (rejected) and for a capture without a type.
const attacks = ['a; rm -rf /', '$(touch /tmp/pwned)', '`touch /tmp/pwned`', '--kubeconfig=/tmp/other', 'a\nkubectl delete ns prod', '\u001b]0;pwned\u0007', '-oyaml', 'x\r\u001b[2K'];

for (const value of attacks) {
	test(`{{pod}} rejects ${JSON.stringify(value)}`, t => {
		const result = fillArgv(['kubectl', 'delete', 'pod', '{{pod}}'], {pod: value});
		t.false(result.ok);
	});

	test(`a capture holding ${JSON.stringify(value)} is rejected or stays one inert element`, t => {
		const result = fillArgv(['kubectl', 'get', 'events', '--field-selector', 'reason={{reason}}', '{{reason}}'], {reason: value});
		if (!result.ok) {
			t.true(result.error.startsWith('{{reason}}: '));
			return;
		}
		// Accepted only when it is printable, one line and cannot be a flag: then it is exactly one element.
		t.is(result.argv.length, 6);
		t.is(result.argv[4], `reason=${value}`);
		t.is(result.argv[5], value);
		t.false(value.startsWith('-'));
		t.false(/[\u0000-\u001f\u007f-\u009f]/.test(value));
	});
}

test('a value holding a placeholder is not expanded again', t => {
	const result = fillArgv(['kubectl', 'get', 'events', '--field-selector', '{{first}},{{second}}'], {first: '{{second}}', second: 'b'});
	t.deepEqual(result, {ok: true, argv: ['kubectl', 'get', 'events', '--field-selector', '{{second}},b']});
});

test('elements without placeholders are kept as written', t => {
	const argv = template(`kubectl patch deployment web --type=json -p '[{"op": "replace", "path": "/spec/replicas", "value": 2}]'`);
	t.deepEqual(fillArgv(argv, {}), {ok: true, argv});
});
