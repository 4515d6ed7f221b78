// The simulated cluster's HTTP API: non-resource endpoints (version, health, discovery, OpenAPI),
// resource verbs, the control endpoint, and the fault checks every API request passes.
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Clock} from '../clock.js';
import type {LogStore} from '../store/log-store.js';
import type {ObjectStore} from '../store/object-store.js';
import {StatusError} from '../store/status-error.js';
import {accessReview, rulesReview} from './access-review.js';
import {impersonated} from './rbac.js';
import {Control, type WorldControls, controlPrefix} from './control.js';
import {aggregatedContentType, aggregatedDiscovery, aggregatedVersion, apiGroupDocument, apiGroupList, apiResourceList, apiVersions, serverVersion} from './discovery.js';
import {Exchange} from './exchange.js';
import {Faults, forbiddenError} from './faults.js';
import {handleList} from './list.js';
import {handleLogs} from './logs.js';
import {openApiDocument, openApiIndex} from './openapi.js';
import {renderObject, representationOf} from './representation.js';
import {RequestLog} from './request-record.js';
import {type ResourceRoute, parseResourcePath} from './route.js';
import {WatchHub} from './watch.js';
import {handleCreate, handleDelete, handlePatch, handleUpdate, scaleOf} from './writes.js';

export type ApiServerOptions = {
	store: ObjectStore;
	logs: LogStore;
	clock: Clock;
	world?: WorldControls;
	/** How often watches that allow bookmarks get one (real API servers: about a minute). */
	bookmarkIntervalMs?: number;
};

const subresourceVerbs: Record<string, string[]> = {log: ['get'], status: ['get', 'patch', 'update'], scale: ['get', 'patch', 'update'], finalize: ['update']};

