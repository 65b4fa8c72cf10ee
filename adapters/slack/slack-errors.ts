import { webApi } from '@slack/bolt';
import { PermanentJobError, RetryLaterError } from '../../src/jobs/job-errors.js';
import type { Pacing } from '../../src/jobs/retry-pacer.js';

/** Slack errors no retry can fix: an operator must re-invite the bot or fix the token. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'invalid_auth',
  'account_inactive',
  'is_archived',
  'token_revoked',
  'user_not_found',
]);

/**
 * Translates a Web API failure into the job queue's terms: 429 waits for Retry-After (and, with
 * a pacer, for its turn among the other throttled jobs), the errors above park the job,
 * anything else (5xx, timeouts, unknown errors) is retried with backoff.
 */
export function toJobError(error: unknown, pacer?: Pacing): Error {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    const askedMs = error.retryAfter * 1_000;
    return new RetryLaterError(
      `Slack rate limit: retry after ${error.retryAfter} s`,
      pacer ? pacer.throttled(askedMs) : askedMs,
    );
  }
  if (error instanceof webApi.WebAPIPlatformError && PERMANENT.has(error.data.error)) {
    return new PermanentJobError(`Slack refused: ${error.data.error}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs a Web API call, rethrowing its failure as a job error; a pacer hears of every outcome. */
export async function slackCall<T>(call: () => Promise<T>, pacer?: Pacing): Promise<T> {
  try {
    const answer = await call();
    pacer?.accepted();
    return answer;
  } catch (error) {
    throw toJobError(error, pacer);
  }
}
