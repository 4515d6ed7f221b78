import {type ImageProgram, clientAddress, goLogTime, monthName, paced, pick} from './program.js';

function postgresTime(ms: number): string {
	return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 23)} UTC`;
}

export const postgres: ImageProgram = {
	binaries: ['postgres', 'psql', 'pg_isready', 'docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh', 'sh', '/bin/sh', 'bash'],
	entrypoint: ['docker-entrypoint.sh'],
	cmd: ['postgres'],
	workdir: '/',
	user: 0,
	run(context) {
		const at = (offset: number, pid: number, text: string) => ({at: offset, text: `${postgresTime(context.at(offset))} [${pid}] LOG:  ${text}`});
		return {
			lines: [
				{at: 5, text: 'PostgreSQL Database directory appears to contain a database; Skipping initialization'},
				{at: 6, text: ''},
				at(40, 1, 'starting PostgreSQL 16.4 on x86_64-pc-linux-musl, compiled by gcc (Alpine 13.2.1_git20240309) 13.2.1 20240309, 64-bit'),
				at(41, 1, 'listening on IPv4 address "0.0.0.0", port 5432'),
				at(41, 1, 'listening on IPv6 address "::", port 5432'),
				at(44, 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
				at(48, 29, `database system was shut down at ${postgresTime(context.startedAt - 3_600_000).slice(0, 19)} UTC`),
				at(55, 1, 'database system is ready to accept connections'),
			],
			readyAfter: 1500,
		};
	},
};

function redisTime(ms: number): string {
	const date = new Date(ms);
	const month = monthName(date);
	return `${String(date.getUTCDate()).padStart(2, '0')} ${month} ${date.getUTCFullYear()} ${date.toISOString().slice(11, 23)}`;
}

export const redis: ImageProgram = {
	binaries: ['redis-server', 'redis-cli', 'docker-entrypoint.sh', 'sh', '/bin/sh'],
	entrypoint: ['docker-entrypoint.sh'],
	cmd: ['redis-server'],
	workdir: '/data',
	user: 0,
	run(context) {
		const time = redisTime(context.startedAt);
		return {
			lines: paced(5, 1, [
				`1:C ${time} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
				`1:C ${time} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started`,
				`1:C ${time} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
				`1:M ${time} * monotonic clock: POSIX clock_gettime`,
				`1:M ${time} * Running mode=standalone, port=6379.`,
				`1:M ${time} * Server initialized`,
				`1:M ${time} * Ready to accept connections tcp`,
			]),
			readyAfter: 600,
		};
	},
};

/**
 * saas-shortener (seed 001): a Go service that connects to Postgres with pgx at start and
 * exits when it cannot, so a broken cluster DNS puts it in CrashLoopBackOff.
 */
export const saasShortener: ImageProgram = {
	binaries: ['/app/server', '/bin/sh', 'sh'],
	entrypoint: ['/app/server'],
	cmd: [],
	workdir: '/app',
	user: 65532,
	run(context) {
		const host = context.env.DB_HOST ?? 'postgres-service';
		const user = context.env.DB_USER ?? 'postgres';
		const database = context.env.DB_NAME ?? 'saas_shortener';
		const port = context.env.DB_PORT ?? '5432';
		const time = (offset: number) => goLogTime(context.at(offset));
		const lines = [
			{at: 5, text: `${time(5)} saas-shortener v1.2.0 starting (env=${context.env.APP_ENV ?? 'production'})`},
			{at: 10, text: `${time(10)} connecting to postgres host=${host} port=${port} database=${database}`},
		];
		const target = `failed to connect to \`host=${host} user=${user} database=${database}\``;
		const resolved = context.lookup(host);
		if (!resolved.ok) {
			return {lines: [...lines, {at: 60, text: `${time(60)} ${target}: hostname resolving error (${resolved.error})`}], exit: {at: 70, code: 1}};
		}
		if (resolved.endpoints === 0) {
			return {lines: [...lines, {at: 40, text: `${time(40)} ${target}: dial error (dial tcp ${resolved.ip}:${port}: connect: connection refused)`}], exit: {at: 50, code: 1}};
		}
		return {
			lines: [
				...lines,
				{at: 80, text: `${time(80)} connected to postgres (PostgreSQL 16.4)`},
				{at: 120, text: `${time(120)} migrations: schema up to date (version 7)`},
				{at: 150, text: `${time(150)} listening on :8080`},
			],
			readyAfter: 600,
			chatter: now => `${goLogTime(now)} ${pick(['GET /r/k3Xa9', 'GET /r/9fQz1', 'POST /api/links', 'GET /healthz'])} ${pick(['302', '302', '201', '200'])} ${(Math.random() * 4).toFixed(1)}ms`,
		};
	},
};

/** A Next.js standalone server (seed 003's rrr project). */
export const nextjs: ImageProgram = {
	binaries: ['node', 'npm', 'sh', '/bin/sh', 'docker-entrypoint.sh'],
	entrypoint: ['docker-entrypoint.sh'],
	cmd: ['node', 'server.js'],
	workdir: '/app',
	user: 1001,
	run(context) {
		return {
			lines: paced(10, 30, [
				'   ▲ Next.js 15.5.9',
				`   - Local:        http://${context.pod}:3000`,
				`   - Network:      http://${context.pod}:3000`,
				'',
				' ✓ Starting...',
				` ✓ Ready in ${900 + Math.floor((context.startedAt % 200))}ms`,
			]),
			readyAfter: 1200,
		};
	},
};

/** A small Node.js API (the shop's catalog service). */
export const nodeApi: ImageProgram = {
	binaries: ['node', 'npm', 'sh', '/bin/sh', 'docker-entrypoint.sh'],
	entrypoint: ['docker-entrypoint.sh'],
	cmd: ['node', 'server.js'],
	workdir: '/app',
	user: 1000,
	run(context) {
		const line = (offset: number, text: string) => ({at: offset, text: `[${new Date(context.at(offset)).toISOString()}] info: ${text}`});
		return {
			lines: [
				line(20, `${context.container.name} service v1.4.2 starting`),
				line(180, 'loaded 1284 products from seed data'),
				line(200, 'listening on 0.0.0.0:8080'),
			],
			readyAfter: 800,
			chatter: now => `[${new Date(now).toISOString()}] info: ${pick(['GET /products 200', 'GET /products/1042 200', 'GET /healthz 200'])} ${(2 + Math.random() * 30).toFixed(0)}ms client=${clientAddress(Math.floor(Math.random() * 1000))}`,
		};
	},
};
