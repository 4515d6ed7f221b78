// A probe step's argv (`tcp HOST:PORT`, `dns NAME [server=IP[:PORT]]`, `http URL [proxy=URL]`)
// as a typed check. The playbook parser checked the shape; the values are filled in now, so
// they are checked again here.
import {isHostName, isIPv4, isIPv6, isPort} from '../../core/command/host-address.js';

export type Endpoint = {host: string; port: number};

export type Probe =
	| {type: 'tcp'; target: Endpoint}
	| {type: 'dns'; name: string; server?: Endpoint}
	| {type: 'http'; url: URL; proxy?: URL};

export type ParsedProbe = {ok: true; probe: Probe} | {ok: false; error: string};

export function parseProbe(argv: string[]): ParsedProbe {
	const [verb, first, option, ...rest] = argv;
	if (rest.length > 0) return {ok: false, error: `probe ${verb}: too many arguments`};
	switch (verb) {
		case 'tcp': {
			const target = first === undefined || option !== undefined ? undefined : parseEndpoint(first);
			return target ? {ok: true, probe: {type: 'tcp', target}} : {ok: false, error: 'probe tcp needs HOST:PORT, e.g. tcp registry.local:5000'};
		}
		case 'dns': {
			if (!first || !(isHostName(first.replace(/\.$/, '')) || first === 'localhost')) return {ok: false, error: `probe dns: "${first ?? ''}" is not a host name`};
			if (option === undefined) return {ok: true, probe: {type: 'dns', name: first}};
			const server = option.startsWith('server=') ? parseEndpoint(option.slice(7), 53) : undefined;
			if (!server || !(isIPv4(server.host) || isIPv6(server.host))) return {ok: false, error: 'probe dns: write the server as server=IP or server=IP:PORT'};
			return {ok: true, probe: {type: 'dns', name: first, server}};
		}
		case 'http': {
			const url = parseUrl(first);
			if (!url) return {ok: false, error: `probe http: "${first ?? ''}" is not an http:// or https:// URL`};
			if (option === undefined) return {ok: true, probe: {type: 'http', url}};
			const proxy = option.startsWith('proxy=') ? parseUrl(option.slice(6)) : undefined;
			if (!proxy || proxy.protocol !== 'http:') return {ok: false, error: 'probe http: write the proxy as proxy=http://HOST:PORT'};
			return {ok: true, probe: {type: 'http', url, proxy}};
		}
		default:
			return {ok: false, error: `unknown probe "${verb ?? ''}" (expected tcp, dns or http)`};
	}
}

/** `host:port`, `1.2.3.4:port`, `[::1]:port`; the port may be left out when there is a default. */
export function parseEndpoint(text: string, defaultPort?: number): Endpoint | undefined {
	let host: string;
	let port: string | undefined;
	if (text.startsWith('[')) {
		const close = text.indexOf(']');
		if (close === -1) return undefined;
		host = text.slice(1, close);
		const after = text.slice(close + 1);
		if (after !== '' && !after.startsWith(':')) return undefined;
		port = after === '' ? undefined : after.slice(1);
		if (!isIPv6(host)) return undefined;
	} else if (isIPv6(text) && defaultPort !== undefined) {
		host = text;
	} else {
		const colon = text.lastIndexOf(':');
		host = colon === -1 ? text : text.slice(0, colon);
		port = colon === -1 ? undefined : text.slice(colon + 1);
		if (!(isHostName(host) || isIPv4(host) || host === 'localhost')) return undefined;
	}
	if (port === undefined) return defaultPort === undefined ? undefined : {host, port: defaultPort};
	return isPort(port) ? {host, port: Number(port)} : undefined;
}

function parseUrl(text: string | undefined): URL | undefined {
	if (!text) return undefined;
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/** `host:port`, with brackets around an IPv6 host. */
export function formatEndpoint(endpoint: Endpoint): string {
	return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}
