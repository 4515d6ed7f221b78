import {type ImageProgram, accessLogTime, clientAddress, goLogTime, paced, pick} from './program.js';

const paths = ['/', '/', '/index.html', '/healthz', '/api/products', '/static/app.js', '/favicon.ico'];
const agents = ['kube-probe/1.32', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', 'curl/8.5.0', 'Go-http-client/1.1'];

function accessLine(now: number): string {
	const path = pick(paths);
	const status = path === '/favicon.ico' ? 404 : 200;
	const bytes = status === 404 ? 153 : 615 + Math.floor(Math.random() * 4000);
	return `${clientAddress(Math.floor(Math.random() * 1000))} - - [${accessLogTime(now)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${pick(agents)}" "-"`;
}

/** nginx's official image: the entrypoint scripts' lines, then worker processes. */
export const nginx: ImageProgram = {
	binaries: ['nginx', 'sh', '/bin/sh', 'bash', '/docker-entrypoint.sh', 'curl'],
	entrypoint: ['/docker-entrypoint.sh'],
	cmd: ['nginx', '-g', 'daemon off;'],
	workdir: '/',
	user: 0,
	run(context) {
		const time = goLogTime(context.startedAt);
		return {
			lines: paced(0, 2, [
				'/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
				'/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
				'/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
				'10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
				'10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
				'/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
				'/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
				'/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
				'/docker-entrypoint.sh: Configuration complete; ready for start up',
				`${time} [notice] 1#1: using the "epoll" event method`,
				`${time} [notice] 1#1: nginx/1.27.3`,
				`${time} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
				`${time} [notice] 1#1: OS: Linux 6.8.0-45-generic`,
				`${time} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
				`${time} [notice] 1#1: start worker processes`,
				`${time} [notice] 1#1: start worker process 29`,
				`${time} [notice] 1#1: start worker process 30`,
			]),
			readyAfter: 800,
			chatter: accessLine,
		};
	},
};

/** traefik/whoami: a tiny Go server that echoes requests. */
export const whoami: ImageProgram = {
	binaries: ['/whoami'],
	entrypoint: ['/whoami'],
	cmd: [],
	workdir: '/',
	user: 0,
	run(context) {
		return {
			lines: [{at: 5, text: `${goLogTime(context.startedAt)} Starting up on port 80`}],
			readyAfter: 500,
			chatter: now => `${goLogTime(now)} ${clientAddress(Math.floor(Math.random() * 1000))}:${40000 + Math.floor(Math.random() * 20000)} - - GET / HTTP/1.1`,
		};
	},
};

/** gcr.io/google-samples/hello-app. */
export const helloApp: ImageProgram = {
	binaries: ['/hello-app'],
	entrypoint: ['/hello-app'],
	cmd: [],
	workdir: '/',
	user: 0,
	run(context) {
		return {
			lines: [
				{at: 5, text: `${goLogTime(context.startedAt)} Server listening on port 8080`},
			],
			readyAfter: 500,
			chatter: now => `${goLogTime(now)} Serving request: /`,
		};
	},
};

/** Anything without a better program (bulk pods, images published by tests): a quiet server. */
export const quietServer: ImageProgram = {
	binaries: ['sh', '/bin/sh', '/server'],
	entrypoint: ['/server'],
	cmd: [],
	workdir: '/',
	user: 0,
	run(context) {
		return {
			lines: [
				{at: 5, text: `${goLogTime(context.startedAt)} listening on :8080`},
				{at: 400, text: `${goLogTime(context.at(400))} ready`},
			],
			readyAfter: 500,
		};
	},
};
