import type {ObjectCheck, Playbook, Rule, Variant} from '../playbook/types.js';
import type {LogCondition} from './log-conditions.js';
import {LogPatterns} from './log-patterns.js';

export type CompiledRule = {rule: Rule; log: LogCondition | null};

/** What the role-missing check reads: bindings and the roles they name. */
export const roleKinds = ['ClusterRoleBinding', 'RoleBinding', 'ClusterRole', 'Role'];

export type CompiledPlaybook = {
	playbook: Playbook;
	rules: CompiledRule[];
	variants: Array<{variant: Variant; rules: CompiledRule[]}>;
};

/**
 * Playbooks compiled once: each playbook is filed under the index keys of its rules, per subject
 * kind, so a subject update only evaluates the playbooks its waiting reasons, terminated reasons,
 * exit codes, event reasons, node conditions or log hits could satisfy.
 *
 * Keys: `any`, `w:<waiting reason>`, `t:<terminated reason>`, `x:<exit code>`, `e:<event reason>`,
 * `e:*` (any event), `n:<condition>=<status>`, `log` (a matching log line). Kind `*` holds event
 * rules that apply to any involved kind.
 */
export class RuleIndex {
	readonly playbooks: CompiledPlaybook[];
	readonly logPatterns = new LogPatterns();
	readonly checks = new Set<ObjectCheck>();
	/** Some pod condition reads the pod's Deployment revision (firstRevision), so ReplicaSet changes matter to pods. */
	usesRevision = false;
	readonly #byKind = new Map<string, Map<string, number[]>>();
	readonly #storedKinds = new Set<string>();
	/** Per subject kind, the event reasons (`e:<reason>`, or `e:*` for any) that some event condition names, variants included. */
	readonly #eventKeys = new Map<string, Set<string>>();
	#anyKind = false;

	constructor(playbooks: readonly Playbook[]) {
		this.playbooks = playbooks.map((playbook, index) => {
			const rules = playbook.match.map(rule => this.#compile(rule, subjectKinds(rule)));
			for (const rule of playbook.match) this.#file(rule, index);
			// A variant refines its playbook's subjects: an event rule of a variant about "any kind" is about those.
			const kinds = [...new Set(playbook.match.flatMap(rule => subjectKinds(rule)))];
			const variantKinds = (rule: Rule) => (subjectKinds(rule).includes('*') && !kinds.includes('*') ? kinds : subjectKinds(rule));
			const variants = playbook.variants.map(variant => ({variant, rules: variant.match.map(rule => this.#compile(rule, variantKinds(rule)))}));
			return {playbook, rules, variants};
		});
		if (this.#storedKinds.has('Pod')) this.#storedKinds.add('ReplicaSet');
		if (this.checks.has('service-without-endpoints')) for (const kind of ['Service', 'Endpoints']) this.#storedKinds.add(kind);
		if (this.checks.has('ingress-class-missing')) for (const kind of ['Ingress', 'IngressClass']) this.#storedKinds.add(kind);
		if (this.checks.has('role-missing')) for (const kind of roleKinds) this.#storedKinds.add(kind);
	}

	/** Whether objects of this kind can matter to some rule (as a subject or for a check). */
	stores(kind: string): boolean {
		return this.#anyKind || this.#storedKinds.has(kind);
	}

	/** Whether an event with this reason about an object of this kind can satisfy some event condition. */
	eventCanMatter(kind: string, reason: string | undefined): boolean {
		for (const filed of [this.#eventKeys.get(kind), this.#eventKeys.get('*')]) {
			if (filed && (filed.has('e:*') || (reason !== undefined && filed.has(`e:${reason}`)))) return true;
		}
		return false;
	}

	/** Playbooks by index key for one subject kind (`*`: event rules about any kind). */
	keysFor(kind: string): ReadonlyMap<string, readonly number[]> | undefined {
		return this.#byKind.get(kind);
	}

	#compile(rule: Rule, kinds: string[]): CompiledRule {
		if (rule.object?.check) this.checks.add(rule.object.check);
		if (rule.pod?.firstRevision !== undefined) this.usesRevision = true;
		if (rule.event) this.#storedKinds.add('Event');
		for (const kind of kinds) {
			if (rule.event) {
				let keys = this.#eventKeys.get(kind);
				if (!keys) this.#eventKeys.set(kind, (keys = new Set()));
				for (const reason of rule.event.reason ?? ['*']) keys.add(`e:${reason}`);
			}
			if (kind === '*') this.#anyKind = true;
			else if (kind !== 'Text') this.#storedKinds.add(kind);
		}
		if (!rule.log) return {rule, log: null};
		const id = this.logPatterns.add(rule.log.pattern);
		return {rule, log: {rule: rule.log, id, pattern: this.logPatterns.patterns[id]}};
	}

	#file(rule: Rule, playbook: number): void {
		for (const kind of subjectKinds(rule)) {
			let keys = this.#byKind.get(kind);
			if (!keys) this.#byKind.set(kind, (keys = new Map()));
			for (const key of indexKeys(rule, kind)) {
				const list = keys.get(key) ?? [];
				if (!list.includes(playbook)) list.push(playbook);
				keys.set(key, list);
			}
		}
	}
}

/** The kinds a rule's subject can have (`*`: any kind an event can be about). */
export function subjectKinds(rule: Rule): string[] {
	if (rule.text) return ['Text'];
	if (rule.pod) return ['Pod'];
	if (rule.node) return ['Node'];
	if (rule.object) return [rule.object.kind];
	// A log-only rule also reads the lines of a text subject.
	if (rule.log) return rule.event ? ['Pod'] : ['Pod', 'Text'];
	if (rule.event) return rule.event.kind ?? ['*'];
	return [];
}

/** The most selective facet of a rule: a subject without any of these keys cannot satisfy it. */
function indexKeys(rule: Rule, kind: string): string[] {
	const {pod, event, node, log} = rule;
	if (pod?.waiting) return pod.waiting.map(reason => `w:${reason}`);
	if (pod?.terminated) return pod.terminated.map(reason => `t:${reason}`);
	if (pod?.exitCode) return pod.exitCode.map(code => `x:${code}`);
	if (event?.reason) return event.reason.map(reason => `e:${reason}`);
	if (event) return ['e:*'];
	if (node) return [`n:${node.condition}=${node.status}`];
	if (log && kind === 'Pod') return ['log'];
	return ['any'];
}
