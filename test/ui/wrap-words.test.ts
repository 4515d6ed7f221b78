import test from 'ava';
import {firstParagraph, wrapWords} from '../../source/ui/wrap-words.js';

test('the first paragraph of markdown, as one line, without headings or fences', t => {
	t.is(firstParagraph('# Title\n\nThe kubelet could not\ndownload the image.\n\nSecond paragraph.'), 'The kubelet could not download the image.');
	t.is(firstParagraph(''), '');
});

const wraps: Array<[string, string, number, number, string[]]> = [
	['fits on one line', 'one two three', 20, 2, ['one two three']],
	['wraps at word boundaries', 'one two three four', 9, 3, ['one two', 'three', 'four']],
	['cut to the line count with an ellipsis', 'one two three four five six', 9, 2, ['one two', 'three…']],
	['a word longer than the width is cut', 'abcdefghij', 4, 2, ['abcd']],
];

for (const [name, text, width, lines, expected] of wraps) {
	test(`wrap: ${name}`, t => {
		t.deepEqual(wrapWords(text, width, lines), expected);
	});
}
