import test from 'ava';
import {consoleReducer, currentView, focusedPane, initialConsoleState, type ConsoleState, type Effect, type KeyEnvironment, type RowTarget} from '../../source/ui/console-state.js';
import {noFlags} from '../../source/ui/keymap.js';

const pods = ['shop/api-1', 'shop/cache-0', 'shop/web-1'];
const findings = ['image-pull/Pod/shop/web-1'];

function environment(state: ConsoleState, overrides: Partial<KeyEnvironment> = {}): KeyEnvironment {
	const pane = focusedPane(state);
	const keys = pane === 'findings' ? findings : pane === 'resources' ? pods : [];
	const target = (key: string): RowTarget | undefined => {
		if (key.startsWith('image-pull/')) return {findingKey: key, object: {kind: 'Pod', namespace: 'shop', name: 'web-1'}, container: 'web'};
		const [namespace, name] = key.split('/');
		return {object: {kind: 'Pod', namespace, name}};
	};
	return {flags: noFlags, stepRunning: false, keys, lines: 100, page: 10, target, containers: ['init', 'web'], ...overrides};
}

/** Feeds keys one by one, each against the state the previous one left: what arrives in one tick. */
function press(keys: string[], start = initialConsoleState(), overrides: Partial<KeyEnvironment> = {}): {state: ConsoleState; effects: Effect[]} {
	let state = start;
	const effects: Effect[] = [];
	for (const key of keys) {
		const result = consoleReducer(state, {type: 'key', key}, environment(state, overrides));
		state = result.state;
		effects.push(...result.effects);
	}
	return {state, effects};
}

test('Tab and Shift-Tab cycle the overview panes', t => {
	t.is(focusedPane(press(['tab']).state), 'resources');
	t.is(focusedPane(press(['tab', 'tab', 'tab']).state), 'logs');
	t.is(focusedPane(press(['tab', 'tab', 'tab', 'tab']).state), 'findings');
	t.is(focusedPane(press(['shift-tab']).state), 'logs');
});

test('j, k, G, g and the page keys move the selection by key, within bounds', t => {
	const moved = (keys: string[]) => press(['tab', ...keys]).state.lists.pods;
	t.like(moved(['j']), {selected: 'shop/cache-0', index: 1});
	t.like(moved(['j', 'j', 'j', 'j']), {selected: 'shop/web-1', index: 2});
	t.like(moved(['G', 'k']), {selected: 'shop/cache-0'});
	t.like(moved(['G', 'g']), {selected: 'shop/api-1'});
	t.like(moved(['pagedown']), {selected: 'shop/web-1'});
});

test('keys typed in one tick see the state the previous key left: / then j types j', t => {
	const {state} = press(['tab', '/', 'j', 'enter', 'j']);
	t.is(state.lists.pods.filter, 'j');
	t.is(state.mode, 'normal');
	t.is(state.lists.pods.selected, 'shop/cache-0', 'the j after Enter moves again');
});

test('a filter applies as it is typed, and Esc in the prompt restores the old one', t => {
	t.is(press(['tab', '/', 'w', 'e', 'b']).state.lists.pods.filter, 'web');
	t.is(press(['tab', '/', 'w', 'e', 'b', 'backspace']).state.lists.pods.filter, 'we');
	t.is(press(['tab', '/', 'w', 'enter', '/', 'x', 'escape']).state.lists.pods.filter, 'w');
	t.is(press(['tab', '/', 'w', 'enter', 'escape']).state.lists.pods.filter, '', 'Esc in the list clears the filter');
	t.is(press(['tab', '/', 'w', 'e', 'ctrl-u']).state.lists.pods.filter, '');
});

test('Enter on a finding opens its playbook and starts its guide', t => {
	const {state, effects} = press(['enter']);
	t.deepEqual(currentView(state), {type: 'playbook', findingKey: findings[0], focus: 'playbook'});
	t.deepEqual(effects, [{type: 'open-guide', findingKey: findings[0], restart: false}]);
	t.is(press(['enter', 'escape']).state.views.length, 1, 'Esc goes back');
});

