import test from 'ava';
import {RuleIndex} from '../../../source/core/match/rule-index.js';
import {crashLoop, imagePull, ingressClassMissing, library, nodeNotReady, pendingUnschedulable, serviceWithoutEndpoints} from './fixtures/playbooks.js';

test('only kinds some rule can read are kept', t => {
	const cases: Array<{name: string; index: RuleIndex; kept: string[]; ignored: string[]}> = [
		{name: 'pod rules keep pods and their ReplicaSets; a variant event rule about any kind is about pods', index: new RuleIndex([imagePull]), kept: ['Pod', 'ReplicaSet', 'Event'], ignored: ['ConfigMap', 'Deployment', 'Node', 'Service']},
		{name: 'checks keep the objects they read', index: new RuleIndex([serviceWithoutEndpoints, ingressClassMissing]), kept: ['Service', 'Endpoints', 'Ingress', 'IngressClass'], ignored: ['Pod', 'Event']},
		{name: 'node rules keep nodes', index: new RuleIndex([nodeNotReady]), kept: ['Node'], ignored: ['Pod']},
		{name: 'an event rule without kind can be about anything', index: new RuleIndex([crashLoop]), kept: ['Pod', 'Deployment', 'ConfigMap'], ignored: []},
	];
	for (const {name, index, kept, ignored} of cases) {
		t.deepEqual(kept.filter(kind => !index.stores(kind)), [], name);
		t.deepEqual(ignored.filter(kind => index.stores(kind)), [], name);
	}
});

test('playbooks are filed under their most selective key', t => {
	const index = new RuleIndex(library);
	const filed = (kind: string, key: string) => (index.keysFor(kind)?.get(key) ?? []).map(position => library[position].id);
	t.deepEqual(filed('Pod', 'w:ImagePullBackOff'), ['image-pull']);
	t.deepEqual(filed('Pod', 'w:CrashLoopBackOff'), ['crash-loop', 'dns']);
	t.deepEqual(filed('Pod', 't:OOMKilled'), ['oom-killed']);
	t.deepEqual(filed('Pod', 'x:137'), ['oom-killed']);
	t.deepEqual(filed('*', 'e:FailedScheduling'), ['unschedulable']);
	t.deepEqual(filed('Node', 'n:Ready=Unknown'), ['node-not-ready']);
	t.deepEqual(filed('Pod', 'any'), [], 'nothing is evaluated for a healthy pod');
	t.true(index.eventCanMatter('Pod', 'BackOff'));
	t.false(new RuleIndex([pendingUnschedulable]).eventCanMatter('Pod', 'Pulled'), 'a Normal event no rule names is not kept');
});
