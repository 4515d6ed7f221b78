// A fix must reach the cluster the user is looking at, whatever kubectl's own defaults or the
// shell's $KUBECONFIG say: the session's kubeconfig and context are added to every kubectl
// argv, and a command that picks another target itself is refused.
import path from 'node:path';
import {flagValue} from '../core/command/kubectl-argv.js';
import type {KubeTarget} from '../kube/kube-target.js';

export type KubectlTarget = Pick<KubeTarget, 'context' | 'kubeconfigPaths' | 'origin'>;

export type TargetedCommand = {ok: true; argv: string[]; env: Record<string, string>} | {ok: false; error: string};

// Flags that point kubectl at another cluster or identity than the session's context.
const retargetingFlags: Array<{long: string; short?: string}> = [{long: 'cluster'}, {long: 'server', short: 's'}, {long: 'user'}];

export function targetArgv(argv: string[], target: KubectlTarget): TargetedCommand {
	if (argv[0] !== 'kubectl') return {ok: false, error: 'not a kubectl command'};
	const context = flagValue(argv, {long: 'context'});
	if (context !== undefined && context !== target.context) {
		return {ok: false, error: `the command names context "${context}", but this session targets "${target.context}": kconsole only runs fixes against the cluster you are looking at (start kconsole with --context ${context} for that one)`};
	}
	const kubeconfig = flagValue(argv, {long: 'kubeconfig'});
	if (kubeconfig !== undefined && !(target.kubeconfigPaths.length === 1 && path.resolve(kubeconfig) === target.kubeconfigPaths[0])) {
		return {ok: false, error: `the command names kubeconfig "${kubeconfig}", which is not this session's: kconsole only runs fixes against the cluster you are looking at (start kconsole with --kubeconfig for that one)`};
	}
	for (const flag of retargetingFlags) {
		if (flagValue(argv, flag) !== undefined) {
			return {ok: false, error: `the command sets --${flag.long}, which would send it elsewhere than this session's context "${target.context}"`};
		}
	}
	// In-cluster and kubectl's own localhost fallback have no kubeconfig context to name.
	if (target.origin === 'in-cluster' || target.origin === 'none') return {ok: true, argv: [...argv], env: {}};
	const session: string[] = [];
	const env: Record<string, string> = {};
	// --kubeconfig takes one file; several merged files travel as $KUBECONFIG, as kubectl reads it.
	if (target.kubeconfigPaths.length === 1) session.push(`--kubeconfig=${target.kubeconfigPaths[0]}`);
	else if (target.kubeconfigPaths.length > 1) env.KUBECONFIG = target.kubeconfigPaths.join(path.delimiter);
	session.push(`--context=${target.context}`);
	return {ok: true, argv: [argv[0], ...session, ...argv.slice(1)], env};
}
