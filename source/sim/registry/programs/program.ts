import type {Container} from '../../../core/objects/types.js';

// What a simulated image does when the kubelet starts it: from the container spec and the
// world (DNS, services) a program decides what it logs, whether it becomes ready, and
// whether and when it exits. Programs are pure: the kubelet runs the plan on the clock.

export type Lookup = {ok: true; ip: string; endpoints: number} | {ok: false; error: string};

export type ProgramContext = {
	namespace: string;
	pod: string;
	container: Container;
	podIP: string;
	node: string;
	/** command + args resolved against the image's entrypoint and cmd, as the runtime execs them. */
	argv: string[];
	env: Record<string, string>;
	/** Wall-clock time (ms since epoch) the process starts. */
	startedAt: number;
	/** Wall-clock time `offsetMs` simulated milliseconds after the start (clock speed applied), for timestamps in log lines. */
	at(offsetMs: number): number;
	restartCount: number;
	security: {runAsUser: number; allowPrivilegeEscalation: boolean; capabilities: Set<string>};
	/** Resolve a name through cluster DNS from this pod, as its resolver would (search path of its namespace). */
	lookup(name: string): Lookup;
};

export type LogLine = {at: number; text: string};

export type ProgramRun = {
	/** Lines written at `at` ms after start. */
	lines: LogLine[];
	/** Ready this long after start (the readiness probe first passes); none: never ready. */
	readyAfter?: number;
	/** The process exits; lines after `at` are not written. */
	exit?: {at: number; code: number};
	/** The process grows to this working set at `at` ms: above the memory limit the kernel kills it. */
	peakMemory?: {bytes: number; at: number};
	/** An occasional line while it runs (access logs, heartbeats). */
	chatter?: (now: number) => string;
};

export type ImageProgram = {
	/** Commands on the image's PATH and absolute paths that exist (for exec errors). */
	binaries: string[];
	entrypoint: string[];
	cmd: string[];
	workdir: string;
	/** Files in the working directory (scripts an interpreter can open). */
	files?: string[];
	/** The image's USER (0 = root). */
	user: number;
	run(context: ProgramContext): ProgramRun;
};

/** `2025/01/15 10:23:45`: Go's log package. */
export function goLogTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ');
}

/** `I0115 10:23:45.123456       1 file.go:123] `: klog's header. */
export function klogPrefix(level: 'I' | 'W' | 'E', ms: number, source: string): string {
	const iso = new Date(ms).toISOString();
	const micros = `${iso.slice(20, 23)}${String(Math.floor((ms % 1) * 1000)).padStart(3, '0')}`;
	return `${level}${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${micros}       1 ${source}] `;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jan` (Intl's formatting is far too slow for log floods). */
export function monthName(date: Date): string {
	return months[date.getUTCMonth()];
}

/** `15/Jan/2025:10:23:45 +0000`: nginx's and Apache's access log time. */
export function accessLogTime(ms: number): string {
	const date = new Date(ms);
	return `${String(date.getUTCDate()).padStart(2, '0')}/${monthName(date)}/${date.getUTCFullYear()}:${date.toISOString().slice(11, 19)} +0000`;
}

/** `2025-01-15T10:23:45Z`: RFC 3339 seconds. */
export function rfc3339(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** An address inside the pod network for a fake client (kube-probe, the ingress controller). */
export function clientAddress(seed: number): string {
	return `10.244.${seed % 2}.${(seed % 200) + 2}`;
}

export function pick<T>(items: readonly T[], seed = Math.random()): T {
	return items[Math.floor(seed * items.length) % items.length];
}

/** Lines at a steady pace: the first at `start`, one every `step` ms. */
export function paced(start: number, step: number, texts: string[]): LogLine[] {
	return texts.map((text, index) => ({at: start + index * step, text}));
}

export const mebibyte = 1024 * 1024;
