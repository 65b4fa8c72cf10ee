import { PermanentJobError, RetryLaterError } from '../../src/jobs/job-errors.js';
import type { Pacing } from '../../src/jobs/retry-pacer.js';

const DEFAULT_RETRY_AFTER_MS = 5_000;

type HttpErrorLike = { statusCode?: unknown; response?: { headers?: unknown } };

/** The HTTP status a connector failure carries, if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as HttpErrorLike).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterMs(error: unknown): number {
  const headers = (error as HttpErrorLike).response?.headers;
  let value: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): unknown }).get('retry-after');
  } else if (headers && typeof headers === 'object') {
    value = (headers as Record<string, unknown>)['retry-after'];
  }
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}

/**
 * What the job queue should do about a Bot Connector failure: 429 → wait as told (and, with a
 * pacer, for its turn among the other throttled jobs); 401/403 (the bot was removed or lost
 * consent) and 404 (the conversation is gone) → no retry helps; anything else (5xx, network) →
 * the original error, retried with backoff.
 */
export function toJobError(error: unknown, doing: string, pacer?: Pacing): unknown {
  const status = statusOf(error);
  if (status === 429) {
    const askedMs = retryAfterMs(error);
    return new RetryLaterError(`Teams throttled ${doing} (429)`, pacer ? pacer.throttled(askedMs) : askedMs);
  }
  if (status === 401 || status === 403) {
    return new PermanentJobError(
      `Teams refused ${doing} (${status}): is the app still installed and allowed?`,
    );
  }
  if (status === 404)
    return new PermanentJobError(`Teams could not find the conversation for ${doing} (404)`);
  return error;
}

/** Runs a connector call, translating its failure for the job queue; a pacer hears of every outcome. */
export async function deliver<T>(doing: string, call: () => Promise<T>, pacer?: Pacing): Promise<T> {
  try {
    const answer = await call();
    pacer?.accepted();
    return answer;
  } catch (error) {
    throw toJobError(error, doing, pacer);
  }
}