test('Enter on a pod opens its describe and logs; l follows its logs in the overview', t => {
	const opened = press(['tab', 'G', 'enter']).state;
	t.like(currentView(opened), {type: 'pod', focus: 'logs'});
	t.deepEqual(opened.logs.target, {namespace: 'shop', pod: 'web-1', container: null});
	const logs = press(['tab', 'l']).state;
	t.is(focusedPane(logs), 'logs');
	t.deepEqual(logs.logs.target, {namespace: 'shop', pod: 'api-1', container: null});
	t.is(logs.views.length, 1);
});

test('l on a finding about a pod follows that pod and its container', t => {
	const {state} = press(['l']);
	t.deepEqual(state.logs.target, {namespace: 'shop', pod: 'web-1', container: 'web'});
});

test('p shows the previous container log, and in the log pane toggles it', t => {
	t.true(press(['tab', 'p']).state.logs.previous);
	t.false(press(['tab', 'p', 'p']).state.logs.previous);
});

test('log keys: pause, wrap, container, scroll and follow', t => {
	const inLogs = press(['tab', 'l']).state;
	t.true(press([' '], inLogs).state.logs.paused);
	t.true(press(['w'], inLogs).state.logs.wrap);
	t.is(press(['c'], inLogs).state.logs.target?.container, 'web');
	t.is(press(['k'], inLogs).state.logs.scroll, 89, 'k leaves the end: lines 89..98 of 100 with a page of 10');
	t.is(press(['k', 'G'], inLogs).state.logs.scroll, null, 'G follows again');
	t.is(press(['g'], inLogs).state.logs.scroll, 0);
});

test('the : command line switches views and namespaces', t => {
	t.is(press([':', 'd', 'e', 'p', 'l', 'o', 'y', 'enter']).state.resourceView, 'deployments');
	t.is(focusedPane(press([':', 'n', 'o', 'd', 'e', 's', 'enter']).state), 'resources');
	t.deepEqual(press([':', ...'ns kube-system', 'enter']).effects, [{type: 'namespace', namespace: 'kube-system'}]);
	t.deepEqual(press([':', ...'ns all', 'enter']).effects, [{type: 'namespace', namespace: null}]);
	t.deepEqual(press([':', ...'ctx kind-prod', 'enter']).effects, [{type: 'context', name: 'kind-prod'}]);
	t.like(press([':', ...'nope', 'enter']).state.message, {error: true});
	t.is(press([':', ...'nope', 'enter', 'j']).state.message, null, 'the next key clears the message');
});

test('q quits at once, but asks while a step runs', t => {
	t.deepEqual(press(['q']).effects, [{type: 'quit'}]);
	const asked = press(['q'], initialConsoleState(), {stepRunning: true});
	t.is(asked.state.mode, 'confirm-quit');
	t.deepEqual(asked.effects, []);
	t.deepEqual(press(['q', 'y'], initialConsoleState(), {stepRunning: true}).effects, [{type: 'quit'}]);
	t.is(press(['q', 'n'], initialConsoleState(), {stepRunning: true}).state.mode, 'normal');
});

test('guide keys become effects; e and an answer open the prompt with the text', t => {
	const playbook = press(['enter']).state;
	const flags = {...noFlags, canConfirm: true, canSkip: true, canEdit: true, canDryRun: true, canAbort: true};
	t.deepEqual(press(['y'], playbook, {flags}).effects, [{type: 'guide', action: 'confirm'}]);
	t.deepEqual(press(['n'], playbook, {flags}).effects, [{type: 'guide', action: 'skip'}]);
	t.deepEqual(press(['d'], playbook, {flags}).effects, [{type: 'guide', action: 'dry-run'}]);
	t.deepEqual(press(['a'], playbook, {flags}).effects, [{type: 'guide', action: 'abort'}]);
	const edited = press(['e', 'backspace', '2', '7', 'enter'], playbook, {flags, editText: 'kubectl set image deployment/web web=nginx:1.0'});
	t.deepEqual(edited.effects, [{type: 'guide-edit', text: 'kubectl set image deployment/web web=nginx:1.27'}]);
	const answered = press(['y', 'enter'], playbook, {flags: {...noFlags, canAnswer: true}, answerDefault: 'nginx:1.27'});
	t.deepEqual(answered.effects, [{type: 'guide-answer', value: 'nginx:1.27'}]);
});

test('? opens the help and any close key shuts it', t => {
	t.is(press(['?']).state.mode, 'help');
	t.is(press(['?', 'escape']).state.mode, 'normal');
	t.is(press(['?', 'j']).state.mode, 'help');
});