const notFoundPath = new StatusError(404, 'NotFound', 'the server could not find the requested resource');
const methodNotAllowed = new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export class ApiServer {
	readonly requests = new RequestLog();
	readonly faults = new Faults();
	readonly watches: WatchHub;
	private readonly server: Server;
	private readonly control: Control;
	private readonly open = new Set<Exchange>();
	private readonly store: ObjectStore;
	private readonly logs: LogStore;
	private readonly clock: Clock;

	constructor(options: ApiServerOptions) {
		this.store = options.store;
		this.logs = options.logs;
		this.clock = options.clock;
		this.watches = new WatchHub(this.store, {bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000, now: () => this.clock.now()});
		this.control = new Control({store: this.store, faults: this.faults, requests: this.requests, watches: this.watches, world: options.world, now: () => Date.now()});
		this.server = createServer({keepAliveTimeout: 60_000}, (req, res) => void this.handle(req, res));
	}

	/** Listen on `host:port` (port 0 picks a free one); resolves to the base URL. */
	async listen(host: string, port: number): Promise<string> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address() as AddressInfo;
		const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
		return `http://${shownHost}:${address.port}`;
	}

	/** End open watches and log follows, then close the listener and every connection. */
	async stop(): Promise<void> {
		this.control.stop();
		this.watches.stop();
		for (const exchange of this.open) exchange.onStop?.();
		await new Promise<void>(resolve => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sim.invalid');
		const record = {
			time: new Date().toISOString(),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.search.replace(/^\?/, ''),
			contentType: req.headers['content-type'] ?? null,
			userAgent: req.headers['user-agent'] ?? null,
			status: 0,
		};
		const exchange = new Exchange(req, res, record);
		this.open.add(exchange);
		res.on('close', () => this.open.delete(exchange));
		try {
			if (url.pathname.startsWith(controlPrefix)) {
				await this.control.handle(exchange);
				return;
			}
			this.requests.add(record);
			if (this.faults.latencyMs > 0) await new Promise(resolve => setTimeout(resolve, this.faults.latencyMs));
			const injected = this.faults.takeError(Date.now());
			if (injected) {
				exchange.error(injected, injected.code === 429 ? {'Retry-After': 1} : {});
				return;
			}
			await this.route(exchange);
		} catch (error) {
			exchange.error(error instanceof StatusError ? error : new StatusError(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`));
		}
	}

	private async route(exchange: Exchange): Promise<void> {
		const path = exchange.url.pathname.replace(/\/+$/, '') || '/';
		const get = exchange.method === 'GET' || exchange.method === 'HEAD';
		if (get && path === '/version') return exchange.json(200, serverVersion);
		if (get && /^\/(healthz|readyz|livez)(\/|$)/.test(path)) return exchange.text(200, 'ok');
		if (get && (path === '/api' || path === '/apis')) {
			const aggregated = aggregatedVersion(exchange.accept);
			if (aggregated) return exchange.json(200, aggregatedDiscovery(path === '/api', aggregated), aggregatedContentType(aggregated));
			return exchange.json(200, path === '/api' ? apiVersions(exchange.req.headers.host ?? '127.0.0.1') : apiGroupList());
		}
		if (get && path === '/openapi/v3') return exchange.json(200, openApiIndex());
		if (get && path.startsWith('/openapi/v3/')) {
			const document = openApiDocument(path.slice('/openapi/v3/'.length));
			if (document) return exchange.json(200, document);
			throw notFoundPath;
		}
		const parts = path.split('/').filter(Boolean);
		if (get && parts[0] === 'api' && parts.length === 2) {
			const list = apiResourceList('', parts[1]);
			if (list) return exchange.json(200, list);
			throw notFoundPath;
		}
		if (get && parts[0] === 'apis' && parts.length === 2) {
			const group = apiGroupDocument(parts[1]);
			if (group) return exchange.json(200, group);
			throw notFoundPath;
		}
		if (get && parts[0] === 'apis' && parts.length === 3) {
			const list = apiResourceList(parts[1], parts[2]);
			if (list) return exchange.json(200, list);
			throw notFoundPath;
		}
		const route = parseResourcePath(path);
		if (route) return this.resource(exchange, route);
		if (parts[0] === 'api' || parts[0] === 'apis' || parts[0] === 'openapi') throw notFoundPath;
		exchange.text(404, '404 page not found\n');
	}

	private async resource(exchange: Exchange, route: ResourceRoute): Promise<void> {
		const {resource, subresource} = route;
		if (subresource && !resource.subresources?.includes(subresource)) throw notFoundPath;
		const verb = verbOf(exchange, route);
		const allowed = subresource ? subresourceVerbs[subresource] ?? [] : resource.verbs;
		if (!verb || !allowed.includes(verb)) throw methodNotAllowed;
		const now = Date.now();
		if (this.faults.isForbidden(resource.name, now)) throw forbiddenError(verb, resource, route.namespace, route.name);
		switch (verb) {
			case 'list':
				return handleList(exchange, route, this.store, this.clock.now());
			case 'watch':
				return this.watches.handle(exchange, route);
			case 'get':
				return this.read(exchange, route);
			case 'create':
				if (resource.kind === 'SelfSubjectAccessReview') return exchange.json(201, accessReview(await exchange.body(), name => this.faults.isForbidden(name, Date.now()), this.store, impersonated(exchange.req.headers)));
				if (resource.kind === 'SelfSubjectRulesReview') return exchange.json(201, rulesReview(await exchange.body()));
				return handleCreate(exchange, route, this.store);
			case 'update':
				return handleUpdate(exchange, route, this.store);
			case 'patch':
				return handlePatch(exchange, route, this.store);
			default:
				return handleDelete(exchange, route, this.store);
		}
	}

	private read(exchange: Exchange, route: ResourceRoute): void {
		if (route.subresource === 'log') return handleLogs(exchange, route, this.store, this.logs, this.clock.now());
		const object = this.store.get(route.resource, route.namespace, route.name!);
		if (!object) throw new StatusError(404, 'NotFound', `${route.resource.group ? `${route.resource.name}.${route.resource.group}` : route.resource.name} "${route.name}" not found`, {name: route.name, group: route.resource.group || undefined, kind: route.resource.name});
		if (route.subresource === 'scale') return exchange.json(200, scaleOf(object));
		exchange.json(200, renderObject(route.resource, object, representationOf(exchange.accept, exchange.query), this.clock.now()));
	}
}

function verbOf(exchange: Exchange, route: ResourceRoute): string | undefined {
	switch (exchange.method) {
		case 'GET':
		case 'HEAD':
			if (exchange.flag('watch')) return 'watch';
			return route.name ? 'get' : 'list';
		case 'POST':
			return route.name ? undefined : 'create';
		case 'PUT':
			return route.name ? 'update' : undefined;
		case 'PATCH':
			return route.name ? 'patch' : undefined;
		case 'DELETE':
			return route.name ? 'delete' : 'deletecollection';
		default:
			return undefined;
	}
}
