// One watched cluster: the store kept equal to it, log evidence of failing containers, and
// the live findings. The console opens one per context; the SSH server shares one among sessions.
import type {Playbook} from '../core/playbook/types.js';
import {ClusterStore} from '../kube/cluster-store.js';
import type {KubeTarget} from '../kube/kube-target.js';
import {LiveFindings} from '../kube/live-findings.js';
import {LogEvidence} from '../kube/log-evidence.js';
import {watchCluster, type ClusterWatch} from '../kube/watch-cluster.js';

export type LiveCluster = {
	target: KubeTarget;
	store: ClusterStore;
	watch: ClusterWatch;
	findings: LiveFindings;
	playbooks: Playbook[];
	stop(): Promise<void>;
};

export function startLiveCluster(target: KubeTarget, playbooks: Playbook[]): LiveCluster {
	const store = new ClusterStore();
	const watch = watchCluster(target, store);
	const evidence = new LogEvidence(target);
	const findings = new LiveFindings(store, playbooks, {evidence});
	let stopped: Promise<void> | undefined;
	return {
		target,
		store,
		watch,
		findings,
		playbooks,
		stop() {
			stopped ??= (async () => {
				findings.stop();
				evidence.stop();
				await watch.stop();
				store.close();
			})();
			return stopped;
		},
	};
}
