// One complete look at the cluster for `diagnose`: every watched kind listed once, then the
// recent logs of failing containers. A kind we may not list is a problem to report, not a failure.
import type {ContainerLog} from '../core/match/types.js';
import {watchedKinds, type KubeObject, type Pod, type WatchedKind} from '../core/objects/types.js';
import {UserError} from '../commands/command.js';
import {ClusterStore} from './cluster-store.js';
import {describeCause, describeConnectionError} from './connection-error.js';
import {collectionPath, kindResources} from './kind-resources.js';
import {KubeApiError} from './kube-request.js';
import type {KubeTarget} from './kube-target.js';
import {listObjects} from './list-objects.js';
import {LogEvidence, type EvidenceOptions} from './log-evidence.js';
import {serviceAccountsWithMissingRoles} from './rbac-suspects.js';

export type SyncProblem = {kind: WatchedKind; status: 'forbidden' | 'error'; message: string};

export type SyncResult = {
	objects: KubeObject[];
	logs: ContainerLog[];
	/** Kinds that could not be listed, and why. */
	problems: SyncProblem[];
	/** Kinds listed completely: an object of these kinds that is not in `objects` does not exist. */
	listedKinds: WatchedKind[];
};

export type SyncOptions = {kinds?: readonly WatchedKind[]; logs?: boolean; evidence?: EvidenceOptions; timeoutMs?: number};

export async function syncOnce(target: KubeTarget, options: SyncOptions = {}): Promise<SyncResult> {
	const kinds = options.kinds ?? watchedKinds;
	const namespace = target.allNamespaces ? null : target.namespace;
	const store = new ClusterStore();
	const problems: SyncProblem[] = [];
	const failures: unknown[] = [];
	await Promise.all(
		kinds.map(async kind => {
			try {
				const listed = await listObjects(target, collectionPath(kindResources[kind], namespace), {timeoutMs: options.timeoutMs ?? 30_000});
				store.replaceKind(kind, listed.items);
				store.setConnection(kind, {status: 'live'});
			} catch (error) {
				failures.push(error);
				const forbidden = error instanceof KubeApiError && error.status === 403;
				problems.push({kind, status: forbidden ? 'forbidden' : 'error', message: forbidden ? (error as KubeApiError).message : describeCause(error, target)});
			}
		}),
	);
	if (failures.length === kinds.length && !failures.some(error => error instanceof KubeApiError && error.status === 403)) {
		throw new UserError(describeConnectionError(failures[0], target));
	}
	problems.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
	const listedKinds = kinds.filter(kind => store.connection(kind).status === 'live');
	let logs: ContainerLog[] = [];
	if (options.logs !== false) {
		const evidence = new LogEvidence(target, options.evidence);
		// A missing role is only known when roles could be listed.
		if (listedKinds.includes('ClusterRole') && listedKinds.includes('ClusterRoleBinding')) {
			evidence.setRbacSuspects(serviceAccountsWithMissingRoles(store.list('ClusterRoleBinding'), store.list('ClusterRole')));
		}
		for (const pod of store.list('Pod')) evidence.update(pod as Pod);
		await evidence.idle();
		logs = evidence.logs();
		evidence.stop();
	}
	store.close();
	return {objects: store.allObjects(), logs, problems, listedKinds};
}
