// Socket and resolver errors in the words a person debugging a tunnel needs.

const words: Record<string, string> = {
	ECONNREFUSED: 'connection refused (nothing listens there, or a firewall rejects it)',
	ECONNRESET: 'the connection was reset by the other side',
	EHOSTUNREACH: 'no route to the host',
	ENETUNREACH: 'the network is unreachable',
	ETIMEDOUT: 'the connection timed out',
	ENOTFOUND: 'the name does not resolve (NXDOMAIN)',
	EAI_AGAIN: 'the name could not be resolved right now (DNS server unreachable?)',
	ENODATA: 'the name exists but has no address of that type',
	ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
	EREFUSED: 'the DNS server refused the query',
	ETIMEOUT: 'the DNS server did not answer',
	EPIPE: 'the connection was closed while writing',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'the server\'s TLS certificate is self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'the server\'s TLS certificate chain has a self-signed certificate (a proxy intercepting TLS?)',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server\'s TLS certificate cannot be verified',
	CERT_HAS_EXPIRED: 'the server\'s TLS certificate has expired',
	ERR_TLS_CERT_ALTNAME_INVALID: 'the server\'s TLS certificate is for another name',
};

export function describeNetworkError(error: unknown): string {
	const {code, message} = error as NodeJS.ErrnoException;
	if (code && words[code]) return words[code];
	return message || String(error);
}
