// The executor for a watched cluster, built one way for `kconsole guide` and the console: the
// target's kubectl, its store and findings for wait steps, a fresh read of the API server for
// rollout waits (a watch a moment behind a write must not pass them), and the audit log.
import type {Mode} from '../core/command/policy.js';
import type {ClusterStore} from '../kube/cluster-store.js';
import type {KubeTarget} from '../kube/kube-target.js';
import {readObject} from '../kube/read-object.js';
import {openAuditLog} from './audit-log.js';
import {createExecutor, type Executor} from './executor.js';
import type {FindingsSource} from './wait/run-wait.js';

export type ClusterExecutorOptions = {
	mode: Mode;
	target: KubeTarget;
	store: ClusterStore;
	findings: FindingsSource;
	auditFile: string;
};

export function createClusterExecutor({mode, target, store, findings, auditFile}: ClusterExecutorOptions): Executor {
	return createExecutor({mode, target, store, findings, audit: openAuditLog(auditFile), fresh: async (kind, namespace, name) => readObject(target, kind, namespace, name)});
}
