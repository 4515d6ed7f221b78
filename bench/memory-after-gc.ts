// Heap figures that do not depend on when the collector last ran: what is live after a full GC.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

export async function memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
	// `npm run bench` cannot pass --expose-gc; set at run time, it exposes gc() in new contexts.
	setFlagsFromString('--expose-gc');
	const gc = runInNewContext('gc') as () => void;
	// Twice, a moment apart: unreachable Buffers give their memory back only after the collection that found them.
	gc();
	await new Promise(resolve => setTimeout(resolve, 50));
	gc();
	return process.memoryUsage();
}
