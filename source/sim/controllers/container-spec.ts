import type {Container, KubeObject} from '../../core/objects/types.js';
import type {ImageProgram} from '../registry/programs/program.js';

// How the container runtime reads a container spec against its image: the argv it execs,
// the effective user and capabilities, the environment, and the memory limit.

/** containerd's default capability set for a container. */
const defaultCapabilities = ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];

/** command replaces the image's ENTRYPOINT, args its CMD (Kubernetes' rules). */
export function resolveArgv(container: Container, image: ImageProgram): string[] {
	const entrypoint = container.command ?? image.entrypoint;
	const args = container.args ?? (container.command ? [] : image.cmd);
	return [...entrypoint, ...args];
}

/** runc's error when the executable is missing, or undefined when it exists. */
export function execError(argv: string[], image: ImageProgram): string | undefined {
	const executable = argv[0];
	if (!executable) return 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown';
	const prefix = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: ';
	if (executable.includes('/')) {
		const known = image.binaries.includes(executable) || (image.files ?? []).some(file => `${image.workdir}/${file}` === executable);
		return known ? undefined : `${prefix}"${executable}": stat ${executable}: no such file or directory: unknown`;
	}
	return image.binaries.includes(executable) ? undefined : `${prefix}"${executable}": executable file not found in $PATH: unknown`;
}

export type EffectiveSecurity = {runAsUser: number; runAsNonRoot: boolean; userSet: boolean; allowPrivilegeEscalation: boolean; capabilities: Set<string>};

export function effectiveSecurity(pod: KubeObject, container: Container, image: ImageProgram): EffectiveSecurity {
	const podContext = (pod.spec?.securityContext ?? {}) as Record<string, any>;
	const context = (container.securityContext ?? {}) as Record<string, any>;
	const user = context.runAsUser ?? podContext.runAsUser;
	const capabilities = new Set(defaultCapabilities);
	const drop: string[] = (context.capabilities?.drop ?? []).map(normalizeCapability);
	const add: string[] = (context.capabilities?.add ?? []).map(normalizeCapability);
	if (drop.includes('ALL')) capabilities.clear();
	for (const name of drop) capabilities.delete(name);
	for (const name of add) capabilities.add(name);
	if (context.privileged) for (const name of [...defaultCapabilities, 'SYS_ADMIN', 'NET_ADMIN']) capabilities.add(name);
	return {
		runAsUser: typeof user === 'number' ? user : image.user,
		userSet: typeof user === 'number',
		runAsNonRoot: Boolean(context.runAsNonRoot ?? podContext.runAsNonRoot),
		allowPrivilegeEscalation: context.allowPrivilegeEscalation ?? true,
		capabilities,
	};
}

/** The kubelet's CreateContainerConfigError for runAsNonRoot, or undefined. */
export function nonRootError(security: EffectiveSecurity, podDescription: string, containerName: string): string | undefined {
	if (!security.runAsNonRoot || security.runAsUser !== 0) return undefined;
	return security.userSet
		? `container's runAsUser breaks non-root policy (pod: "${podDescription}", container: ${containerName})`
		: `container has runAsNonRoot and image will run as root (pod: "${podDescription}", container: ${containerName})`;
}

function normalizeCapability(name: string): string {
	return name.toUpperCase().replace(/^CAP_/, '');
}

export function environment(container: Container): Record<string, string> {
	const env: Record<string, string> = {};
	for (const variable of container.env ?? []) if (variable.value !== undefined) env[variable.name] = variable.value;
	return env;
}

const units: Record<string, number> = {Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1};

/** A memory quantity in bytes (`256Mi`, `1Gi`, `500M`, `1e9`), or undefined. */
export function parseMemory(quantity: string | undefined): number | undefined {
	if (!quantity) return undefined;
	const match = /^(\d+(?:\.\d+)?(?:e\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T|)$/.exec(String(quantity).trim());
	return match ? Number(match[1]) * units[match[2]] : undefined;
}

/** BestEffort, Burstable or Guaranteed, as the API server sets status.qosClass. */
export function qosClass(pod: KubeObject): string {
	const containers: Container[] = pod.spec?.containers ?? [];
	let any = false;
	let guaranteed = containers.length > 0;
	for (const container of containers) {
		const {requests = {}, limits = {}} = container.resources ?? {};
		if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
		for (const resource of ['cpu', 'memory']) {
			if (!limits[resource] || (requests[resource] && requests[resource] !== limits[resource])) guaranteed = false;
		}
	}
	return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `name_namespace(uid)`: how kubelet messages name a pod. */
export function podDescription(pod: KubeObject): string {
	return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

/** Go's time.Duration text for whole seconds: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m${seconds % 60}s`;
	return `${Math.floor(minutes / 60)}h${minutes % 60}m${seconds % 60}s`;
}

/** Go's Duration.Truncate(time.Millisecond) text: 812ms, 1.393s, 1m1.5s. */
export function goDurationMs(ms: number): string {
	const whole = Math.floor(ms);
	if (whole < 1000) return `${whole}ms`;
	const seconds = whole / 1000;
	if (seconds < 60) return `${trimZeros(seconds.toFixed(3))}s`;
	const minutes = Math.floor(seconds / 60);
	return `${minutes}m${trimZeros((seconds - minutes * 60).toFixed(3))}s`;
}

function trimZeros(text: string): string {
	return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
