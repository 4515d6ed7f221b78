// Heap figures that do not depend on when the collector last ran: what is live after a full GC.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

export function memoryAfterGc(): NodeJS.MemoryUsage {
	// `npm run bench` cannot pass --expose-gc; set at run time, it exposes gc() in new contexts.
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
	return process.memoryUsage();
}
