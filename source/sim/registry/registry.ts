import {createHash} from 'node:crypto';
import {type CatalogImage, type RegistryHost, catalog, registryHosts} from './catalog.js';
import {type ImageReference, parseImageReference} from './image-reference.js';
import type {ImageProgram} from './programs/program.js';
import {quietServer} from './programs/web-servers.js';
import type {ProxyTunnel} from './proxy-tunnel.js';

// The registries the simulated nodes pull from, answering like containerd 1.7 reports
// (the text after `rpc error: code = … desc =`). Pull durations are simulated milliseconds.

export type Credentials = Map<string, {username: string; password: string}>;

export type PullResult =
	| {ok: true; digest: string; size: number; durationMs: number}
	| {ok: false; code: 'NotFound' | 'Unknown'; message: string; durationMs: number};

type Repository = {image: CatalogImage; tags: Map<string, {digest: string; size: number}>; withheld: Set<string>};

const dialTimeoutMs = 30_000;

export class Registry {
	private readonly hosts = new Map<string, RegistryHost>();
	private readonly repositories = new Map<string, Repository>();

	constructor(private readonly tunnel: ProxyTunnel) {
		for (const host of registryHosts) this.hosts.set(host.host, {...host});
		for (const image of catalog) this.add(image);
	}

	add(image: CatalogImage): void {
		const tags = new Map<string, {digest: string; size: number}>();
		for (const [tag, size] of Object.entries(image.tags)) tags.set(tag, {digest: image.digests?.[tag] ?? digestFor(`${image.repository}:${tag}`), size: Math.round(size)});
		this.repositories.set(image.repository, {image, tags, withheld: new Set()});
	}

	host(name: string): RegistryHost | undefined {
		return this.hosts.get(name);
	}

	/** Route a registry host directly, through the proxy, or into a black hole. */
	setRoute(host: string, route: RegistryHost['route']): void {
		const known = this.hosts.get(host);
		if (known) known.route = route;
	}

	/** Hide a tag until `publish` (CI has not pushed it yet). */
	withhold(reference: string): void {
		const parsed = parseImageReference(reference);
		this.repositories.get(parsed.repository)?.withheld.add(parsed.tag ?? '');
	}

	/** Push a tag: it becomes pullable (a new repository gets a quiet server program). */
	publish(reference: string, program: ImageProgram = quietServer): void {
		const parsed = parseImageReference(reference);
		let repository = this.repositories.get(parsed.repository);
		if (!repository) {
			this.add({repository: parsed.repository, tags: {}, program});
			repository = this.repositories.get(parsed.repository)!;
		}
		const tag = parsed.tag ?? 'latest';
		repository.withheld.delete(tag);
		if (!repository.tags.has(tag)) repository.tags.set(tag, {digest: digestFor(`${parsed.repository}:${tag}:${Date.now()}`), size: 25_000_000});
	}

	/** The program an image runs (a quiet server for images the catalog does not describe). */
	program(reference: ImageReference): ImageProgram {
		return this.repositories.get(reference.repository)?.image.program ?? quietServer;
	}

	/** `docker.io/library/nginx@sha256:…` for a pulled or preloaded image, as containerStatuses[].imageID shows it. */
	imageID(reference: ImageReference): string {
		const tag = reference.tag ? this.repositories.get(reference.repository)?.tags.get(reference.tag) : undefined;
		return `${reference.repository}@${reference.digest ?? tag?.digest ?? digestFor(reference.full)}`;
	}

	/** Full references of images every node has before any pull. */
	preloaded(): string[] {
		const images: string[] = [];
		for (const {image} of this.repositories.values()) for (const tag of image.preloaded ?? []) images.push(`${image.repository}:${tag}`);
		return images;
	}

	sizeOf(reference: ImageReference): number {
		return (reference.tag ? this.repositories.get(reference.repository)?.tags.get(reference.tag)?.size : undefined) ?? 25_000_000;
	}

	/** Resolve and fetch an image over the simulated network (really dialling the tunnel for proxied hosts). */
	async pull(reference: ImageReference, credentials: Credentials): Promise<PullResult> {
		const ref = reference.full;
		const prefix = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": `;
		const host = this.hosts.get(reference.domain);
		const object = reference.digest ?? reference.tag;
		const request = `Head "https://${host?.endpoint ?? reference.domain}/v2/${reference.path}/manifests/${object}"`;
		if (!host) {
			return {ok: false, code: 'Unknown', message: `${prefix}failed to do request: ${request}: dial tcp: lookup ${reference.domain} on 172.18.0.1:53: no such host`, durationMs: 120};
		}
		if (host.route === 'timeout') {
			return {ok: false, code: 'Unknown', message: `${prefix}failed to do request: ${request}: dial tcp ${host.ip}:443: i/o timeout`, durationMs: dialTimeoutMs};
		}
		if (host.route === 'proxy') {
			const dialled = await this.tunnel.dial(`${host.endpoint}:443`);
			if (!dialled.ok) return {ok: false, code: 'Unknown', message: `${prefix}failed to do request: ${request}: ${dialled.error}`, durationMs: 15};
		}
		const repository = this.repositories.get(reference.repository);
		if (!repository || repository.image.localOnly || (repository.image.private && !hasCredentials(credentials, reference.domain))) {
			return {ok: false, code: 'Unknown', message: `${prefix}pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`, durationMs: 450};
		}
		const found = reference.digest
			? [...repository.tags.entries()].find(([tag, entry]) => entry.digest === reference.digest && !repository.withheld.has(tag))?.[1]
			: repository.withheld.has(reference.tag!) ? undefined : repository.tags.get(reference.tag!);
		if (!found) return {ok: false, code: 'NotFound', message: `${prefix}${ref}: not found`, durationMs: 380};
		return {ok: true, digest: found.digest, size: found.size, durationMs: Math.min(4000, 700 + found.size / 40_000)};
	}
}

function hasCredentials(credentials: Credentials, domain: string): boolean {
	const entry = credentials.get(domain);
	return Boolean(entry?.username && entry.password);
}

function digestFor(text: string): string {
	return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Registry host of a `.dockerconfigjson` auths key (`https://index.docker.io/v1/` → docker.io). */
export function credentialHost(key: string): string {
	const host = key.replace(/^https?:\/\//, '').split('/')[0];
	return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}
