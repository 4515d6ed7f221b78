import {mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {formatProblem, loadPlaybooks} from '../../source/library/load-playbooks.js';

const fixtures = new URL('../fixtures/playbooks/', import.meta.url);
const fixture = async (name: string) => readFile(new URL(name, fixtures), 'utf8');

async function temporaryDirectory(t: {teardown: (fn: () => Promise<void>) => void}): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'kconsole-playbooks-'));
	t.teardown(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

test('a good and a broken file: both reported, the good one loaded; README, other files and folders ignored', async t => {
	const directory = await temporaryDirectory(t);
	await writeFile(path.join(directory, 'b-good.md'), await fixture('node-pressure.md'));
	await writeFile(path.join(directory, 'a-broken.md'), '---\nid: broken\ntitle: Broken\nseverity: fatal\nmatch: [{pod: {waiting: [X]}}]\n---\n');
	await writeFile(path.join(directory, 'README.md'), '# My playbooks\n');
	await writeFile(path.join(directory, 'notes.txt'), 'not a playbook');
	await mkdir(path.join(directory, 'drafts.md'));
	await symlink(path.join(directory, 'missing'), path.join(directory, 'c-dangling.md'));
	const result = await loadPlaybooks({dirs: [directory], shipped: false});
	t.deepEqual(result.playbooks.map(p => [p.id, p.file]), [['node-pressure', path.join(directory, 'b-good.md')]]);
	t.deepEqual(result.problems.map(formatProblem), [
		`${path.join(directory, 'a-broken.md')}:4: severity: expected error or warning, got "fatal"`,
		`${path.join(directory, 'c-dangling.md')}: cannot read the playbook: it does not exist`,
	]);
	t.deepEqual(result.notes, []);
});

test('a user playbook overrides a shipped one with the same id', async t => {
	const shippedDirectory = await temporaryDirectory(t);
	const userDirectory = await temporaryDirectory(t);
	await writeFile(path.join(shippedDirectory, 'image-pull.md'), await fixture('image-pull.md'));
	await writeFile(path.join(shippedDirectory, 'node-pressure.md'), await fixture('node-pressure.md'));
	await writeFile(path.join(userDirectory, 'pull.md'), (await fixture('image-pull.md')).replace('title: Image cannot be pulled', 'title: Our registry'));
	const result = await loadPlaybooks({dirs: [userDirectory], shippedDirectory});
	t.deepEqual(result.playbooks.map(p => [p.id, p.title]), [['node-pressure', 'Node under memory pressure'], ['image-pull', 'Our registry']]);
	t.deepEqual(result.notes.map(formatProblem), [`${path.join(userDirectory, 'pull.md')}:2: overrides the shipped playbook image-pull`]);
	t.deepEqual(result.problems, []);
});

test('a directory that cannot be read is a problem; a missing shipped directory is an empty library', async t => {
	const directory = await temporaryDirectory(t);
	const result = await loadPlaybooks({dirs: [path.join(directory, 'nope')], shippedDirectory: path.join(directory, 'none')});
	t.deepEqual(result.problems.map(formatProblem), [`${path.join(directory, 'nope')}: cannot read the playbooks directory: it does not exist`]);
	t.deepEqual(result.playbooks, []);
});

test('a path to one file loads that file', async t => {
	const result = await loadPlaybooks({dirs: [fileURLToPath(new URL('coredns-bind.md', fixtures))], shipped: false});
	t.deepEqual(result.playbooks.map(p => p.id), ['coredns-bind']);
});

test('the shipped playbooks load without problems', async t => {
	const result = await loadPlaybooks();
	t.deepEqual(result.problems.map(formatProblem), []);
	t.deepEqual(result.notes, []);
});

test('formatProblem: relative inside the working directory, absolute outside, no line for line 0', t => {
	t.is(formatProblem({file: path.join(process.cwd(), 'playbooks', 'dns.md'), line: 7, message: 'unknown key "x"'}), `${path.join('playbooks', 'dns.md')}:7: unknown key "x"`);
	t.is(formatProblem({file: '/elsewhere/dns.md', line: 7, message: 'm'}), '/elsewhere/dns.md:7: m');
	t.is(formatProblem({file: '/elsewhere', line: 0, message: 'cannot read the playbooks directory: it does not exist'}), '/elsewhere: cannot read the playbooks directory: it does not exist');
});
