import type {Resource} from './resources.js';

/** An API error carried as a Kubernetes `Status` object with its HTTP code. */
export class StatusError extends Error {
	constructor(
		readonly code: number,
		readonly reason: string,
		message: string,
		readonly details?: {name?: string; group?: string; kind?: string; causes?: Array<{reason?: string; message: string; field?: string}>; retryAfterSeconds?: number},
	) {
		super(message);
	}

	toStatus(): Record<string, unknown> {
		return {
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Failure',
			message: this.message,
			reason: this.reason,
			...(this.details ? {details: this.details} : {}),
			code: this.code,
		};
	}
}

function qualified(resource: Resource): string {
	return resource.group ? `${resource.name}.${resource.group}` : resource.name;
}

export function notFound(resource: Resource, name: string): StatusError {
	return new StatusError(404, 'NotFound', `${qualified(resource)} "${name}" not found`, {name, group: resource.group || undefined, kind: resource.name});
}

export function alreadyExists(resource: Resource, name: string): StatusError {
	return new StatusError(409, 'AlreadyExists', `${qualified(resource)} "${name}" already exists`, {name, group: resource.group || undefined, kind: resource.name});
}

export function conflict(resource: Resource, name: string): StatusError {
	return new StatusError(
		409,
		'Conflict',
		`Operation cannot be fulfilled on ${qualified(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
		{name, group: resource.group || undefined, kind: resource.name},
	);
}

export function invalid(resource: Resource, name: string, field: string, message: string): StatusError {
	return new StatusError(422, 'Invalid', `${resource.kind} "${name}" is invalid: ${field}: ${message}`, {
		name,
		group: resource.group || undefined,
		kind: resource.kind,
		causes: [{reason: 'FieldValueInvalid', message, field}],
	});
}

export function forbidden(message: string, details?: StatusError['details']): StatusError {
	return new StatusError(403, 'Forbidden', message, details);
}

export function badRequest(message: string): StatusError {
	return new StatusError(400, 'BadRequest', message);
}

export function expired(requested: number, oldest: number): StatusError {
	return new StatusError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}
