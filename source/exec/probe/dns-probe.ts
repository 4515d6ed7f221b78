// Does NAME resolve, and to what? With a server, that server is asked directly (as a pod's
// resolver would ask CoreDNS); without one, the system's resolver, /etc/hosts included.
import {promises as dns} from 'node:dns';
import {formatEndpoint, type Endpoint} from './parse-probe.js';
import {describeNetworkError} from './network-error.js';
import type {ProbeContext, ProbeResult} from './probe-context.js';

export async function dnsProbe(name: string, server: Endpoint | undefined, context: ProbeContext & {timeoutMs: number}): Promise<ProbeResult> {
	const via = server ? ` (server ${formatEndpoint(server)})` : '';
	if (!server) return systemLookup(name, context);
	const resolver = new dns.Resolver({timeout: context.timeoutMs, tries: 1});
	resolver.setServers([formatEndpoint(server)]);
	const onAbort = () => resolver.cancel();
	context.signal.addEventListener('abort', onAbort, {once: true});
	const answers = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
	context.signal.removeEventListener('abort', onAbort);
	if (context.signal.aborted) return {ok: false, stopped: true};
	const addresses = answers.flatMap(answer => (answer.status === 'fulfilled' ? answer.value : []));
	if (addresses.length > 0) {
		context.onLine('stdout', `dns ${name}${via}: ${addresses.join(', ')}`);
		return {ok: true};
	}
	// Both failed: the A query's error says most (AAAA is often just absent).
	const failure = answers[0].status === 'rejected' ? answers[0].reason : answers[1].status === 'rejected' ? answers[1].reason : undefined;
	context.onLine('stdout', `dns ${name}${via}: ${failure ? describeNetworkError(failure) : 'no addresses'}`);
	return {ok: false};
}

async function systemLookup(name: string, context: ProbeContext): Promise<ProbeResult> {
	// getaddrinfo cannot be cancelled: on abort we stop waiting for it.
	const aborted = new Promise<'aborted'>(resolve => context.signal.addEventListener('abort', () => resolve('aborted'), {once: true}));
	const lookup = dns.lookup(name, {all: true}).then(
		found => ({found}),
		(error: unknown) => ({error}),
	);
	const answer = await Promise.race([lookup, aborted]);
	if (answer === 'aborted') return {ok: false, stopped: true};
	if ('error' in answer) {
		context.onLine('stdout', `dns ${name} (system resolver): ${describeNetworkError(answer.error)}`);
		return {ok: false};
	}
	context.onLine('stdout', `dns ${name} (system resolver): ${answer.found.map(entry => entry.address).join(', ')}`);
	return {ok: true};
}
