/** What a limiter says about one call: admitted, or how long until it would be. */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

/** At most `max` calls in any `windowMs` (Teams states its limits so). */
export type WindowLimit = { max: number; windowMs: number };

/** A steady `perSecond` with up to `burst` calls at once after a quiet spell (Slack's "short bursts"). */
export type BucketLimit = { perSecond: number; burst: number };

/**
 * Sliding-window limits per key (a conversation, a tenant): a call is admitted when every
 * window has room; a refused call is not counted.
 */
export class SlidingWindows {
  private readonly times = new Map<string, number[]>();
  private readonly longestMs: number;

  constructor(readonly limits: readonly WindowLimit[]) {
    this.longestMs = Math.max(...limits.map((limit) => limit.windowMs));
  }

  /** Whether a call under `key` would be admitted now; nothing is counted. */
  check(key: string, nowMs: number): Admission {
    const kept = (this.times.get(key) ?? []).filter((t) => t > nowMs - this.longestMs);
    this.times.set(key, kept);
    let waitMs = 0;
    for (const { max, windowMs } of this.limits) {
      const inWindow = kept.filter((t) => t > nowMs - windowMs);
      // The call that leaves the window first makes room for this one.
      const oldest = inWindow[inWindow.length - max];
      if (inWindow.length >= max && oldest !== undefined)
        waitMs = Math.max(waitMs, oldest + windowMs - nowMs);
    }
    return waitMs > 0 ? { admitted: false, retryAfterMs: waitMs } : { admitted: true };
  }

  /** Counts an admitted call. */
  record(key: string, nowMs: number): void {
    this.times.set(key, [...(this.times.get(key) ?? []), nowMs]);
  }

  /** The most calls the limits let through for one key in any span of `spanMs`. */
  allowedIn(spanMs: number): number {
    return Math.min(...this.limits.map(({ max, windowMs }) => max * (Math.floor(spanMs / windowMs) + 1)));
  }
}

/** Token buckets per key (a channel, a workspace): `burst` tokens, refilled at `perSecond`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly limit: BucketLimit) {}

  /** Whether a call under `key` would be admitted now; nothing is taken. */
  check(key: string, nowMs: number): Admission {
    const { perSecond } = this.limit;
    const tokens = this.refill(key, nowMs).tokens;
    return tokens >= 1
      ? { admitted: true }
      : { admitted: false, retryAfterMs: ((1 - tokens) / perSecond) * 1000 };
  }

  /** Takes a token for an admitted call. */
  record(key: string, nowMs: number): void {
    this.refill(key, nowMs).tokens -= 1;
  }

  private refill(key: string, nowMs: number): { tokens: number; at: number } {
    const { perSecond, burst } = this.limit;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * perSecond);
    bucket.at = Math.max(bucket.at, nowMs);
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** The most calls one key's bucket lets through in any span of `spanMs`. */
  allowedIn(spanMs: number): number {
    return Math.floor(this.limit.burst + (spanMs / 1000) * this.limit.perSecond);
  }
}

/** A limiter of either kind, by what the fakes ask of it. */
export type Limiter = Pick<SlidingWindows, 'check' | 'record'>;

/**
 * Admits a call only when every (limiter, key) pair has room, and then counts it in all of
 * them; refused, it counts nowhere and says the longest wait.
 */
export function admitAll(pairs: readonly [Limiter, string][], nowMs: number): Admission {
  let waitMs = 0;
  for (const [limiter, key] of pairs) {
    const said = limiter.check(key, nowMs);
    if (!said.admitted) waitMs = Math.max(waitMs, said.retryAfterMs);
  }
  if (waitMs > 0) return { admitted: false, retryAfterMs: waitMs };
  for (const [limiter, key] of pairs) limiter.record(key, nowMs);
  return { admitted: true };
}

/** Retry-After as the platforms send it: whole seconds, at least 1. */
export function retryAfterSeconds(admission: Admission): number {
  return admission.admitted ? 0 : Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
}
