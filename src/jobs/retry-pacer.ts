/** Below this the pace is not lowered: a platform that refuses everything for a moment is not one that accepts nothing. */
const MIN_PER_SECOND = 5;
/** Tried a tenth faster than seen, so the pace can rise to what the platform allows. */
const PROBE = 1.1;
/** How far past its Retry-After a throttled job is put at most. */
const MAX_SPREAD_MS = 5 * 60_000;
/** The seconds whose accepted calls set the pace: the busiest of them. */
const MEMORY_SECONDS = 10;

/**
 * Spreads the retries of calls one platform throttled (429) over the pace it accepts, instead
 * of sending every job back after the same Retry-After. With thousands due at once (a day's
 * surveys) against a limit of ten a second, the same wait for all would be thousands of
 * refused attempts a second, each costing the worker a job's work that other platforms'
 * messages wait for. A throttled job's turn comes after its Retry-After and after the throttled
 * jobs still waiting before it, at the most calls the platform accepted in one second of the
 * last ten (while it throttles, that is its limit), tried a tenth faster. One throttled job
 * alone waits exactly its Retry-After.
 */
export class RetryPacer {
  /** Accepted calls per second of the clock, the last MEMORY_SECONDS. */
  private readonly perSecond = new Map<number, number>();
  private turns: number[] = [];

  constructor(private readonly nowMs: () => number) {}

  /** The platform accepted a call. */
  accepted(): void {
    const second = Math.floor(this.nowMs() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    for (const seen of this.perSecond.keys())
      if (seen <= second - MEMORY_SECONDS) this.perSecond.delete(seen);
  }

  /** How long a job whose call was throttled with `retryAfterMs` waits for its turn. */
  throttled(retryAfterMs: number): number {
    const now = this.nowMs();
    const second = Math.floor(now / 1000);
    let busiest = 0;
    for (const [seen, count] of this.perSecond)
      if (seen > second - MEMORY_SECONDS) busiest = Math.max(busiest, count);
    const pace = Math.max(MIN_PER_SECOND, busiest * PROBE);
    this.turns = this.turns.filter((at) => at > now);
    const spreadMs = Math.min(MAX_SPREAD_MS, (this.turns.length / pace) * 1000);
    const waitMs = Math.round(retryAfterMs + spreadMs);
    this.turns.push(now + waitMs);
    return waitMs;
  }
}
