// `npm run bench`: runs every bench/*.bench.ts (or the ones named on the command line) and
// prints their figures. Each module exports `run(): Promise<Figure[]>`.
import {readdirSync} from 'node:fs';
import {basename} from 'node:path';
import {fileURLToPath} from 'node:url';

export type Figure = {name: string; value: number; unit: string};

const directory = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(directory)
	.filter(file => file.endsWith('.bench.ts') || file.endsWith('.bench.tsx'))
	.filter(file => wanted.length === 0 || wanted.some(name => file.startsWith(name)))
	.sort();

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const file of files) {
	const module = (await import(new URL(file, import.meta.url).href)) as {run?: () => Promise<Figure[]>};
	if (!module.run) continue;
	console.log(`\n## ${basename(file).replace(/\.bench\.tsx?$/, '')}`);
	for (const figure of await module.run()) {
		const value = Number.isInteger(figure.value) ? figure.value.toLocaleString('en-US') : figure.value.toLocaleString('en-US', {maximumFractionDigits: 2});
		console.log(`${figure.name.padEnd(56)} ${value.padStart(14)} ${figure.unit}`);
	}
}
