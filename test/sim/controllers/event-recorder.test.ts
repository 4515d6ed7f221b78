import test from 'ava';
import {Clock} from '../../../source/sim/clock.js';
import {EventRecorder} from '../../../source/sim/controllers/event-recorder.js';
import {ObjectStore} from '../../../source/sim/store/object-store.js';
import {resourceFor} from '../../../source/sim/store/resources.js';

function setup() {
	let now = Date.parse('2025-01-15T10:00:00Z');
	const clock = new Clock({now: () => now});
	const store = new ObjectStore(clock);
	store.create(resourceFor('Namespace'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}});
	const pod = store.create(resourceFor('Pod'), {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-7d9c5f8b6d-x2k9p', namespace: 'shop'}, spec: {containers: [{name: 'app', image: 'nginx'}]}});
	const recorder = new EventRecorder(store, clock);
	return {store, recorder, pod, clock, advance: (ms: number) => (now += ms)};
}

const pulling = () => ({type: 'Normal' as const, reason: 'Pulling', message: 'Pulling image "nginx"', component: 'kubelet', host: 'kconsole-sim-worker', fieldPath: 'spec.containers{app}'});

test('a repeat within ten minutes bumps count and lastTimestamp of the same event', t => {
	const {store, recorder, pod, advance, clock} = setup();
	recorder.record(pod, pulling());
	advance(5 * 60_000);
	recorder.record(pod, pulling());
	const events = store.list(resourceFor('Event'), {namespace: 'shop'});
	t.is(events.length, 1);
	t.like(events[0], {count: 2, firstTimestamp: '2025-01-15T10:00:00Z', lastTimestamp: '2025-01-15T10:05:00Z', type: 'Normal', reason: 'Pulling', reportingComponent: 'kubelet', reportingInstance: 'kconsole-sim-worker'});
	t.deepEqual(events[0].source, {component: 'kubelet', host: 'kconsole-sim-worker'});
	t.like(events[0].involvedObject as object, {kind: 'Pod', namespace: 'shop', name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: 'spec.containers{app}'});
	t.regex(events[0].metadata.name, /^web-7d9c5f8b6d-x2k9p\.[0-9a-f]{16,}$/);
	recorder.stop();
	clock.stop();
});

test('after ten quiet minutes, or with another message, a new event is created', t => {
	const {store, recorder, pod, advance, clock} = setup();
	recorder.record(pod, pulling());
	advance(11 * 60_000);
	recorder.record(pod, pulling());
	recorder.record(pod, {...pulling(), message: 'Pulling image "nginx:1.27"'});
	t.deepEqual(
		store.list(resourceFor('Event'), {namespace: 'shop'}).map(event => [event.message, event.count]),
		[['Pulling image "nginx"', 1], ['Pulling image "nginx"', 1], ['Pulling image "nginx:1.27"', 1]],
	);
	recorder.stop();
	clock.stop();
});

test('scheduler events are events.k8s.io style: eventTime and action, no counts', t => {
	const {store, recorder, pod, clock} = setup();
	recorder.recordSeries(pod, {type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned shop/web-7d9c5f8b6d-x2k9p to kconsole-sim-worker', action: 'Binding', component: 'default-scheduler', instance: 'default-scheduler-kconsole-sim-control-plane'});
	const [event] = store.list(resourceFor('Event'), {namespace: 'shop'});
	t.like(event, {firstTimestamp: null, lastTimestamp: null, eventTime: '2025-01-15T10:00:00.000000Z', action: 'Binding', reportingComponent: 'default-scheduler'});
	t.is(event.count, undefined);
	recorder.stop();
	clock.stop();
});
