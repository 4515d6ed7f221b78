// One request and its response, with the helpers every handler answers through, so the status
// lands in the request record and errors always leave as Kubernetes `Status` objects.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {parse as parseYaml} from 'yaml';
import {StatusError, badRequest} from '../store/status-error.js';
import {decodeKubernetesProtobuf} from './protobuf.js';
import type {RequestRecord} from './request-record.js';

const maxBody = 16 * 1024 * 1024;

export class Exchange {
	readonly url: URL;
	readonly query: URLSearchParams;
	/** Set by a streaming handler; stop() ends it. */
	onStop?: () => void;

	constructor(
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
		readonly record: RequestRecord,
	) {
		this.url = new URL(req.url ?? '/', 'http://sim.invalid');
		this.query = this.url.searchParams;
	}

	get method(): string {
		return this.req.method ?? 'GET';
	}

	get accept(): string {
		return this.req.headers.accept ?? '';
	}

	flag(name: string): boolean {
		const value = this.query.get(name);
		return value === 'true' || value === '1';
	}

	/** `dryRun=All` on a write: validate and answer, store nothing. */
	get dryRun(): boolean {
		const values = this.query.getAll('dryRun');
		for (const value of values) if (value !== 'All') throw badRequest(`Invalid dry run value: ${value}; allowed values are "All"`);
		return values.length > 0;
	}

	integer(name: string): number | undefined {
		const value = this.query.get(name);
		if (value === null || value === '') return undefined;
		const number = Number(value);
		if (!Number.isInteger(number)) throw badRequest(`invalid value for ${name}: ${value}`);
		return number;
	}

	head(status: number, contentType: string, extra: Record<string, string | number> = {}): void {
		this.record.status = status;
		this.res.writeHead(status, {'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...extra});
	}

	json(status: number, body: string | Buffer | object, contentType = 'application/json'): void {
		const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		this.head(status, contentType, {'Content-Length': Buffer.byteLength(text)});
		this.res.end(text);
	}

	text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
		this.head(status, contentType, {'Content-Length': Buffer.byteLength(body)});
		this.res.end(body);
	}

	error(error: StatusError, extra: Record<string, string | number> = {}): void {
		const body = JSON.stringify(error.toStatus());
		if (this.res.headersSent) {
			this.res.end();
			return;
		}
		this.head(error.code, 'application/json', {'Content-Length': Buffer.byteLength(body), ...extra});
		this.res.end(body);
	}

	async body(): Promise<unknown> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of this.req) {
			size += (chunk as Buffer).length;
			if (size > maxBody) throw new StatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
			chunks.push(chunk as Buffer);
		}
		const buffer = Buffer.concat(chunks);
		const type = (this.req.headers['content-type'] ?? '').toLowerCase();
		if (type.startsWith('application/vnd.kubernetes.protobuf') && buffer.length > 0) return decodeKubernetesProtobuf(buffer);
		const text = buffer.toString('utf8');
		if (text.trim() === '') return undefined;
		try {
			return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
		} catch (error) {
			throw badRequest(`the body of the request could not be decoded: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
}
