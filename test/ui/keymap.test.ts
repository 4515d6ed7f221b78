import test from 'ava';
import type {Key} from 'ink';
import {keyNames} from '../../source/ui/key-names.js';
import {keymap, liveBindings, noFlags, resolveKey, type CommandName, type KeyContext, type KeyFlags} from '../../source/ui/keymap.js';
import {helpLines} from '../../source/ui/components/help-overlay.js';
import {hints} from '../../source/ui/components/footer.js';
import {initialConsoleState} from '../../source/ui/console-state.js';

const normal = (pane: KeyContext['pane'], flags: Partial<KeyFlags> = {}): KeyContext => ({mode: 'normal', pane, flags: {...noFlags, ...flags}});

const resolutions: Array<[string, string, KeyContext, CommandName | null]> = [
	['j moves down in a list', 'j', normal('resources'), 'down'],
	['the down arrow too', 'down', normal('findings'), 'down'],
	['G goes to the end of the log', 'G', normal('logs'), 'bottom'],
	['Enter opens', 'enter', normal('findings'), 'open'],
	['f fixes the selected finding', 'f', normal('findings'), 'fix'],
	['f means nothing in the pod list', 'f', normal('resources'), null],
	['d describes in a list', 'd', normal('resources'), 'describe'],
	['d is a dry run in the playbook when one is possible', 'd', normal('playbook', {canDryRun: true}), 'guide-dry-run'],
	['d falls back to describe when no dry run is possible', 'd', normal('playbook'), 'describe'],
	['y runs the step when it may run', 'y', normal('playbook', {canConfirm: true}), 'guide-run'],
	['y does nothing while a step runs', 'y', normal('playbook'), null],
	['Enter answers a question', 'enter', normal('playbook', {canAnswer: true}), 'guide-run'],
	['n skips', 'n', normal('playbook', {canSkip: true}), 'guide-skip'],
	['a aborts a running run', 'a', normal('playbook', {canAbort: true}), 'guide-abort'],
	['r writes the report when the run is over', 'r', normal('playbook', {runOver: true, canReport: true}), 'guide-report'],
	['r does nothing when no file may be written', 'r', normal('playbook', {runOver: true}), null],
	['w is wide in the pod list', 'w', normal('resources'), 'wide'],
	['w wraps in the logs', 'w', normal('logs'), 'wrap'],
	['p toggles the previous log in the log pane', 'p', normal('logs'), 'previous-logs'],
	['space pauses the log', ' ', normal('logs'), 'pause'],
	['/ searches in the log', '/', normal('logs'), 'filter'],
	['q quits', 'q', normal('findings'), 'quit'],
	['Ctrl-C quits', 'ctrl-c', normal('findings'), 'quit'],
	['Tab moves focus', 'tab', normal('findings'), 'focus-next'],
	['Shift-Tab moves it back', 'shift-tab', normal('findings'), 'focus-previous'],
	['in the prompt, Enter submits', 'enter', {mode: 'prompt', pane: 'findings', flags: noFlags}, 'submit'],
	['in the prompt, j is typed', 'j', {mode: 'prompt', pane: 'findings', flags: noFlags}, null],
	['in the prompt, Ctrl-C cancels', 'ctrl-c', {mode: 'prompt', pane: 'findings', flags: noFlags}, 'cancel'],
	['in help, Esc closes', 'escape', {mode: 'help', pane: 'findings', flags: noFlags}, 'close-help'],
	['in help, j does nothing', 'j', {mode: 'help', pane: 'findings', flags: noFlags}, null],
	['asked to quit, y quits', 'y', {mode: 'confirm-quit', pane: 'playbook', flags: noFlags}, 'quit-now'],
	['asked to quit, n stays', 'n', {mode: 'confirm-quit', pane: 'playbook', flags: noFlags}, 'stay'],
];

for (const [name, key, context, expected] of resolutions) {
	test(`key: ${name}`, t => {
		t.is(resolveKey(key, context), expected);
	});
}

const flags = (overrides: Partial<Key>): Key => ({upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...overrides});

const names: Array<[string, string, Partial<Key>, string[]]> = [
	['a letter', 'j', {}, ['j']],
	['a capital letter', 'G', {shift: true}, ['G']],
	['shift-tab', '', {tab: true, shift: true}, ['shift-tab']],
	['an arrow', '', {downArrow: true}, ['down']],
	['ctrl-c', 'c', {ctrl: true}, ['ctrl-c']],
	['keys that arrived in one chunk', 'jj/web\r', {}, ['j', 'j', '/', 'w', 'e', 'b', 'enter']],
	['a chunk with a backspace and a tab', 'a\u007f\t', {}, ['a', 'backspace', 'tab']],
	['enter on its own', '', {return: true}, ['enter']],
];

for (const [name, input, key, expected] of names) {
	test(`key names: ${name}`, t => {
		t.deepEqual(keyNames(input, flags(key)), expected);
	});
}

test('every binding is listed in the help overlay', t => {
	const listed = helpLines().filter(line => line.description).map(line => line.description);
	for (const binding of keymap.filter(binding => binding.scope !== 'help' && binding.scope !== 'confirm-quit')) {
		t.true(listed.includes(binding.description), `${binding.command} (${binding.description}) is missing from the help`);
	}
});

test('no key is bound twice in one place unless a condition tells them apart', t => {
	const seen = new Map<string, string>();
	for (const binding of keymap) {
		for (const key of binding.keys) {
			const place = `${binding.scope} ${key} ${binding.when ?? ''}`;
			t.false(seen.has(place), `${place}: ${seen.get(place)} and ${binding.command}`);
			seen.set(place, binding.command);
		}
	}
});

test('the hint bar shows the playbook keys that are live, before the global ones', t => {
	const state = initialConsoleState();
	const line = hints(state, 'playbook', {...noFlags, canConfirm: true, canSkip: true, canEdit: true, canAbort: true});
	t.true(line.startsWith('y run  n skip  e edit  a abort'), line);
	t.false(line.includes('dry-run'), 'no dry run offered when none is possible');
	t.true(line.includes('q/Ctrl-C quit'));
});

test('a key a pane has taken over is not shown with its global meaning too', t => {
	const bindings = liveBindings(normal('playbook', {canDryRun: true}));
	t.deepEqual(bindings.filter(binding => binding.keys.includes('d')).map(binding => binding.command), ['guide-dry-run']);
});
