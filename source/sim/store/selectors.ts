import type {KubeObject} from '../../core/objects/types.js';
import {badRequest} from './status-error.js';

export type Predicate = (object: KubeObject) => boolean;

type Requirement = {key: string; op: 'in' | 'notin' | 'exists' | '!exists' | '=' | '!='; values: string[]};

/** Parse a label selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h`) into a predicate. */
export function parseLabelSelector(selector: string | undefined): Predicate | undefined {
	if (!selector?.trim()) return undefined;
	const requirements: Requirement[] = [];
	for (const part of splitTopLevel(selector)) {
		const text = part.trim();
		let match: RegExpExecArray | null;
		if ((match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text))) {
			requirements.push({key: match[1], op: match[2] as 'in' | 'notin', values: match[3].split(',').map(value => value.trim())});
		} else if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(text))) {
			requirements.push({key: match[1], op: match[2] === '!=' ? '!=' : '=', values: [match[3]]});
		} else if ((match = /^!\s*([\w./-]+)$/.exec(text))) {
			requirements.push({key: match[1], op: '!exists', values: []});
		} else if ((match = /^([\w./-]+)$/.exec(text))) {
			requirements.push({key: match[1], op: 'exists', values: []});
		} else {
			throw badRequest(`unable to parse requirement: ${text}`);
		}
	}
	return object => requirements.every(requirement => holds(requirement, object.metadata.labels?.[requirement.key]));
}

/** Parse a field selector (`a=b,c!=d`, dotted paths such as `involvedObject.name`). */
export function parseFieldSelector(selector: string | undefined): Predicate | undefined {
	if (!selector?.trim()) return undefined;
	const requirements = selector.split(',').map(part => {
		const match = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
		if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
		return {path: match[1].split('.'), negate: match[2] === '!=', value: match[3]};
	});
	return object =>
		requirements.every(({path, negate, value}) => {
			const actual = fieldValue(object, path);
			return negate ? actual !== value : actual === value;
		});
}

function fieldValue(object: KubeObject, path: string[]): string {
	let value: unknown = object;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return '';
		value = (value as Record<string, unknown>)[key];
	}
	return value === undefined || value === null ? '' : String(value);
}

function holds(requirement: Requirement, value: string | undefined): boolean {
	switch (requirement.op) {
		case 'exists':
			return value !== undefined;
		case '!exists':
			return value === undefined;
		case '=':
		case 'in':
			return value !== undefined && requirement.values.includes(value);
		case '!=':
		case 'notin':
			return value === undefined || !requirement.values.includes(value);
	}
}

function splitTopLevel(selector: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < selector.length; i++) {
		if (selector[i] === '(') depth++;
		else if (selector[i] === ')') depth--;
		else if (selector[i] === ',' && depth === 0) {
			parts.push(selector.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(selector.slice(start));
	return parts.filter(part => part.trim() !== '');
}

/** Does a `matchLabels` map select these labels? */
export function selectsLabels(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
	if (!selector || Object.keys(selector).length === 0) return false;
	return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
