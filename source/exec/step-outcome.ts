// What every performer (process, probe, wait) hands back: the shape of the guide's `result`
// action, so the session forwards it as it is.
import type {OutputLine} from '../core/guide/guide-state.js';

export type StepOutcome = {
	/** 0 success; null when the process never ran or was killed. Probes and waits answer 0 or 1. */
	exitCode: number | null;
	/** The signal that ended the process, e.g. SIGTERM after a timeout or a cancel. */
	signal?: string;
	timedOut?: boolean;
	/** Why it failed, in one line, when the exit code alone does not say (refused, cancelled, not found). */
	error?: string;
	durationMs: number;
};

/** Receives output as it happens, one line at a time, without its line end. */
export type LineSink = (stream: OutputLine['stream'], line: string) => void;
