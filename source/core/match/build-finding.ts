import {fillText} from '../command/placeholders.js';
import type {KubeObject, Pod} from '../objects/types.js';
import type {Finding} from './types.js';
import {evaluateRule} from './evaluate-rule.js';
import {containerImage} from './pod-conditions.js';
import type {RuleMatch} from './rule-match.js';
import type {CompiledPlaybook, CompiledRule} from './rule-index.js';
import type {ObjectStore, SubjectContext} from './subject.js';

/** A finding with what orders it: its playbook's priority and its variant's position. */
export type RankedFinding = {finding: Finding; priority: number; rank: number};

export const evidenceLimit = 5;
const summaryLimit = 200;

/** The playbook's finding for this subject, or null when none of its rules holds. */
export function evaluatePlaybook(compiled: CompiledPlaybook, context: SubjectContext): RankedFinding | null {
	const matches = holding(compiled.rules, context);
	if (matches.length === 0) return null;
	let variantIndex = -1;
	let variantMatches: RuleMatch[] = [];
	for (const [index, {rules}] of compiled.variants.entries()) {
		variantMatches = holding(rules, context);
		if (variantMatches.length > 0) {
			variantIndex = index;
			break;
		}
	}
	const {playbook} = compiled;
	const variant = variantIndex >= 0 ? compiled.variants[variantIndex].variant : null;
	const all = [...matches, ...variantMatches];
	const container = all.find(match => match.container !== null)?.container ?? null;
	const captures = builtinCaptures(context, container);
	for (const match of all) Object.assign(captures, match.captures);
	const finding: Finding = {
		playbook: playbook.id,
		variant: variant?.id ?? null,
		severity: playbook.severity,
		namespace: context.namespace,
		kind: context.kind,
		name: context.name,
		container,
		summary: oneLine(fillText(variant?.summary ?? (playbook.summary || playbook.title), captures)),
		evidence: mergeEvidence(
			matches.flatMap(match => match.evidence),
			variantMatches.flatMap(match => match.evidence),
		),
		captures,
	};
	return {finding, priority: playbook.priority, rank: variantIndex >= 0 ? variantIndex : compiled.variants.length};
}

function holding(rules: CompiledRule[], context: SubjectContext): RuleMatch[] {
	const matches: RuleMatch[] = [];
	for (const rule of rules) {
		const match = evaluateRule(rule, context);
		if (match) matches.push(match);
	}
	return matches;
}

function builtinCaptures(context: SubjectContext, container: string | null): Record<string, string> {
	const {kind, namespace, name, object} = context;
	const captures: Record<string, string> = {kind, name};
	if (namespace) captures.namespace = namespace;
	if (kind === 'Namespace') captures.namespace = name;
	if (kind === 'Node') captures.node = name;
	if (kind === 'Deployment') captures.deployment = name;
	if (kind === 'ReplicaSet' && object) setIf(captures, 'deployment', ownerName(object, 'Deployment'));
	if (kind === 'Pod') {
		captures.pod = name;
		const pod = object as Pod | null;
		setIf(captures, 'node', pod?.spec?.nodeName);
		if (pod) setIf(captures, 'deployment', podDeployment(pod, context.store));
		if (container !== null) {
			captures.container = container;
			setIf(captures, 'image', containerImage(context, container));
		}
	}
	return captures;
}

/**
 * Pod → ReplicaSet → Deployment through ownerReferences when the ReplicaSet is known; otherwise the
 * ReplicaSet name without its `-<pod-template-hash>` suffix.
 */
export function podDeployment(pod: Pod, store: ObjectStore): string | undefined {
	const replicaSet = pod.metadata.ownerReferences?.find(owner => owner.kind === 'ReplicaSet')?.name;
	if (!replicaSet) return undefined;
	const known = store.lookup('ReplicaSet', pod.metadata.namespace ?? null, replicaSet);
	if (known) return ownerName(known, 'Deployment');
	const hash = pod.metadata.labels?.['pod-template-hash'];
	return hash && replicaSet.endsWith(`-${hash}`) ? replicaSet.slice(0, -(hash.length + 1)) : undefined;
}

function ownerName(object: KubeObject, kind: string): string | undefined {
	return object.metadata.ownerReferences?.find(owner => owner.kind === kind)?.name;
}

function setIf(captures: Record<string, string>, name: string, value: string | undefined): void {
	if (value) captures[name] = value;
}

function oneLine(text: string): string {
	const line = text.replaceAll(/\s*[\r\n]+\s*/g, ' ').trim();
	return line.length > summaryLimit ? `${line.slice(0, summaryLimit - 1)}…` : line;
}

/** Deduplicated and capped, keeping at least one line of the variant's own evidence. */
function mergeEvidence(base: string[], extra: string[]): string[] {
	const kept: string[] = [];
	for (const line of base) if (!kept.includes(line)) kept.push(line);
	const added: string[] = [];
	for (const line of extra) if (!kept.includes(line) && !added.includes(line)) added.push(line);
	if (added.length > 0 && kept.length >= evidenceLimit) kept.length = evidenceLimit - 1;
	for (const line of added) if (kept.length < evidenceLimit) kept.push(line);
	return kept.length > evidenceLimit ? kept.slice(0, evidenceLimit) : kept;
}
