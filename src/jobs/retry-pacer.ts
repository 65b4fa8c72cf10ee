/** Below this the pace is not lowered: a platform that refuses everything for a moment is not one that accepts nothing. */
const MIN_PER_SECOND = 5;
/** Tried a tenth faster than seen, so the pace can rise to what the platform allows. */
const PROBE = 1.1;
/** How far past its Retry-After a throttled job is put at most. */
const MAX_SPREAD_MS = 5 * 60_000;
/** The seconds whose accepted calls set the pace: the busiest of them. */
const MEMORY_SECONDS = 10;

/**
 * How long after a destination's accepted call a 429 for it is taken as its own limit. Slack
 * allows about one message a second per channel, Teams a few a second per conversation.
 */
const OWN_LIMIT_MS = 2_000;

/** What a call site tells of its outcomes and asks of a throttled call's wait. */
export type Pacing = {
  accepted(): void;
  /** How long the throttled job waits, given the platform's Retry-After. */
  throttled(retryAfterMs: number): number;
};

/**
 * Spreads the retries of calls one platform throttled (429) over the pace it accepts, instead
 * of sending every job back after the same Retry-After. With thousands due at once (a day's
 * surveys) against a limit of ten a second, the same wait for all would be thousands of
 * refused attempts a second, each costing the worker a job's work that other platforms'
 * messages wait for. A throttled job's turn comes after its Retry-After and after the last turn
 * given, one slot later at the most calls the platform accepted in one second of the last ten
 * (while it throttles, that is its limit), tried a tenth faster. One throttled job alone waits
 * exactly its Retry-After.
 *
 * Platforms limit a destination too (a channel, a chat), below their overall limit. A 429 for
 * a destination that took a call a moment ago, or that already has throttled jobs waiting, is
 * its own limit: that job waits in the destination's line (one Retry-After after the turn
 * before it), not at the back of the platform's, where a person owed forty surveys would get
 * one per pass over the whole queue and the last of them long after everyone else's.
 */
export class RetryPacer implements Pacing {
  /** Accepted calls per second of the clock, the last MEMORY_SECONDS. */
  private readonly perSecond = new Map<number, number>();
  /** The latest turn given to a job throttled by the platform as a whole. */
  private lastTurn = Number.NEGATIVE_INFINITY;
  /** Per destination: when it last accepted a call, and the last turn given in its line. */
  private readonly destinations = new Map<string, { acceptedAt: number; lastTurn: number }>();
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly nowMs: () => number) {}

  /** The pacing of calls to one destination (a channel, a chat) of this platform. */
  toward(destination: string): Pacing {
    return {
      accepted: () => this.accepted(destination),
      throttled: (retryAfterMs) => this.throttled(retryAfterMs, destination),
    };
  }

  /** The platform accepted a call (to `destination`, when the caller knows it). */
  accepted(destination?: string): void {
    const now = this.nowMs();
    const second = Math.floor(now / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    for (const seen of this.perSecond.keys())
      if (seen <= second - MEMORY_SECONDS) this.perSecond.delete(seen);
    if (destination !== undefined) {
      const known = this.destinations.get(destination);
      this.destinations.set(destination, { acceptedAt: now, lastTurn: known?.lastTurn ?? 0 });
    }
    this.forgetQuietDestinations(now);
  }

  /** How long a job whose call (to `destination`, if known) was throttled with `retryAfterMs` waits. */
  throttled(retryAfterMs: number, destination?: string): number {
    const now = this.nowMs();
    const line = destination === undefined ? undefined : this.destinations.get(destination);
    if (line && (now - line.acceptedAt < OWN_LIMIT_MS || line.lastTurn > now)) {
      line.lastTurn = Math.max(now, line.lastTurn) + retryAfterMs;
      return Math.round(line.lastTurn - now);
    }
    return this.platformTurn(now, retryAfterMs);
  }

  private platformTurn(now: number, retryAfterMs: number): number {
    const second = Math.floor(now / 1000);
    let busiest = 0;
    for (const [seen, count] of this.perSecond)
      if (seen > second - MEMORY_SECONDS) busiest = Math.max(busiest, count);
    const pace = Math.max(MIN_PER_SECOND, busiest * PROBE);
    // After the last turn given, not after as many turns as are waiting at today's pace: turns
    // given while the pace was higher are closer together, and counting them at a lower pace
    // would leave a stretch with no job trying at all.
    const afterLast = this.lastTurn > now ? this.lastTurn - now + 1000 / pace : 0;
    const waitMs = Math.min(retryAfterMs + MAX_SPREAD_MS, Math.max(retryAfterMs, afterLast));
    this.lastTurn = Math.max(this.lastTurn, now + waitMs);
    return Math.round(waitMs);
  }

  /** Destinations with no call lately and no line left are dropped, once a second at most. */
  private forgetQuietDestinations(now: number): void {
    if (now - this.prunedAt < 1_000) return;
    this.prunedAt = now;
    for (const [destination, { acceptedAt, lastTurn }] of this.destinations)
      if (now - acceptedAt >= OWN_LIMIT_MS && lastTurn <= now) this.destinations.delete(destination);
  }
}
