import type { Logger as BoltLogger, webApi } from '@slack/bolt';
import { outboundFetch } from '../../src/http/outbound-fetch.js';

/** How long a Web API call may go without an answer before it fails (and its job is retried). */
export const WEB_API_TIMEOUT_MS = 30_000;

/**
 * The options of every WebClient in the adapter: the one gapdesk delivers through and those Bolt
 * makes for its listeners (it is given these as `clientOptions`). The client never retries by
 * itself and rejects a rate-limited call at once, so the durable job queue owns retries and
 * honours Retry-After; every call, and Bolt's `respond`, goes through the outbound dispatcher.
 */
export function webClientOptions(options: {
  apiUrl: string;
  logger: BoltLogger;
  timeoutMs?: number;
}): webApi.WebClientOptions {
  return {
    slackApiUrl: options.apiUrl,
    fetch: outboundFetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? WEB_API_TIMEOUT_MS,
    // Bolt gives its clients its own logger (so WebClient's `logLevel` would be ignored); ours
    // drops WebClient's debug lines unless LOG_LEVEL is debug.
    logger: options.logger,
  };
}
