// A playbook as the `:playbooks` list opens it: what it recognises, why, and its steps.
import {oneLine} from '../core/text/one-line.js';
import type {Playbook, Step} from '../core/playbook/types.js';

export function playbookText(playbook: Playbook): string[] {
	const lines = [
		`${playbook.title}`,
		`id ${playbook.id} · ${playbook.severity} · ${playbook.file}`,
		'',
		...markdownLines(playbook.explanation),
		'',
		'Steps:',
		...stepLines(playbook.steps),
	];
	for (const variant of playbook.variants) {
		lines.push('', `Variant ${variant.id}: ${oneLine(variant.title)}`, ...markdownLines(variant.explanation).map(line => `  ${line}`));
		if (variant.steps.length > 0) lines.push('  Steps:', ...stepLines(variant.steps).map(line => `  ${line}`));
	}
	return lines;
}

function stepLines(steps: Step[]): string[] {
	return steps.flatMap((step, index) => [
		`  ${index + 1}. ${oneLine(step.title)}`,
		...(step.action ? step.action.text.split('\n').map(line => `       ${step.action!.kind === 'kubectl' || step.action!.kind === 'sh' ? '$ ' : ''}${oneLine(line)}`) : ['       (you do this, then mark it done)']),
	]);
}

function markdownLines(markdown: string): string[] {
	return markdown
		.trim()
		.split('\n')
		.map(line => oneLine(line.replace(/^#+\s*/, '')))
		.filter((line, index, all) => line !== '' || (index > 0 && all[index - 1] !== ''));
}
