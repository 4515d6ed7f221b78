import test from 'ava';
import {decodeKubernetesProtobuf} from '../../../source/sim/server/protobuf.js';

// A minimal protobuf writer for the test: (field, value) pairs, nested messages as arrays.
type Value = string | number | Buffer | Field[];
type Field = [number, Value];

function varint(value: number): Buffer {
	const bytes: number[] = [];
	do {
		let byte = value % 128;
		value = Math.floor(value / 128);
		if (value > 0) byte |= 0x80;
		bytes.push(byte);
	} while (value > 0);
	return Buffer.from(bytes);
}

function encode(fields: Field[]): Buffer {
	return Buffer.concat(
		fields.map(([number, value]) => {
			if (typeof value === 'number') return Buffer.concat([varint(number * 8), varint(value)]);
			const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.isBuffer(value) ? value : encode(value);
			return Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);
		}),
	);
}

function envelope(apiVersion: string, kind: string, object: Field[]): Buffer {
	return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), encode([[1, [[1, apiVersion], [2, kind]]], [2, encode(object)]])]);
}

test('a ConfigMap from kubectl create configmap: metadata, data map, zero values left out', t => {
	const body = envelope('v1', 'ConfigMap', [
		[1, [[1, 'settings'], [2, ''], [3, 'shop'], [7, 0], [8, []], [11, [[1, 'app'], [2, 'web']]]]],
		[2, [[1, 'mode'], [2, 'fast']]],
		[2, [[1, 'empty']]],
	]);
	t.deepEqual(decodeKubernetesProtobuf(body), {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: 'settings', namespace: 'shop', labels: {app: 'web'}},
		data: {mode: 'fast', empty: ''},
	});
});

test('a Deployment keeps pointer fields set to zero (replicas: 0) and int-or-string values', t => {
	const body = envelope('apps/v1', 'Deployment', [
		[1, [[1, 'web']]],
		[2, [[1, 0], [4, [[1, 'RollingUpdate'], [2, [[1, [[1, 1], [3, '25%']]]]]]], [3, [[2, [[2, [[1, 'app'], [2, 'nginx:1.27'], [6, [[3, 80]]]]]]]]]]],
	]);
	const decoded = decodeKubernetesProtobuf(body) as any;
	t.is(decoded.spec.replicas, 0);
	t.deepEqual(decoded.spec.strategy, {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%'}});
	t.deepEqual(decoded.spec.template.spec.containers, [{name: 'app', image: 'nginx:1.27', ports: [{containerPort: 80}]}]);
});

test('a SelfSubjectAccessReview from kubectl auth can-i', t => {
	const body = envelope('authorization.k8s.io/v1', 'SelfSubjectAccessReview', [[1, []], [2, [[1, [[1, 'default'], [2, 'list'], [5, 'pods']]]]]]);
	t.deepEqual((decodeKubernetesProtobuf(body) as any).spec, {resourceAttributes: {namespace: 'default', verb: 'list', resource: 'pods'}});
});

test('unknown kinds and bodies without the envelope are 415 Unsupported Media Type', t => {
	t.is((t.throws(() => decodeKubernetesProtobuf(envelope('batch/v1', 'Job', []))) as any).code, 415);
	t.is((t.throws(() => decodeKubernetesProtobuf(Buffer.from('{"kind":"Pod"}'))) as any).code, 415);
});
