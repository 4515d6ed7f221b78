// GET …/pods/NAME/log: the kubelet's answer, with its error messages for containers that have
// no logs to show, `previous`, `follow` (held open until the container stops), tail, since and limits.
import type {Pod} from '../../core/objects/types.js';
import type {LogLine, LogStore} from '../store/log-store.js';
import type {ObjectStore} from '../store/object-store.js';
import {badRequest, notFound} from '../store/status-error.js';
import type {Exchange} from './exchange.js';
import type {ResourceRoute} from './route.js';

export function handleLogs(exchange: Exchange, route: ResourceRoute, store: ObjectStore, logs: LogStore, now: number): void {
	const namespace = route.namespace ?? '';
	const podName = route.name ?? '';
	const pod = store.get(route.resource, namespace, podName) as Pod | undefined;
	if (!pod) throw notFound(route.resource, podName);
	const container = chooseContainer(pod, exchange.query.get('container') ?? '');
	const previous = exchange.flag('previous');
	const follow = exchange.flag('follow');
	const timestamps = exchange.flag('timestamps');
	const tailLines = exchange.integer('tailLines');
	const limitBytes = exchange.integer('limitBytes');
	const sinceSeconds = exchange.integer('sinceSeconds');
	const sinceTimeText = exchange.query.get('sinceTime');
	if (sinceSeconds !== undefined && sinceTimeText) throw badRequest('at most one of `sinceTime` or `sinceSeconds` may be specified');
	if (sinceSeconds !== undefined && sinceSeconds < 1) throw badRequest('PodLogOptions.core "" is invalid: sinceSeconds: Invalid value: must be greater than 0');
	let sinceTime: number | undefined;
	if (sinceSeconds !== undefined) sinceTime = now - sinceSeconds * 1000;
	if (sinceTimeText) {
		sinceTime = Date.parse(sinceTimeText);
		if (Number.isNaN(sinceTime)) throw badRequest(`parsing time "${sinceTimeText}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
	}

	// A pod not yet on a node has no kubelet to ask: the API server answers with an empty body.
	if (!pod.spec?.nodeName) {
		exchange.text(200, '');
		return;
	}
	const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(candidate => candidate.name === container);
	const state = status?.state ?? {};
	const last = status?.lastState?.terminated;
	const where = `container "${container}" in pod "${podName}"`;
	let instance: 'current' | 'previous';
	if (previous) {
		if (!last) throw badRequest(`previous terminated ${where} not found`);
		instance = 'previous';
	} else if (state.running) {
		instance = 'current';
	} else if (state.terminated) {
		instance = 'current';
	} else if (last) {
		// A container waiting to restart (CrashLoopBackOff) shows the crashed instance's logs.
		instance = 'previous';
	} else if (state.waiting) {
		const reason = state.waiting.reason ?? '';
		if (reason === 'ErrImagePull') throw badRequest(`${where} is waiting to start: image can't be pulled`);
		if (reason === 'ImagePullBackOff') throw badRequest(`${where} is waiting to start: trying and failing to pull image`);
		throw badRequest(`${where} is waiting to start: ${reason}`);
	} else {
		throw badRequest(`${where} is waiting to start - no logs yet`);
	}

	const lines = logs.read(namespace, podName, container, {previous: instance === 'previous', tailLines, sinceTime}) ?? [];
	let budget = limitBytes !== undefined && limitBytes > 0 ? limitBytes : Number.POSITIVE_INFINITY;
	const format = (line: LogLine) => `${timestamps ? `${nanoTimestamp(line.time)} ` : ''}${line.text}\n`;
	exchange.head(200, 'text/plain', {'Transfer-Encoding': 'chunked'});
	/** Writes within the byte limit; false once the limit is reached. */
	const write = (text: string): boolean => {
		if (budget <= 0) return false;
		const bytes = Buffer.byteLength(text);
		if (bytes > budget) {
			exchange.res.write(Buffer.from(text).subarray(0, budget));
			budget = 0;
			return false;
		}
		budget -= bytes;
		exchange.res.write(text);
		return true;
	};
	const text = lines.map(format).join('');
	const within = text === '' || write(text);
	if (!follow || !within || instance === 'previous' || !state.running) {
		exchange.res.end();
		return;
	}
	exchange.res.flushHeaders();
	const stopFollowing = logs.follow(
		namespace,
		podName,
		container,
		line => {
			if (!write(format(line))) finish();
		},
		() => finish(),
	);
	const finish = () => {
		stopFollowing();
		if (!exchange.res.writableEnded) exchange.res.end();
	};
	exchange.res.on('close', stopFollowing);
	exchange.onStop = finish;
}

/** The container asked for, or the only one; a pod with several needs a name, as the API server says. */
function chooseContainer(pod: Pod, asked: string): string {
	const containers = (pod.spec?.containers ?? []).map((container: {name: string}) => container.name);
	const initContainers = (pod.spec?.initContainers ?? []).map((container: {name: string}) => container.name);
	const ephemeral = ((pod.spec as {ephemeralContainers?: Array<{name: string}>})?.ephemeralContainers ?? []).map(container => container.name);
	if (asked) {
		if (![...containers, ...initContainers, ...ephemeral].includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${pod.metadata.name}`);
		return asked;
	}
	if (containers.length === 1) return containers[0];
	const choices = `choose one of: [${containers.join(' ')}]`;
	const initChoices = initContainers.length > 0 ? ` or one of the init containers: [${initContainers.join(' ')}]` : '';
	const ephemeralChoices = ephemeral.length > 0 ? ` or one of the ephemeral containers: [${ephemeral.join(' ')}]` : '';
	throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, ${choices}${initChoices}${ephemeralChoices}`);
}

/** RFC 3339 with nanoseconds, as the kubelet prefixes lines with `timestamps=true`. */
function nanoTimestamp(time: number): string {
	return new Date(time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
