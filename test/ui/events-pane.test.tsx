import test from 'ava';
import {EventsPane} from '../../source/ui/components/events-pane.js';
import {at, event, healthyPod} from '../core/match/fixtures/kube.js';
import {brokenPod, consoleFixture} from './helpers/console-fixture.js';
import {renderPane} from './helpers/pane-harness.js';

const api = healthyPod({name: 'api-1'});

test('events stream in newest first, repeats folded with their count, warnings in yellow', async t => {
	const {session, store} = await consoleFixture({objects: [['Pod', brokenPod], ['Pod', api]]});
	// Keys go to the events pane; drawn unfocused, the selected row keeps its colours.
	const pane = renderPane(session, EventsPane, {focus: 'events', focused: false});
	t.teardown(pane.cleanup);
	store.upsert('Event', event({about: api, reason: 'Started', type: 'Normal', message: 'Started container app', last: at(2), name: 'a'}));
	store.upsert('Event', event({about: brokenPod, reason: 'BackOff', message: 'Back-off pulling image "nginx:1.27-typo"', count: 3, last: at(8), name: 'b'}));
	store.upsert('Event', event({about: brokenPod, reason: 'BackOff', message: 'Back-off pulling image "nginx:1.27-typo"', count: 2, last: at(9), name: 'c'}));
	await pane.waitForText('Events (2)');
	const lines = pane.text().split('\n').filter(line => /BackOff|Started/.test(line));
	t.regex(lines[0], /60s \(x5\)\s+Warning\s+BackOff\s+pod\/web-7d4b9c8f6d-x2x9q\s+Back-off pulling image/);
	t.regex(lines[1], /8m\s+Normal\s+Started\s+pod\/api-1\s+Started container app/);
	const warning = pane.frame().split('\n').find(line => line.includes('BackOff'))!;
	t.true(warning.includes('\u001b[33m'), 'a warning is yellow');
	t.true(pane.text().includes('1 warning'));
	pane.press('t');
	await pane.waitForText('oldest first');
	const reordered = pane.text().split('\n').filter(line => /BackOff|Started/.test(line));
	t.true(reordered[0].includes('Started'));
});

test('event messages from the cluster cannot drive the terminal', async t => {
	const {session, store} = await consoleFixture({objects: [['Pod', api]]});
	const pane = renderPane(session, EventsPane, {focus: 'events'});
	t.teardown(pane.cleanup);
	store.upsert('Event', event({about: api, reason: 'Evil', message: 'title\u001b]0;pwned\u0007 clear\u001b[2J done\nsecond line', name: 'x'}));
	await pane.waitForText('Evil');
	t.false(pane.frame().includes('\u001b]0;'));
	t.false(pane.frame().includes('\u001b[2J'));
	t.regex(pane.text(), /title clear done second line/);
});

test('/ filters events, Enter describes the object an event is about', async t => {
	const {session, store} = await consoleFixture({objects: [['Pod', brokenPod], ['Pod', api]]});
	const pane = renderPane(session, EventsPane, {focus: 'events'});
	t.teardown(pane.cleanup);
	store.upsert('Event', event({about: api, reason: 'Started', type: 'Normal', message: 'Started container app', name: 'a'}));
	store.upsert('Event', event({about: brokenPod, reason: 'BackOff', message: 'Back-off', name: 'b'}));
	await pane.waitForText('Events (2)');
	pane.press('/', ...'started', 'enter');
	await pane.waitForText('Events (1/2)');
	pane.press('d');
	const view = pane.controller.getState().views.at(-1)!;
	t.deepEqual(view, {type: 'pod', pod: {kind: 'Pod', namespace: 'shop', name: 'api-1'}, focus: 'describe'});
});
