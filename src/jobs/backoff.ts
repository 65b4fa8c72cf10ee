export type BackoffPolicy = { baseMs: number; maxMs: number };

/** One second doubling to 30 minutes: with 20 attempts a job rides out an outage of about 8 hours. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30 * 60_000 };
export const DEFAULT_MAX_ATTEMPTS = 20;

/**
 * Delay before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half random),
 * so a fleet of jobs failed by one outage does not retry in lockstep. A `retryAfterMs` the far
 * side asked for is honoured exactly, plus up to a second of jitter so jobs held by one 429 do
 * not all return in the same millisecond.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  if (retryAfterMs !== undefined)
    return retryAfterMs + Math.round(random() * Math.min(1_000, retryAfterMs / 10));
  return Math.round(jittered);
}
