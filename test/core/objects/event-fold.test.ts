import test from 'ava';
import {EventFold} from '../../../source/core/objects/event-fold.js';
import {at, event, healthyPod} from '../match/fixtures/kube.js';

const web = healthyPod({name: 'web-1'});
const api = healthyPod({name: 'api-1'});

test('repeats of one message about one object fold into one row with the total count', t => {
	const fold = new EventFold();
	fold.upsert(event({about: web, reason: 'BackOff', message: 'Back-off pulling image "nginx:typo"', count: 3, last: at(4), name: 'e1'}));
	fold.upsert(event({about: web, reason: 'BackOff', message: 'Back-off pulling image "nginx:typo"', count: 2, last: at(6), name: 'e2'}));
	const rows = fold.rows();
	t.is(rows.length, 1);
	t.like(rows[0], {count: 5, object: 'pod/web-1', reason: 'BackOff', warning: true, lastSeen: Date.parse(at(6))});
});

test('rows stay sorted by last seen, oldest first, as events arrive out of order', t => {
	const fold = new EventFold();
	fold.upsert(event({about: web, reason: 'Pulled', type: 'Normal', message: 'pulled', last: at(5), name: 'a'}));
	fold.upsert(event({about: api, reason: 'Started', type: 'Normal', message: 'started', last: at(2), name: 'b'}));
	fold.upsert(event({about: api, reason: 'Killing', type: 'Normal', message: 'stopping', last: at(8), name: 'c'}));
	t.deepEqual(fold.rows().map(row => row.reason), ['Started', 'Pulled', 'Killing']);
});

test('an updated event moves to its new place and a removed one leaves its group', t => {
	const fold = new EventFold();
	const first = event({about: web, reason: 'Failed', message: 'boom', last: at(1), name: 'x'});
	fold.upsert(first);
	fold.upsert(event({about: api, reason: 'Started', type: 'Normal', message: 'ok', last: at(3), name: 'y'}));
	fold.upsert({...first, count: 7, lastTimestamp: at(9)});
	t.deepEqual(fold.rows().map(row => `${row.reason} x${row.count}`), ['Started x1', 'Failed x7']);
	fold.remove(first);
	t.deepEqual(fold.rows().map(row => row.reason), ['Started']);
	t.is(fold.size, 1);
});

test('rows() is the same array until something changes, and a no-op upsert is no change', t => {
	const fold = new EventFold();
	const one = event({about: web, reason: 'Failed', message: 'boom', name: 'x'});
	fold.upsert(one);
	const rows = fold.rows();
	const version = fold.version;
	fold.upsert({...one});
	t.is(fold.rows(), rows);
	t.is(fold.version, version);
});

test('warningSince gives the earliest warning about an object; normal events do not count', t => {
	const fold = new EventFold();
	fold.upsert(event({about: web, reason: 'Scheduled', type: 'Normal', message: 'assigned', last: at(0), name: 'n'}));
	fold.upsert(event({about: web, reason: 'Failed', message: 'pull failed', last: at(5), name: 'w'}));
	t.is(fold.warningSince('Pod', 'shop', 'web-1'), Date.parse(at(1)));
	t.is(fold.warningSince('Pod', 'shop', 'api-1'), undefined);
	fold.clear();
	t.is(fold.warningSince('Pod', 'shop', 'web-1'), undefined);
	t.is(fold.rows().length, 0);
});

test('messages from the cluster are made printable and single-line', t => {
	const fold = new EventFold();
	fold.upsert(event({about: web, reason: 'Failed', message: 'line one\nline two \u001b[2J', name: 'z'}));
	t.is(fold.rows()[0].message, 'line one line two');
});

test('ten thousand distinct events stay ordered', t => {
	const fold = new EventFold();
	const base = Date.parse(at(0));
	for (let i = 0; i < 10_000; i++) {
		const minute = (i * 7919) % 10_000;
		fold.upsert(event({about: web, reason: 'Flood', type: 'Normal', message: `line ${i}`, last: new Date(base + minute * 1000).toISOString(), name: `f${i}`}));
	}
	const rows = fold.rows();
	t.is(rows.length, 10_000);
	t.true(rows.every((row, index) => index === 0 || rows[index - 1].lastSeen <= row.lastSeen));
});
