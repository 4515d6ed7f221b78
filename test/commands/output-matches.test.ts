import test from 'ava';
import {targetTextName} from '../../source/commands/guide-finding.js';
import type {KubeFlags} from '../../source/commands/kube-options.js';
import {outputMatches} from '../../source/commands/output-matches.js';
import {matchAll} from '../../source/core/match/matcher.js';
import {portForwardInUse} from '../fixtures/client-errors.js';
import {playbooks} from '../playbooks/library.js';
import {imagePullFinding} from '../core/guide/playbook-fixtures.js';

const name = 'output of step 3: kubectl get secrets -n calculator';
const forbidden = 'Error from server (Forbidden): secrets is forbidden: User "kconsole-sim" cannot list resource "secrets" in API group "" in the namespace "calculator"';
const flags: KubeFlags = {allNamespaces: false, readOnly: false, playbookDirs: []};
const found = (texts: Record<string, string>) => matchAll({objects: [], texts}, playbooks);

test('a failed step\'s finding comes with the guide command that finds it again from its evidence', t => {
	const findings = found({[name]: `Some earlier line\n${forbidden}`});
	const [match] = outputMatches({name, findings, run: imagePullFinding(), playbooks, flags: {...flags, kubeconfig: '/tmp/k', context: 'dev', namespace: 'calculator', playbookDirs: ['/p']}});
	t.deepEqual(match, {
		playbook: 'rbac',
		title: 'Not allowed by RBAC',
		summary: 'kconsole-sim may not list secrets in namespace calculator',
		same: false,
		fix: ['kconsole', 'guide', 'rbac', '--kind', 'Text', '--target', forbidden, '--kubeconfig', '/tmp/k', '--context', 'dev', '-n', 'calculator', '--playbooks', '/p'],
	});
	const again = found({[targetTextName]: match.fix![6]});
	t.deepEqual(again.map(finding => [finding.playbook, finding.variant, finding.summary]), [['rbac', 'user', match.summary]]);
});

test('output of several evidence lines is given to --target whole', t => {
	const findings = found({[name]: portForwardInUse});
	const [match] = outputMatches({name, findings, run: imagePullFinding(), playbooks, flags});
	t.is(match.playbook, 'port-forward');
	t.is(match.fix?.[6], portForwardInUse);
});

test('the run\'s own problem found again gets no fix; other texts and steps without output match nothing', t => {
	const findings = found({[name]: forbidden, 'output of step 1: kubectl get pods': forbidden});
	const run = {...findings[0], name: targetTextName};
	t.deepEqual(outputMatches({name, findings, run, playbooks, flags}).map(match => [match.same, match.fix]), [[true, undefined]]);
	t.deepEqual(outputMatches({name: undefined, findings, run, playbooks, flags}), []);
});
