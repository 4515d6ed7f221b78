// How the subject of a finding reads wherever an object would be named: `pod shop/web-1`, or
// for a text (a failed command's output, a watch's error) its name, which says what it is.
import type {Finding} from './types.js';

/** `pod shop/web-1` (with separator '/': `pod/shop/web-1`); a Text subject is its name alone. */
export function subjectLabel(subject: Pick<Finding, 'kind' | 'namespace' | 'name'>, separator = ' '): string {
	if (subject.kind === 'Text') return subject.name;
	return `${subject.kind.toLowerCase()}${separator}${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`;
}
