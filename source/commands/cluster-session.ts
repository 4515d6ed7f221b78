// A ConsoleSession over a live cluster: log streams from the API server, guided runs through
// the same executor, policy and audit log as `kconsole guide`, reports written to files.
import path from 'node:path';
import {createRun} from '../core/guide/guide-reducer.js';
import type {GuideState} from '../core/guide/guide-state.js';
import {defaultAuditLogPath} from '../exec/audit-log.js';
import {createClusterExecutor} from '../exec/cluster-executor.js';
import {exportReport} from '../exec/export-report.js';
import {createGuideSession} from '../exec/guide-session.js';
import {openLogStream} from '../kube/log-stream.js';
import type {ConsoleSession, TerminalCapabilities} from '../ui/console-session.js';
import type {LiveCluster} from './live-cluster.js';

export type ClusterSessionOptions = {
	readOnly: boolean;
	terminal: TerminalCapabilities;
	env: NodeJS.ProcessEnv;
	/** Where `r` writes incident reports; absent: reports cannot be written from this session. */
	reportDirectory?: string;
	auditFile?: string;
	banner?: string;
	switchContext?: ConsoleSession['switchContext'];
	/** Namespace switching restarts the shared watches: only for a session that owns them. */
	ownsWatches?: boolean;
};

export function createClusterSession(live: LiveCluster, options: ClusterSessionOptions): ConsoleSession {
	const {target, store, findings, outputs} = live;
	const mode = options.readOnly ? 'read-only' : 'read-write';
	const executor = createClusterExecutor({mode, target, store, findings, auditFile: options.auditFile ?? defaultAuditLogPath(options.env)});
	const reportDirectory = options.reportDirectory;
	return {
		target: {context: target.context, server: target.server, readOnly: options.readOnly},
		store,
		findings,
		playbooks: live.playbooks,
		terminal: options.terminal,
		banner: options.banner,
		openLogs: (ref, query) => openLogStream(target, ref, query),
		startGuide(finding, playbook) {
			const run = createRun({playbook, finding, mode, context: {context: target.context, namespace: finding.namespace ?? target.namespace}, now: Date.now()});
			return createGuideSession({run, executor, findings, outputs});
		},
		setNamespace: options.ownsWatches === false ? undefined : namespace => live.watch.setNamespace(namespace),
		switchContext: options.switchContext,
		writeReport: reportDirectory === undefined ? undefined : async (state: GuideState) => exportReport(state, path.join(reportDirectory, reportName(state))),
	};
}

/** `kconsole-report-image-pull-20240501-121000.md`: short enough to read in the message line. */
function reportName(state: GuideState): string {
	const stamp = new Date(state.finishedAt ?? Date.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `kconsole-report-${state.playbook.id}-${stamp}.md`;
}
