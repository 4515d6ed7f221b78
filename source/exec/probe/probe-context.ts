// What each probe gets and gives back; run-probe.ts adds the time limit and the timing.
import type {LineSink} from '../step-outcome.js';

export type ProbeContext = {
	/** Aborted on timeout or cancel: the probe closes its sockets and resolves. */
	signal: AbortSignal;
	onLine: LineSink;
};

/** ok: the check passed; stopped: it was interrupted by the signal before it could tell. */
export type ProbeResult = {ok: boolean; stopped?: boolean};
