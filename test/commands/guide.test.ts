import test from 'ava';
import {runMain} from './run-main.js';

// Flags are checked before kconsole connects anywhere: no cluster is needed here.
for (const value of ['0s', '1.5s', '30', '2d']) {
	test(`guide --timeout ${value} is a usage error`, async t => {
		const result = await runMain(['guide', '--timeout', value, '--kubeconfig', '/nonexistent/kubeconfig']);
		t.is(result.code, 2);
		t.is(result.stderr, `kconsole: guide: --timeout ${value}: write e.g. 500ms, 30s or 2m\n`);
	});
}

test('guide --kind Text needs the text to match in --target', async t => {
	const result = await runMain(['guide', 'rbac', '--kind', 'Text', '--kubeconfig', '/nonexistent/kubeconfig']);
	t.is(result.code, 2);
	t.is(result.stderr, 'kconsole: guide: --kind Text needs --target TEXT, the output to match (e.g. the error line a command printed)\n');
});

test('guide --help says --kind Text takes text as the target, and what exit 0 means for it', async t => {
	const result = await runMain(['guide', '--help']);
	t.is(result.code, 0);
	for (const text of ['--kind KIND', 'Text: --target is text', '--kind Text --target TEXT matches TEXT', 'for --kind Text: steps ran and']) t.true(result.stdout.includes(text), text);
});
