// Faults tests inject through the control endpoint: errors (5xx, 429) for a while, added latency,
// and resources answered with 403 as if RBAC forbade them.
import {StatusError} from '../store/status-error.js';

export type FaultRequest = {
	clear?: boolean;
	closeWatches?: boolean;
	/** Send every open watch an ERROR 410 (Expired) event, then end it. */
	expireWatches?: boolean;
	/** Answer every API request with this status for `seconds` (default 10) or the next `count` requests. */
	errors?: {status: number; seconds?: number; count?: number};
	latencyMs?: number;
	/** Forget watch history, so every older resourceVersion is expired. */
	compact?: boolean;
	/** Resource names (plural, e.g. `pods`) answered with 403 for `seconds` (default: until cleared). */
	forbid?: string[];
	seconds?: number;
};

const reasons: Record<number, string> = {429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout'};

export class Faults {
	latencyMs = 0;
	private errorStatus = 0;
	private errorUntil = 0;
	private errorCount = 0;
	private readonly forbidden = new Map<string, number>();

	set(request: FaultRequest, now: number): void {
		if (request.clear) {
			this.latencyMs = 0;
			this.errorStatus = 0;
			this.forbidden.clear();
		}
		if (request.latencyMs !== undefined) this.latencyMs = Math.max(0, request.latencyMs);
		if (request.errors) {
			const {status, seconds, count} = request.errors;
			if (!Number.isInteger(status) || status < 400 || status > 599) throw new StatusError(400, 'BadRequest', `errors.status must be an HTTP error code, got ${status}`);
			this.errorStatus = status;
			this.errorCount = count ?? 0;
			this.errorUntil = count ? Number.POSITIVE_INFINITY : now + (seconds ?? 10) * 1000;
		}
		if (request.forbid) {
			if (request.forbid.length === 0) this.forbidden.clear();
			const until = request.seconds ? now + request.seconds * 1000 : Number.POSITIVE_INFINITY;
			for (const name of request.forbid) this.forbidden.set(name, until);
		}
	}

	/** The injected error for the next API request, if one is due. */
	takeError(now: number): StatusError | undefined {
		if (!this.errorStatus || now >= this.errorUntil) return undefined;
		const status = this.errorStatus;
		if (this.errorCount > 0 && --this.errorCount === 0) this.errorStatus = 0;
		if (status === 429) return new StatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {retryAfterSeconds: 1});
		return new StatusError(status, reasons[status] ?? 'InternalError', `Internal error occurred: injected by kconsole sim (HTTP ${status})`);
	}

	isForbidden(resourceName: string, now: number): boolean {
		const until = this.forbidden.get(resourceName);
		if (until === undefined) return false;
		if (now < until) return true;
		this.forbidden.delete(resourceName);
		return false;
	}

	state(now: number): object {
		return {
			latencyMs: this.latencyMs,
			errors: this.errorStatus && now < this.errorUntil ? {status: this.errorStatus, remaining: this.errorCount || undefined} : null,
			forbid: [...this.forbidden].filter(([, until]) => now < until).map(([name]) => name),
		};
	}
}

/** The 403 RBAC gives, worded as the API server words it. */
export function forbiddenError(verb: string, resource: {name: string; group: string}, namespace: string | undefined, name?: string): StatusError {
	const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
	return new StatusError(
		403,
		'Forbidden',
		`${resource.name}${resource.group ? `.${resource.group}` : ''}${name ? ` "${name}"` : ''} is forbidden: User "kconsole-sim" cannot ${verb} resource "${resource.name}" in API group "${resource.group}" ${scope}`,
		{name, group: resource.group || undefined, kind: resource.name},
	);
}
