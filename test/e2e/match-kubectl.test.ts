// `kconsole match` on what the real kubectl saved from the simulated cluster (pods, their ReplicaSets
// for the rollout history, events) gives the findings `kconsole diagnose` gives about the same pods
// (logs aside), down to evidence and captures.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import type {Finding} from '../../source/core/match/types.js';
import {startSim} from '../../source/sim/start-sim.js';
import {runMain} from '../commands/run-main.js';
import {kconsole} from './kconsole-cli.js';
import {kubectlFor} from './kubectl.js';

const identity = (finding: Finding) => JSON.stringify([finding.playbook, finding.variant, finding.severity, finding.namespace, finding.kind, finding.name, finding.container, finding.summary, finding.evidence, finding.captures]);

test('match on kubectl get pods,events -A -o json equals diagnose on the pods (but for a first deploy); with replicasets, exactly', async t => {
	const sim = await startSim({scenarios: ['all'], speed: 20});
	t.teardown(() => sim.stop());
	// Let the failures show, then freeze the simulated world so both looks see the same cluster.
	const deadline = Date.now() + 60_000;
	for (;;) {
		const result = await runMain(['diagnose', '-A', '-o', 'json', '--no-logs', '--kubeconfig', sim.kubeconfigPath]);
		const variants = new Set((JSON.parse(result.stdout) as Finding[]).map(finding => `${finding.playbook}/${finding.variant}`));
		if (['image-pull/tag-not-found', 'image-pull/unauthorized', 'crashloop/oom-killed', 'crashloop/command-not-found'].every(each => variants.has(each)) || Date.now() > deadline) break;
	}
	sim.clock.stop();

	const kubectl = kubectlFor(sim);
	const directory = mkdtempSync(join(tmpdir(), 'kconsole-match-e2e-'));
	const matchSaved = async (kinds: string) => {
		const saved = await kubectl('get', kinds, '-A', '-o', 'json');
		t.is(saved.exitCode, 0, saved.stderr);
		const file = join(directory, `${kinds}.json`);
		writeFileSync(file, saved.stdout);
		const matched = await kconsole(['match', '--input', file, '-o', 'json']);
		t.is(matched.code, 1, matched.stderr);
		return (JSON.parse(matched.stdout) as Finding[]).filter(finding => finding.kind === 'Pod');
	};
	const diagnosed = await kconsole(['diagnose', '-A', '-o', 'json', '--no-logs', '--kubeconfig', sim.kubeconfigPath]);
	t.is(diagnosed.code, 1, diagnosed.stderr);
	const fromDiagnose = (JSON.parse(diagnosed.stdout) as Finding[]).filter(finding => finding.kind === 'Pod');
	t.true(fromDiagnose.length >= 10, `only ${fromDiagnose.length} pod findings`);

	// Pods and events alone: the same findings, except that without the ReplicaSets nothing says a
	// rollout is the deployment's first, so the image not pushed yet reads as a tag not found.
	const fromPodsAndEvents = await matchSaved('pods,events');
	// (At speed 20, CI "pushes" that image within seconds, so a slow run may see no first deploy left.)
	const firstDeploys = new Set(fromDiagnose.filter(finding => finding.variant === 'not-built-yet').map(finding => finding.name));
	const others = (findings: Finding[]) => findings.filter(finding => !firstDeploys.has(finding.name)).map(identity).sort();
	t.deepEqual(others(fromPodsAndEvents), others(fromDiagnose));
	t.deepEqual(fromPodsAndEvents.filter(finding => firstDeploys.has(finding.name)).map(finding => `${finding.playbook}/${finding.variant}`), [...firstDeploys].map(() => 'image-pull/tag-not-found'));
	// With the ReplicaSets too, exactly the same findings, down to evidence and captures.
	t.deepEqual((await matchSaved('pods,replicasets,events')).map(identity).sort(), fromDiagnose.map(identity).sort());
});
