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
