import test from 'ava';
import {subjectLabel} from '../../../source/core/match/subject-label.js';

const cases = [
	{name: 'a pod', subject: {kind: 'Pod', namespace: 'shop', name: 'web-1'}, spaced: 'pod shop/web-1', slashed: 'pod/shop/web-1'},
	{name: 'a cluster-scoped object', subject: {kind: 'ClusterRoleBinding', namespace: null, name: 'traefik'}, spaced: 'clusterrolebinding traefik', slashed: 'clusterrolebinding/traefik'},
	{
		name: 'a failed step\'s output reads as its name',
		subject: {kind: 'Text', namespace: null, name: 'output of step 2: kubectl create clusterrole x'},
		spaced: 'output of step 2: kubectl create clusterrole x',
		slashed: 'output of step 2: kubectl create clusterrole x',
	},
];

for (const {name, subject, spaced, slashed} of cases) {
	test(`subjectLabel: ${name}`, t => {
		t.is(subjectLabel(subject), spaced);
		t.is(subjectLabel(subject, '/'), slashed);
	});
}
