import test from 'ava';
import {oneLine} from '../../../source/core/text/one-line.js';

const cases: Array<[string, string | undefined, string]> = [
	['plain text is untouched', 'Back-off pulling image "nginx:1.27"', 'Back-off pulling image "nginx:1.27"'],
	['missing text is empty', undefined, ''],
	['newlines and tabs fold into one space', 'line one\n\tline two\n', 'line one line two'],
	['colour codes are removed', '\u001b[31mred\u001b[0m pod', 'red pod'],
	['a title-setting OSC is removed', 'web\u001b]0;pwned\u0007-1', 'web-1'],
	['a screen clear is removed', 'x\u001b[2Jy', 'xy'],
	['unicode line separators fold too', 'a\u2028b', 'a b'],
];

for (const [name, input, expected] of cases) {
	test(name, t => {
		t.is(oneLine(input), expected);
	});
}
