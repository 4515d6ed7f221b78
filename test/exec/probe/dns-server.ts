// A tiny authoritative DNS server over UDP on loopback: enough for the dns probe to ask it A
// and AAAA questions. Unknown names get NXDOMAIN; known names without IPv6 get no AAAA answer.
import dgram from 'node:dgram';
import type {AddressInfo} from 'node:net';

export type DnsServer = {port: number; questions: string[]; close(): Promise<void>};

export async function startDnsServer(records: Record<string, string>): Promise<DnsServer> {
	const socket = dgram.createSocket('udp4');
	const questions: string[] = [];
	socket.on('message', (query, peer) => {
		const {name, type, end} = readQuestion(query);
		questions.push(`${name} ${type === 1 ? 'A' : type === 28 ? 'AAAA' : type}`);
		const address = records[name.toLowerCase()];
		const header = Buffer.alloc(12);
		query.copy(header, 0, 0, 2);
		// QR, opcode 0, AA, RD copied; RCODE 3 (NXDOMAIN) for names we do not know.
		header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (address === undefined ? 3 : 0), 2);
		header.writeUInt16BE(1, 4);
		const answers = address !== undefined && type === 1 ? [answerA(address)] : [];
		header.writeUInt16BE(answers.length, 6);
		socket.send(Buffer.concat([header, query.subarray(12, end), ...answers]), peer.port, peer.address);
	});
	await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve));
	return {
		port: (socket.address() as AddressInfo).port,
		questions,
		close: async () => new Promise(resolve => socket.close(() => resolve())),
	};
}

function readQuestion(query: Buffer): {name: string; type: number; end: number} {
	const labels: string[] = [];
	let offset = 12;
	while (query[offset] !== 0) {
		const length = query[offset];
		labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
		offset += length + 1;
	}
	offset++;
	return {name: labels.join('.'), type: query.readUInt16BE(offset), end: offset + 4};
}

function answerA(address: string): Buffer {
	const answer = Buffer.alloc(16);
	// A pointer to the question's name at offset 12.
	answer.writeUInt16BE(0xc00c, 0);
	answer.writeUInt16BE(1, 2);
	answer.writeUInt16BE(1, 4);
	answer.writeUInt32BE(30, 6);
	answer.writeUInt16BE(4, 10);
	address.split('.').forEach((part, index) => answer.writeUInt8(Number(part), 12 + index));
	return answer;
}
