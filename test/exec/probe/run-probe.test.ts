import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, {type AddressInfo} from 'node:net';
import test from 'ava';
import {runProbe} from '../../../source/exec/probe/run-probe.js';
import {startDnsServer} from './dns-server.js';
import {startProxy} from './proxy-server.js';

async function probe(argv: string[], timeoutMs = 5000) {
	const lines: string[] = [];
	const outcome = await runProbe({argv, timeoutMs, onLine: (_stream, line) => lines.push(line)});
	return {outcome, lines};
}

async function listen(server: net.Server): Promise<number> {
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

async function closed(server: net.Server): Promise<void> {
	if ('closeAllConnections' in server) (server as http.Server).closeAllConnections();
	await new Promise(resolve => server.close(resolve));
}

test('tcp: a listening port connects, exit 0', async t => {
	const server = net.createServer(socket => socket.end());
	const port = await listen(server);
	const {outcome, lines} = await probe(['tcp', `127.0.0.1:${port}`]);
	await closed(server);
	t.is(outcome.exitCode, 0);
	t.regex(lines[0], new RegExp(`^tcp 127\\.0\\.0\\.1:${port}: connected in \\d+ ms$`));
});

test('tcp: a closed port is refused, exit 1', async t => {
	const server = net.createServer();
	const port = await listen(server);
	await closed(server);
	const {outcome, lines} = await probe(['tcp', `127.0.0.1:${port}`]);
	t.is(outcome.exitCode, 1);
	t.is(lines[0], `tcp 127.0.0.1:${port}: connection refused (nothing listens there, or a firewall rejects it)`);
});

test('http: a server that never answers hits the timeout, exit 1', async t => {
	// Reads the request and never answers.
	const server = net.createServer(socket => socket.resume());
	const port = await listen(server);
	const {outcome, lines} = await probe(['http', `http://127.0.0.1:${port}/`], 300);
	await closed(server);
	t.is(outcome.exitCode, 1);
	t.true(outcome.timedOut);
	t.deepEqual(lines, ['no answer within 0.3s']);
});

test('dns: the named server answers with the address', async t => {
	const dns = await startDnsServer({'web.shop.svc.cluster.local': '10.96.12.7'});
	const {outcome, lines} = await probe(['dns', 'web.shop.svc.cluster.local', `server=127.0.0.1:${dns.port}`]);
	await dns.close();
	t.is(outcome.exitCode, 0);
	t.deepEqual(lines, [`dns web.shop.svc.cluster.local (server 127.0.0.1:${dns.port}): 10.96.12.7`]);
	t.true(dns.questions.includes('web.shop.svc.cluster.local A'), 'the probe asked that server, not the system resolver');
});

test('dns: an unknown name is NXDOMAIN, exit 1', async t => {
	const dns = await startDnsServer({});
	const {outcome, lines} = await probe(['dns', 'nope.shop.svc.cluster.local', `server=127.0.0.1:${dns.port}`]);
	await dns.close();
	t.is(outcome.exitCode, 1);
	t.regex(lines[0], /nope\.shop\.svc\.cluster\.local .*: the name does not resolve \(NXDOMAIN\)$/);
});

test('dns: a server that does not answer times out, exit 1', async t => {
	const dns = await startDnsServer({});
	await dns.close();
	const {outcome} = await probe(['dns', 'web.local', `server=127.0.0.1:${dns.port}`], 500);
	t.is(outcome.exitCode, 1);
});

test('dns: without a server the system resolver answers for localhost', async t => {
	const {outcome, lines} = await probe(['dns', 'localhost']);
	t.is(outcome.exitCode, 0);
	t.regex(lines[0], /^dns localhost \(system resolver\): .*(127\.0\.0\.1|::1)/);
});

test('http: a direct request reports the status', async t => {
	const server = http.createServer((_request, response) => response.writeHead(401, 'Unauthorized', {server: 'registry'}).end());
	const port = await listen(server);
	const {outcome, lines} = await probe(['http', `http://127.0.0.1:${port}/v2/`]);
	await closed(server);
	t.is(outcome.exitCode, 0, 'a registry answering 401 is reachable');
	t.deepEqual(lines, [`GET http://127.0.0.1:${port}/v2/ → 401 Unauthorized`, 'server: registry']);
});

test('http: an http URL through a proxy is an absolute-form GET', async t => {
	const server = http.createServer((_request, response) => response.writeHead(200, 'OK').end('hi'));
	const port = await listen(server);
	const proxy = await startProxy();
	const {outcome, lines} = await probe(['http', `http://127.0.0.1:${port}/healthz`, `proxy=${proxy.url}`]);
	await proxy.close();
	await closed(server);
	t.is(outcome.exitCode, 0);
	t.deepEqual(proxy.requests, [`GET http://127.0.0.1:${port}/healthz`]);
	t.true(lines.includes(`GET http://127.0.0.1:${port}/healthz → 200 OK`));
});

test('http: an https URL through a proxy goes through a CONNECT tunnel and TLS', async t => {
	const server = https.createServer({key: readFileSync('test/fixtures/tls/localhost.key'), cert: readFileSync('test/fixtures/tls/localhost.crt')}, (_request, response) => response.end());
	const port = await listen(server);
	const proxy = await startProxy();
	const {outcome, lines} = await probe(['http', `https://localhost:${port}/v2/`, `proxy=${proxy.url}`]);
	await proxy.close();
	await closed(server);
	t.deepEqual(proxy.requests, [`CONNECT localhost:${port}`]);
	t.is(lines[0], `proxy 127.0.0.1:${new URL(proxy.url).port}: CONNECT localhost:${port} → 200 Connection established`);
	// The tunnel reached the server: its certificate is ours, self-signed, and rightly not trusted.
	t.is(outcome.exitCode, 1);
	t.regex(lines[1], /self-signed/);
});

test('http: a proxy that refuses the CONNECT fails, exit 1', async t => {
	const proxy = await startProxy({refuse: ['registry.example']});
	const {outcome, lines} = await probe(['http', 'https://registry.example/v2/', `proxy=${proxy.url}`]);
	await proxy.close();
	t.is(outcome.exitCode, 1);
	t.is(lines[0], `proxy 127.0.0.1:${new URL(proxy.url).port}: CONNECT registry.example:443 → 403 Forbidden`);
});

test('http: a proxy that is not listening is reported', async t => {
	const proxy = await startProxy();
	await proxy.close();
	const {outcome, lines} = await probe(['http', 'http://example.invalid/', `proxy=${proxy.url}`]);
	t.is(outcome.exitCode, 1);
	t.regex(lines[0], /via proxy 127\.0\.0\.1:\d+: connection refused/);
});

const badArguments: Array<[string, string[], RegExp]> = [
	['tcp without a port', ['tcp', 'registry.local'], /needs HOST:PORT/],
	['dns with a name server that is a name', ['dns', 'web', 'server=dns.local'], /server=IP/],
	['http with a non-http proxy', ['http', 'https://x.local/', 'proxy=socks5://127.0.0.1:1080'], /proxy=http:/],
	['an unknown probe', ['ping', 'x'], /unknown probe "ping"/],
];

for (const [name, argv, message] of badArguments) {
	test(`refused before it runs: ${name}`, async t => {
		const {outcome} = await probe(argv);
		t.is(outcome.exitCode, 1);
		t.regex(outcome.error ?? '', message);
	});
}
