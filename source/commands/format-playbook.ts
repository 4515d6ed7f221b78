// A playbook as `kconsole playbooks show` prints it: what it recognises, its variants, and its
// steps with the exact commands, in plain text that reads in a terminal and a pager.
import {classify} from '../core/command/classify-command.js';
import {defaultTimeoutMs, type Action, type Playbook, type Rule, type Step} from '../core/playbook/types.js';
import {formatDuration} from '../core/text/duration.js';

export function formatPlaybook(playbook: Playbook, file: string): string {
	const out: string[] = [];
	out.push(`${playbook.id}: ${playbook.title}`, `severity ${playbook.severity}, priority ${playbook.priority}, ${file}`, '');
	if (playbook.explanation.trim()) out.push(playbook.explanation.trim(), '');
	out.push('Recognises (any of):', ...playbook.match.map(rule => `  - ${describeRule(rule)}`), '');
	if (playbook.variants.length > 0) {
		out.push('Variants (the first that also matches):');
		for (const variant of playbook.variants) {
			out.push(`  ${variant.id}: ${variant.title}`, ...variant.match.map(rule => `    - ${describeRule(rule)}`));
		}
		out.push('');
	}
	out.push(...formatSteps('Steps', playbook.steps));
	for (const variant of playbook.variants) {
		if (variant.steps.length === 0 && !variant.explanation.trim()) continue;
		out.push(`Variant ${variant.id}`);
		if (variant.explanation.trim()) out.push(indent(variant.explanation.trim(), '  '), '');
		if (variant.steps.length > 0) out.push(...formatSteps('  Steps (instead of the default ones)', variant.steps, '  '));
	}
	return `${out.join('\n').trimEnd()}\n`;
}

function formatSteps(heading: string, steps: Step[], margin = ''): string[] {
	if (steps.length === 0) return [];
	const out = [`${heading}:`];
	steps.forEach((step, index) => {
		out.push(`${margin}  ${index + 1}. ${step.title}`);
		if (step.prose.trim()) out.push(indent(step.prose.trim(), `${margin}     `));
		out.push(`${margin}     ${describeAction(step.action)}`);
	});
	out.push('');
	return out;
}

function describeAction(action: Action | null): string {
	if (!action) return '(manual: mark it done when it is)';
	// Only a timeout other than the kind's default is worth printing.
	const timeout = action.timeoutMs === undefined || action.timeoutMs === defaultTimeoutMs[action.kind] ? '' : `timeout ${formatDuration(action.timeoutMs)}`;
	const options = [timeout, action.ask ? `asks for {{${action.ask.name}}}: ${action.ask.prompt}` : ''].filter(Boolean);
	const suffix = options.length > 0 ? `   (${options.join('; ')})` : '';
	const command = action.text.replace(/\\\n\s*/g, '').replace(/\n/g, ' ');
	switch (action.kind) {
		case 'kubectl':
			return `$ ${command}   [kubectl, ${classify(action.argv) === 'read' ? 'reads' : 'writes'}]${suffix}`;
		case 'sh':
			return `$ ${command}   [host command, always confirmed]${suffix}`;
		case 'probe':
			return `probe: ${command}${suffix}`;
		case 'wait':
			return `wait: ${command}${suffix}`;
	}
}

export function describeRule(rule: Rule): string {
	const parts: string[] = [];
	if (rule.pod) {
		const pod = rule.pod;
		// Phase and rollout are the pod's; the rest must hold for one of its containers.
		const ofPod = [
			pod.phase && `phase ${pod.phase.join(' or ')}`,
			pod.firstRevision === true && "of its Deployment's first rollout",
			pod.firstRevision === false && 'of a later rollout of its Deployment',
		].filter(Boolean);
		const ofContainer = [
			pod.container && `named ${pattern(pod.container)}`,
			pod.waiting && `waiting ${pod.waiting.join(' or ')}`,
			pod.terminated && `terminated ${pod.terminated.join(' or ')}`,
			pod.exitCode && `exit code ${pod.exitCode.join(' or ')}`,
			pod.minRestarts !== undefined && `${pod.minRestarts}+ restarts`,
			pod.message && `message ${pattern(pod.message)}`,
			pod.image && `image ${pattern(pod.image)}`,
		].filter(Boolean);
		if (ofContainer.length > 0) ofPod.push(`container ${ofContainer.join(', ')}`);
		parts.push(`pod ${ofPod.join(', ')}`);
	}
	if (rule.event) {
		const event = rule.event;
		const conditions = [
			event.type && `type ${event.type}`,
			event.reason && `reason ${event.reason.join(' or ')}`,
			event.message && `message ${pattern(event.message)}`,
			event.kind && `about a ${event.kind.join(' or ')}`,
		];
		parts.push(`event ${conditions.filter(Boolean).join(', ')}`);
	}
	if (rule.log) parts.push(`log line ${pattern(rule.log.pattern)}${rule.log.container ? ` in container ${pattern(rule.log.container)}` : ''}`);
	if (rule.text) parts.push(`text ${pattern(rule.text.pattern)}`);
	if (rule.node) parts.push(`node condition ${rule.node.condition}=${rule.node.status}`);
	if (rule.object) {
		const object = rule.object;
		const condition = object.check
			? `check ${object.check}`
			: object.equals !== undefined
				? `${object.field} = ${String(object.equals)}`
				: object.pattern
					? `${object.field} ${pattern(object.pattern)}`
					: `${object.field} ${object.exists === false ? 'missing' : 'present'}`;
		parts.push(`${object.kind} ${condition}`);
	}
	return `${parts.join(' and ')}   (line ${rule.line})`;
}

function pattern(regex: RegExp): string {
	return `/${regex.source}/${regex.flags.includes('i') ? 'i' : ''}`;
}

function indent(text: string, margin: string): string {
	return text
		.split('\n')
		.map(line => (line ? `${margin}${line}` : ''))
		.join('\n');
}
