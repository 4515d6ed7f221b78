// The parser's fixture playbooks (markdown) through the matcher: the contract between the two.
import {readFileSync, readdirSync} from 'node:fs';
import test from 'ava';
import {matchAll} from '../../../source/core/match/matcher.js';
import {parsePlaybook} from '../../../source/core/playbook/parse-playbook.js';
import type {Playbook} from '../../../source/core/playbook/types.js';
import {now} from './fixtures/kube.js';
import {corednsBind, tagNotFound} from './fixtures/scenarios.js';

const directory = new URL('../../fixtures/playbooks/', import.meta.url);
const playbooks: Playbook[] = readdirSync(directory)
	.filter(file => file.endsWith('.md'))
	.flatMap(file => parsePlaybook(readFileSync(new URL(file, directory), 'utf8'), file).playbook ?? []);

test('a CoreDNS pod that logged the bind failure before crashing fires coredns-bind with the port captured', t => {
	const coredns = corednsBind();
	const findings = matchAll(
		{objects: [coredns.pod], logs: [{namespace: 'kube-system', pod: coredns.pod.metadata.name, container: 'coredns', lines: [], previous: ['[INFO] plugin/reload: Running configuration SHA512 = 591cf328', 'Listen: listen tcp :53: bind: permission denied']}]},
		playbooks,
		{now: () => now},
	);
	t.like(findings.find(finding => finding.playbook === 'coredns-bind'), {
		container: 'coredns',
		evidence: [
			'container coredns waiting: CrashLoopBackOff: back-off 2m40s restarting failed container=coredns pod=coredns-5dd5756b68-8kz4t_kube-system(6f1c2b7e-0003)',
			'container coredns restarted 6 times',
			'Listen: listen tcp :53: bind: permission denied',
			'container coredns terminated: Error (exit 1)',
			'status.phase=Running',
		],
		captures: {port: '53', deployment: 'coredns', namespace: 'kube-system'},
	});
});

test('the parsed image-pull playbook picks its tag-not-found variant from the kubelet events', t => {
	const broken = tagNotFound();
	const [finding] = matchAll({objects: [broken.pod, ...broken.events]}, playbooks, {now: () => now});
	t.like(finding, {playbook: 'image-pull', variant: 'tag-not-found', summary: 'nginx:1.99 does not exist in the registry'});
});
