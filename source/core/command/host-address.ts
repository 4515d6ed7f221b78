// Host names, IP addresses and ports as people write them in proxies, registries and URLs.

export function isPort(value: string): boolean {
	return /^[1-9]\d{0,4}$/.test(value) && Number(value) <= 65_535;
}

export function isIPv4(value: string): boolean {
	return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(value);
}

export function isIPv6(value: string): boolean {
	if (!/^[\dA-Fa-f:.]+$/.test(value)) return false;
	let groups = value;
	const lastColon = value.lastIndexOf(':');
	if (lastColon === -1) return false;
	// An IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
	if (value.includes('.')) {
		if (!isIPv4(value.slice(lastColon + 1))) return false;
		groups = `${value.slice(0, lastColon + 1)}0:0`;
	}
	const halves = groups.split('::');
	if (halves.length > 2) return false;
	const words = halves.flatMap(half => (half === '' ? [] : half.split(':')));
	if (!words.every(word => /^[\dA-Fa-f]{1,4}$/.test(word))) return false;
	return halves.length === 2 ? words.length <= 7 : words.length === 8;
}

export function isHostName(value: string): boolean {
	// Dotted numbers are an IPv4 address or nothing.
	if (/^[\d.]+$/.test(value)) return false;
	return value.length <= 253 && value.split('.').every(label => label.length <= 63 && /^[A-Za-z\d](?:[A-Za-z\d-]*[A-Za-z\d])?$/.test(label));
}

/** host:port with the host a name, an IPv4 address or an [IPv6] address. */
export function isAddress(value: string): boolean {
	if (value.startsWith('[')) {
		const close = value.indexOf(']:');
		return close !== -1 && isIPv6(value.slice(1, close)) && isPort(value.slice(close + 2));
	}
	const colon = value.lastIndexOf(':');
	if (colon === -1) return false;
	const hostPart = value.slice(0, colon);
	return (isHostName(hostPart) || isIPv4(hostPart)) && isPort(value.slice(colon + 1));
}
