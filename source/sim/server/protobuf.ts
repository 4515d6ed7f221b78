// Decodes the protobuf bodies kubectl's typed clients send (Content-Type
// application/vnd.kubernetes.protobuf): the `k8s\0` envelope around runtime.Unknown, then the
// object by the field numbers in protobuf-schemas.ts. Answers are always JSON, which client-go accepts.
import {StatusError} from '../store/status-error.js';
import {type FieldType, type Message, messages} from './protobuf-schemas.js';

const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Raw = {wire: number; value: number | Buffer};

const zeroTime = '0001-01-01T00:00:00Z';

export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
	if (body.length < 4 || !body.subarray(0, 4).equals(magic)) throw unsupported('the body is not a Kubernetes protobuf envelope');
	const unknown = fields(body.subarray(4));
	const typeMeta = fields(bytesOf(unknown.get(1)?.[0]));
	const apiVersion = bytesOf(typeMeta.get(1)?.[0]).toString('utf8');
	const kind = bytesOf(typeMeta.get(2)?.[0]).toString('utf8');
	const schema = messages[`${apiVersion}/${kind}`];
	if (!schema) throw unsupported(`protobuf bodies of ${apiVersion}/${kind} are not understood by the simulated cluster; send JSON`);
	return {apiVersion, kind, ...decodeMessage(bytesOf(unknown.get(2)?.[0]), schema)};
}

function unsupported(message: string): StatusError {
	return new StatusError(415, 'UnsupportedMediaType', message);
}

function bytesOf(raw: Raw | undefined): Buffer {
	return raw && Buffer.isBuffer(raw.value) ? raw.value : Buffer.alloc(0);
}

function decodeMessage(buffer: Buffer, schema: Message): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [number, values] of fields(buffer)) {
		const field = schema[number];
		if (!field) continue;
		if (field.map) {
			const map: Record<string, unknown> = {};
			for (const entry of values) {
				const pair = fields(bytesOf(entry));
				map[bytesOf(pair.get(1)?.[0]).toString('utf8')] = pair.has(2) ? decodeValue(pair.get(2)![0], field.type) : emptyValue(field.type);
			}
			result[field.name] = map;
		} else if (field.repeated) {
			result[field.name] = values.flatMap(value => (value.wire === 2 && field.type === 'int' ? packedVarints(bytesOf(value)) : [decodeValue(value, field.type)]));
		} else {
			const value = decodeValue(values.at(-1)!, field.type);
			// Go's encoder writes every non-pointer field; JSON would have omitted the zero values.
			if (field.pointer || !isZero(value)) result[field.name] = value;
		}
	}
	return result;
}

function isZero(value: unknown): boolean {
	return value === '' || value === 0 || value === false || value === null || value === zeroTime;
}

function emptyValue(type: FieldType): unknown {
	return type === 'string' || type === 'bytes' ? '' : type === 'int' ? 0 : null;
}

function decodeValue(raw: Raw, type: FieldType): unknown {
	if (typeof type === 'object') return decodeMessage(bytesOf(raw), type);
	switch (type) {
		case 'string':
			return bytesOf(raw).toString('utf8');
		case 'bytes':
			return bytesOf(raw).toString('base64');
		case 'int':
			return typeof raw.value === 'number' ? raw.value : 0;
		case 'bool':
			return raw.value === 1;
		case 'quantity':
			return bytesOf(fields(bytesOf(raw)).get(1)?.[0]).toString('utf8');
		case 'time': {
			const time = fields(bytesOf(raw));
			const seconds = time.get(1)?.[0]?.value;
			if (typeof seconds !== 'number' || seconds <= 0 || seconds > 1e11) return zeroTime;
			return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
		}
		case 'intOrString': {
			const parts = fields(bytesOf(raw));
			const isString = parts.get(1)?.[0]?.value === 1;
			return isString ? bytesOf(parts.get(3)?.[0]).toString('utf8') : (parts.get(2)?.[0]?.value ?? 0);
		}
	}
}

function packedVarints(buffer: Buffer): number[] {
	const values: number[] = [];
	for (let offset = 0; offset < buffer.length; ) {
		const [value, next] = varint(buffer, offset);
		values.push(value);
		offset = next;
	}
	return values;
}

function fields(buffer: Buffer): Map<number, Raw[]> {
	const result = new Map<number, Raw[]>();
	let offset = 0;
	while (offset < buffer.length) {
		const [key, afterKey] = varint(buffer, offset);
		const number = Math.floor(key / 8);
		const wire = key % 8;
		let value: number | Buffer;
		switch (wire) {
			case 0:
				[value, offset] = varint(buffer, afterKey);
				break;
			case 1:
				value = Number(buffer.readBigInt64LE(afterKey));
				offset = afterKey + 8;
				break;
			case 2: {
				const [length, start] = varint(buffer, afterKey);
				value = buffer.subarray(start, start + length);
				offset = start + length;
				break;
			}
			case 5:
				value = buffer.readInt32LE(afterKey);
				offset = afterKey + 4;
				break;
			default:
				throw unsupported(`malformed protobuf body (wire type ${wire})`);
		}
		const list = result.get(number) ?? [];
		list.push({wire, value});
		result.set(number, list);
	}
	return result;
}

function varint(buffer: Buffer, start: number): [number, number] {
	let result = 0;
	let multiplier = 1;
	let offset = start;
	for (;;) {
		if (offset >= buffer.length) throw unsupported('malformed protobuf body (truncated varint)');
		const byte = buffer[offset++];
		result += (byte & 0x7f) * multiplier;
		if (byte < 0x80) return [result, offset];
		multiplier *= 128;
	}
}
