// Prose in a pane: the first paragraph of some markdown, word-wrapped to the pane's width and
// cut to a few lines, the last one ending in an ellipsis when there was more.
import {oneLine} from '../core/text/one-line.js';

export function firstParagraph(markdown: string): string {
	const paragraphs = markdown
		.split(/\n\s*\n/)
		.map(paragraph => paragraph.split('\n').filter(line => !/^\s*(#|```)/.test(line)).join(' '))
		.map(paragraph => oneLine(paragraph).replace(/\s+/g, ' ').trim())
		.filter(Boolean);
	return paragraphs[0] ?? '';
}

export function wrapWords(text: string, width: number, maxLines: number, ellipsis = '…'): string[] {
	if (width <= 1 || maxLines <= 0 || text === '') return [];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const candidate = line ? `${line} ${word}` : word;
		if ([...candidate].length <= width) {
			line = candidate;
			continue;
		}
		if (line) lines.push(line);
		line = [...word].length > width ? [...word].slice(0, width).join('') : word;
	}
	if (line) lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	const last = [...kept[maxLines - 1]];
	kept[maxLines - 1] = (last.length >= width ? last.slice(0, width - 1).join('') : last.join('')) + ellipsis;
	return kept;
}
