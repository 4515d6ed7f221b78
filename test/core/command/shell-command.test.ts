import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {shellCommand} from '../../../source/core/command/shell-command.js';

// Runs what shellCommand built the way the executor does: argv, plus env on top of ours.
function run(text: string, values: Record<string, string>): string {
	const built = shellCommand(text, values);
	if (!built.ok) throw new Error(built.error);
	const [shell, ...args] = built.argv;
	const result = spawnSync(shell, args, {env: {PATH: process.env.PATH, ...built.env}, encoding: 'utf8'});
	return result.stdout;
}

test('a placeholder becomes a quoted variable and its value travels in the environment', t => {
	t.deepEqual(shellCommand('ss -tlnp | grep {{port}}', {port: '7897'}), {
		ok: true,
		argv: ['/bin/sh', '-c', 'ss -tlnp | grep "${KCONSOLE_port}"'],
		env: {KCONSOLE_port: '7897'},
	});
});

test('the shell can be chosen', t => {
	const built = shellCommand('echo hi', {}, '/bin/bash');
	t.true(built.ok && built.argv[0] === '/bin/bash');
});

test('inside double quotes, single quotes, $( ) and comments', t => {
	const built = shellCommand(`echo "port {{port}}" 'is {{port}}' $(echo {{port}}) "$(grep {{port}} f)" # {{port}}`, {port: '80'});
	t.true(built.ok);
	t.is(built.ok && built.argv[2], `echo "port \${KCONSOLE_port}" 'is '"\${KCONSOLE_port}"'' $(echo "\${KCONSOLE_port}") "$(grep "\${KCONSOLE_port}" f)" # {{port}}`);
});

test('command substitution in a value stays inert in a real shell', t => {
	const directory = mkdtempSync(join(tmpdir(), 'kconsole-sh-'));
	try {
		const marker = join(directory, 'pwned');
		const hostile = [`$(touch ${marker})`, `\`touch ${marker}\``, `x; touch ${marker}`, `x' ; touch ${marker}; echo '`, `x" ; touch ${marker}; echo "`];
		for (const value of hostile) {
			const output = run(`echo {{value}}; echo "{{value}}"; echo '{{value}}'; echo "$(echo {{value}})"`, {value});
			t.is(output, `${value}\n`.repeat(4));
		}
		t.false(existsSync(marker));
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('values are not split or globbed', t => {
	const output = run(`printf '[%s]\\n' {{value}} "{{value}}" '{{value}}'`, {value: 'a  *  b'});
	t.is(output, '[a  *  b]\n'.repeat(3));
});

test('values are validated by placeholder name first', t => {
	t.deepEqual(shellCommand('ss -tlnp | grep {{port}}', {port: '7897; reboot'}), {
		ok: false,
		error: '{{port}}: "7897; reboot" is not a valid port (a whole number from 1 to 65535)',
	});
	t.deepEqual(shellCommand('curl -x {{proxy}} https://example.com', {}), {ok: false, error: 'no value for {{proxy}}'});
	const flag = shellCommand('grep {{pattern}} /var/log/syslog', {pattern: '--include=/etc/shadow'});
	t.true(!flag.ok && flag.error.includes("starts with '-'"));
});

test('only the placeholders used are in the environment', t => {
	const built = shellCommand('echo {{a}}', {a: 'x', b: 'y'});
	t.deepEqual(built.ok && built.env, {KCONSOLE_a: 'x'});
});

// Places where quoting is not modelled: refused rather than guessed.
const refused: Array<[string, string]> = [
	['echo `echo {{port}}`', 'placeholders inside `…`'],
	['echo ${X:-{{port}}}', 'placeholders inside ${…}'],
	['echo $(( {{port}} + 1 ))', 'placeholders inside $((…))'],
	['cat <<EOF\n{{port}}\nEOF', 'after a here-document'],
	["echo $'a' {{port}}", "after $'…' quoting"],
	['echo \\{{port}}', 'after a backslash'],
	["echo '{{port}}", 'unterminated single quote'],
	['echo "{{port}}', 'unterminated double quote'],
	['echo $(echo {{port}}', 'unterminated $(…)'],
];

for (const [text, message] of refused) {
	test(`refused: ${JSON.stringify(text)}`, t => {
		const built = shellCommand(text, {port: '80'});
		t.false(built.ok);
		t.true(!built.ok && built.error.includes(message), !built.ok ? built.error : '');
	});
}

test('shell constructs without placeholders are copied as written', t => {
	const text = 'echo `date` ${HOME:-x} $((1 + 2)) | grep -c . # done';
	const built = shellCommand(text, {});
	t.deepEqual(built.ok && built.argv[2], text);
});
