import net from 'node:net';

// The HTTP proxy the simulated nodes pull some registries through: a real TCP listener on
// loopback, like the seed's `ssh -R 0.0.0.0:7897:127.0.0.1:7897` tunnel. While it is closed a
// pull through it really gets ECONNREFUSED; while open it answers CONNECT with 200, so a
// `curl -x` style probe succeeds.

export type ProxyDial = {ok: true} | {ok: false; error: string};

export class ProxyTunnel {
	readonly host = '127.0.0.1';
	private server?: net.Server;
	private port = 0;
	private readonly sockets = new Set<net.Socket>();

	constructor(port = 0) {
		this.port = port;
	}

	get isOpen(): boolean {
		return this.server !== undefined;
	}

	address(): {host: string; port: number} {
		return {host: this.host, port: this.port};
	}

	/**
	 * Open (on the same port as before) or close the tunnel. The first port is picked below the
	 * kernel's ephemeral range, so other listeners on port 0 do not take it while it is closed.
	 */
	async set(open: boolean): Promise<void> {
		if (open === this.isOpen) return;
		if (open) {
			for (let attempt = 0; ; attempt++) {
				const port = this.port || 20_000 + Math.floor(Math.random() * 10_000);
				try {
					this.server = await this.listen(port);
					this.port = port;
					return;
				} catch (error) {
					if (this.port || attempt >= 20) throw error;
				}
			}
		}
		const server = this.server!;
		this.server = undefined;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>(resolve => server.close(() => resolve()));
	}

	private listen(port: number): Promise<net.Server> {
		const server = net.createServer(socket => this.serve(socket));
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen({host: this.host, port}, () => {
				server.off('error', reject);
				resolve(server);
			});
		});
	}

	/** Dial the proxy and ask it to CONNECT to `target`, as containerd does behind HTTPS_PROXY. */
	dial(target: string, timeoutMs = 5000): Promise<ProxyDial> {
		return new Promise(resolve => {
			const socket = net.connect({host: this.host, port: this.port});
			let answer = '';
			const finish = (result: ProxyDial) => {
				socket.destroy();
				resolve(result);
			};
			socket.setTimeout(timeoutMs, () => finish({ok: false, error: `proxyconnect tcp: dial tcp ${this.host}:${this.port}: i/o timeout`}));
			socket.on('connect', () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
			socket.on('data', chunk => {
				answer += chunk.toString('latin1');
				if (!answer.includes('\r\n\r\n')) return;
				finish(/^HTTP\/1\.[01] 200/.test(answer) ? {ok: true} : {ok: false, error: `proxyconnect tcp: ${answer.split('\r\n')[0]}`});
			});
			socket.on('error', (error: NodeJS.ErrnoException) => {
				const reason = error.code === 'ECONNREFUSED' ? 'connect: connection refused' : error.message;
				finish({ok: false, error: `proxyconnect tcp: dial tcp ${this.host}:${this.port}: ${reason}`});
			});
			socket.on('close', () => finish({ok: false, error: `proxyconnect tcp: EOF`}));
		});
	}

	private serve(socket: net.Socket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		let head = '';
		socket.on('data', chunk => {
			if (head.includes('\r\n\r\n')) return;
			head += chunk.toString('latin1');
			if (!head.includes('\r\n\r\n')) return;
			if (/^CONNECT /.test(head)) {
				// The simulated registries behind the tunnel are not real TLS servers: the tunnel itself is what a probe checks.
				socket.end('HTTP/1.1 200 Connection established\r\n\r\n');
				return;
			}
			const body = 'kconsole simulated proxy\n';
			socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
		});
	}
}
