import test from 'ava';
import {matchAll} from '../../../source/core/match/matcher.js';
import type {Finding} from '../../../source/core/match/types.js';
import {event, namespace, now, pod, waiting} from './fixtures/kube.js';
import {playbook} from './fixtures/playbooks.js';

function order(findings: Finding[]): string[] {
	return findings.map(finding => `${finding.severity} ${finding.playbook}/${finding.variant ?? '-'} ${finding.namespace ?? ''}/${finding.name}`);
}

const backOff = (deployment: string, namespaceName = 'shop') =>
	pod({deployment, namespace: namespaceName, containers: [{name: 'app', image: `ghcr.io/acme/${deployment}:1`, state: waiting('ImagePullBackOff', `Back-off pulling image "ghcr.io/acme/${deployment}:1"`)}]});

const pulling = playbook({id: 'pulling', priority: 40, match: [{pod: {waiting: ['ImagePullBackOff']}}]});

test('errors come before warnings whatever their priority', t => {
	const warning = playbook({id: 'stuck', severity: 'warning', priority: 1, match: [{object: {kind: 'Namespace', field: 'status.phase', equals: 'Terminating'}}]});
	const findings = matchAll({objects: [namespace('old', 'Terminating'), backOff('web')]}, [warning, pulling], {now: () => now});
	t.deepEqual(order(findings), ['error pulling/- shop/web-7d4b9c8f6d-x2x9q', 'warning stuck/- /old']);
});

test('among errors on one object, the lower priority (the root cause) comes first', t => {
	const rootCause = playbook({id: 'root-cause', priority: 10, match: [{pod: {waiting: ['ImagePullBackOff']}}]});
	const findings = matchAll({objects: [backOff('web')]}, [pulling, rootCause], {now: () => now});
	t.deepEqual(order(findings), ['error root-cause/- shop/web-7d4b9c8f6d-x2x9q', 'error pulling/- shop/web-7d4b9c8f6d-x2x9q']);
});

test('at equal priority, an earlier variant (more specific, explaining) comes first, a finding without variant last', t => {
	const layered = playbook({
		id: 'layered',
		match: [{pod: {waiting: ['ImagePullBackOff']}}],
		variants: [
			{id: 'first', match: [{pod: {container: /^app$/, image: /^ghcr\.io\/acme\/z/}}]},
			{id: 'second', match: [{pod: {image: /^ghcr\.io\/acme\/m/}}]},
		],
	});
	const findings = matchAll({objects: [backOff('alpha'), backOff('mid'), backOff('zulu')]}, [layered], {now: () => now});
	t.deepEqual(order(findings), ['error layered/first shop/zulu-7d4b9c8f6d-x2x9q', 'error layered/second shop/mid-7d4b9c8f6d-x2x9q', 'error layered/- shop/alpha-7d4b9c8f6d-x2x9q']);
});

test('the first listed variant whose rules hold is the one reported', t => {
	const variants = [
		{id: 'by-image', match: [{pod: {image: /acme/}}]},
		{id: 'by-event', match: [{event: {reason: ['Failed'], message: /not found/}}]},
	];
	const subject = backOff('web');
	const failed = event({about: subject, reason: 'Failed', message: 'Failed to pull image "ghcr.io/acme/web:1": rpc error: code = NotFound desc = ghcr.io/acme/web:1: not found'});
	const forwards = playbook({id: 'p', match: [{pod: {waiting: ['ImagePullBackOff']}}], variants});
	const backwards = playbook({id: 'p', match: [{pod: {waiting: ['ImagePullBackOff']}}], variants: [...variants].reverse()});
	t.is(matchAll({objects: [subject, failed]}, [forwards], {now: () => now})[0].variant, 'by-image');
	t.is(matchAll({objects: [subject, failed]}, [backwards], {now: () => now})[0].variant, 'by-event');
});

test('then namespace and name; several findings on one object stay separate', t => {
	const other = playbook({id: 'other', match: [{pod: {waiting: ['ImagePullBackOff']}}]});
	const findings = matchAll({objects: [backOff('web', 'shop'), backOff('web', 'billing'), backOff('api', 'shop')]}, [pulling, other], {now: () => now});
	t.deepEqual(order(findings), [
		'error pulling/- billing/web-7d4b9c8f6d-x2x9q',
		'error pulling/- shop/api-7d4b9c8f6d-x2x9q',
		'error pulling/- shop/web-7d4b9c8f6d-x2x9q',
		'error other/- billing/web-7d4b9c8f6d-x2x9q',
		'error other/- shop/api-7d4b9c8f6d-x2x9q',
		'error other/- shop/web-7d4b9c8f6d-x2x9q',
	]);
});

test('a summary is one line of at most 200 characters', t => {
	const long = playbook({id: 'long', summary: 'pull failed:\n{{detail}}', match: [{pod: {message: /(?<detail>rpc error.*)/s}}]});
	const subject = pod({containers: [{name: 'app', image: 'nginx:1.99', state: waiting('ErrImagePull', `rpc error: code = Unknown desc = ${'x'.repeat(300)}\nsecond line`)}]});
	const [finding] = matchAll({objects: [subject]}, [long], {now: () => now});
	t.false(finding.summary.includes('\n'));
	t.is(finding.summary.length, 200);
	t.true(finding.summary.startsWith('pull failed: rpc error: code = Unknown'));
	t.true(finding.summary.endsWith('…'));
});
