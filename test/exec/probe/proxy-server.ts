// A small forward proxy on loopback: CONNECT opens a tunnel (or is refused for hosts in
// `refuse`), an absolute-form GET is forwarded. It records each request line it saw.
import http from 'node:http';
import net, {type AddressInfo} from 'node:net';

export type ProxyServer = {url: string; requests: string[]; close(): Promise<void>};

export async function startProxy(options: {refuse?: string[]} = {}): Promise<ProxyServer> {
	const requests: string[] = [];
	const server = http.createServer((request, response) => {
		requests.push(`${request.method} ${request.url}`);
		const target = new URL(request.url ?? '');
		const forwarded = http.request(target, {method: request.method, headers: request.headers, agent: false}, upstream => {
			response.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, upstream.headers);
			upstream.pipe(response);
		});
		forwarded.on('error', () => response.writeHead(502, 'Bad Gateway').end());
		request.pipe(forwarded);
	});
	server.on('connect', (request, client: net.Socket, head) => {
		requests.push(`CONNECT ${request.url}`);
		const [host, port] = (request.url ?? '').split(':');
		if (options.refuse?.includes(host)) {
			client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
		client.on('error', () => upstream.destroy());
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise(resolve => server.close(resolve));
		},
	};
}
