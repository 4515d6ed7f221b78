// Capped exponential backoff with jitter, for restarting informers and log fetches that failed.

export type BackoffPolicy = {initialMs: number; maxMs: number; factor: number; /** 0.2 = ±20% */ jitter: number};

export const watchBackoff: BackoffPolicy = {initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2};

/** Delay before retry number `attempt` (0 = the first retry). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = watchBackoff, random: () => number = Math.random): number {
	const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
	// Jitter keeps many kinds (and many kconsoles) from retrying in lockstep after an outage.
	const spread = base * policy.jitter * (2 * random() - 1);
	return Math.round(Math.min(policy.maxMs, Math.max(0, base + spread)));
}
