// The control endpoint under /kconsole-sim/v1/ (a path no Kubernetes API uses): the request
// record, fault injection, and the world's tunnel, image publishing and floods.
import type {ObjectStore} from '../store/object-store.js';
import {StatusError, badRequest} from '../store/status-error.js';
import type {Exchange} from './exchange.js';
import type {FaultRequest, Faults} from './faults.js';
import type {RequestLog} from './request-record.js';
import type {WatchHub} from './watch.js';

/** The parts of the simulated world the control endpoint drives (sim-world's World has them). */
export type WorldControls = {
	setTunnel(open: boolean): Promise<void>;
	tunnelAddress(): {host: string; port: number};
	publishImage(reference: string): void;
	flood(options: {eventsPerSecond: number; logLinesPerSecond: number}): () => void;
};

export const controlPrefix = '/kconsole-sim/v1/';

export type ControlContext = {store: ObjectStore; faults: Faults; requests: RequestLog; watches: WatchHub; world?: WorldControls; now: () => number};

export class Control {
	private stopFlood?: () => void;

	constructor(private readonly context: ControlContext) {}

	async handle(exchange: Exchange): Promise<void> {
		const what = exchange.url.pathname.slice(controlPrefix.length);
		const method = exchange.method;
		const {faults, requests, watches, store} = this.context;
		if (what === 'requests' && method === 'GET') return exchange.json(200, requests.list());
		if (what === 'requests' && method === 'DELETE') {
			requests.clear();
			return exchange.json(200, {cleared: true});
		}
		if (what === 'faults' && method === 'GET') return exchange.json(200, faults.state(this.context.now()));
		if (what === 'faults' && method === 'POST') {
			const request = (await this.bodyObject(exchange)) as FaultRequest;
			faults.set(request, this.context.now());
			const result: Record<string, unknown> = {};
			if (request.compact) {
				store.compact();
				result.compactedAt = store.resourceVersion;
			}
			if (request.expireWatches) result.expiredWatches = watches.expireAll();
			if (request.closeWatches) result.closedWatches = watches.closeAll();
			return exchange.json(200, {...result, faults: faults.state(this.context.now())});
		}
		if (method === 'POST' && (what === 'tunnel' || what === 'publish' || what === 'flood')) {
			const world = this.context.world;
			if (!world) throw new StatusError(503, 'ServiceUnavailable', 'this simulated cluster runs without a world (no controllers)');
			const body = await this.bodyObject(exchange);
			if (what === 'tunnel') {
				if (typeof body.open !== 'boolean') throw badRequest('tunnel needs {"open": true|false}');
				await world.setTunnel(body.open);
				return exchange.json(200, {open: body.open, address: world.tunnelAddress()});
			}
			if (what === 'publish') {
				if (typeof body.image !== 'string' || body.image === '') throw badRequest('publish needs {"image": "REFERENCE"}');
				world.publishImage(body.image);
				return exchange.json(200, {published: body.image});
			}
			this.stopFlood?.();
			this.stopFlood = undefined;
			if (body.stop === true) return exchange.json(200, {flooding: false});
			const eventsPerSecond = Number(body.eventsPerSecond ?? 0);
			const logLinesPerSecond = Number(body.logLinesPerSecond ?? 0);
			this.stopFlood = world.flood({eventsPerSecond, logLinesPerSecond});
			return exchange.json(200, {flooding: true, eventsPerSecond, logLinesPerSecond});
		}
		throw new StatusError(404, 'NotFound', `unknown control request ${method} ${exchange.url.pathname}`);
	}

	stop(): void {
		this.stopFlood?.();
	}

	private async bodyObject(exchange: Exchange): Promise<Record<string, unknown>> {
		const body = (await exchange.body()) ?? {};
		if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the control body must be a JSON object');
		return body as Record<string, unknown>;
	}
}
