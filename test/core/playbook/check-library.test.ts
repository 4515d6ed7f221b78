import test from 'ava';
import {checkLibrary} from '../../../source/core/playbook/check-library.js';
import {parsePlaybook} from '../../../source/core/playbook/parse-playbook.js';
import type {Playbook} from '../../../source/core/playbook/types.js';

// The id sits on line 3 so a test can tell it from the playbook's own line 1.
function playbook(id: string, file: string): Playbook {
	const text = `---\ntitle: ${id}\nid: ${id}\nseverity: error\nmatch: [{pod: {waiting: [X]}}]\n---\n`;
	const {playbook: parsed} = parsePlaybook(text, file);
	if (!parsed) throw new Error('fixture did not parse');
	return parsed;
}

const format = (problems: Array<{file: string; line: number; message: string}>) => problems.map(p => `${p.file}:${p.line}: ${p.message}`);

test('a duplicate id within one source is a problem at both files, and the first file stays', t => {
	const result = checkLibrary([
		{playbook: playbook('image-pull', '/lib/a.md'), shipped: true},
		{playbook: playbook('dns', '/lib/b.md'), shipped: true},
		{playbook: playbook('image-pull', '/lib/c.md'), shipped: true},
	]);
	t.deepEqual(format(result.problems), [
		'/lib/a.md:3: duplicate id "image-pull" (also in c.md:3)',
		'/lib/c.md:3: duplicate id "image-pull" (also in a.md:3)',
	]);
	t.deepEqual(result.playbooks.map(p => p.file), ['/lib/a.md', '/lib/b.md']);
	t.deepEqual(result.notes, []);
});

test('user playbooks from two directories are one source; the other file is named in full', t => {
	const result = checkLibrary([
		{playbook: playbook('proxy', '/home/me/one/proxy.md'), shipped: false},
		{playbook: playbook('proxy', '/home/me/two/proxy.md'), shipped: false},
	]);
	t.deepEqual(format(result.problems), [
		'/home/me/one/proxy.md:3: duplicate id "proxy" (also in /home/me/two/proxy.md:3)',
		'/home/me/two/proxy.md:3: duplicate id "proxy" (also in /home/me/one/proxy.md:3)',
	]);
});

test('a user playbook with a shipped id overrides it: a note, and the user one wins', t => {
	const result = checkLibrary([
		{playbook: playbook('image-pull', '/app/playbooks/image-pull.md'), shipped: true},
		{playbook: playbook('dns', '/app/playbooks/dns.md'), shipped: true},
		{playbook: playbook('image-pull', '/home/me/pb/pull.md'), shipped: false},
	]);
	t.deepEqual(result.problems, []);
	t.deepEqual(format(result.notes), ['/home/me/pb/pull.md:3: overrides the shipped playbook image-pull']);
	t.deepEqual(result.playbooks.map(p => p.file), ['/app/playbooks/dns.md', '/home/me/pb/pull.md']);
});
