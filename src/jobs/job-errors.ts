/** A handler throws this when the far side asked us to wait (Slack's 429 Retry-After). */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** A failure that no retry can fix (a deleted channel, a revoked token): park the job at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}
