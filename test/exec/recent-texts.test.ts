import test from 'ava';
import {RecentTexts} from '../../source/exec/recent-texts.js';

/** A sink that records what it holds, like LiveFindings' texts. */
function sink() {
	const held = new Map<string, string>();
	return {
		held,
		setText(name: string, text: string | null) {
			if (text === null) held.delete(name);
			else held.set(name, text);
		},
	};
}

test('past the limit the oldest text goes, from the sink too', t => {
	const target = sink();
	const texts = new RecentTexts(target, 2);
	texts.setText('a', '1');
	texts.setText('b', '2');
	texts.setText('c', '3');
	t.deepEqual([...target.held.keys()], ['b', 'c']);
	t.deepEqual(texts.names(), ['b', 'c']);
});

test('setting a text again makes it the newest; removing one frees its place', t => {
	const target = sink();
	const texts = new RecentTexts(target, 2);
	texts.setText('a', '1');
	texts.setText('b', '2');
	texts.setText('a', '1 again');
	texts.setText('c', '3');
	t.deepEqual(Object.fromEntries(target.held), {a: '1 again', c: '3'});
	texts.setText('c', null);
	texts.setText('d', '4');
	t.deepEqual(texts.names(), ['a', 'd']);
	t.deepEqual([...target.held.keys()].sort(), ['a', 'd']);
});

test('removing a text the sink never had is harmless', t => {
	const target = sink();
	const texts = new RecentTexts(target, 2);
	texts.setText('gone', null);
	t.deepEqual(texts.names(), []);
	t.is(target.held.size, 0);
});
