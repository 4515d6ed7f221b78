// One watched cluster: the store kept equal to it, log evidence of failing containers, the
// live findings, and the output of failed steps matched with them (a few, however many
// sessions run steps). The console opens one per context; the SSH server shares one among sessions.
import type {Playbook} from '../core/playbook/types.js';
import {RecentTexts} from '../exec/recent-texts.js';
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
	/** Failed steps' output, matched by the findings; guided runs on this cluster feed it. */
	outputs: RecentTexts;
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
		outputs: new RecentTexts(findings),
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
