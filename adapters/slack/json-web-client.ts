import type { IncomingHttpHeaders } from 'node:http';
import { webApi } from '@slack/bolt';
import { requestOverHttp } from '../../src/http/outgoing-request.js';
import type { Logger } from '../../src/logger.js';

/**
 * The Web API methods gapdesk calls on every request or delivery. Each accepts a JSON body
 * (Slack's method reference, "Accepts JSON"), so blocks and views go over the wire as they are.
 */
const JSON_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'views.open',
  'views.update',
  'views.publish',
]);

/**
 * The Slack WebClient (typed methods, errors, every other method as before), with the methods
 * above posted as JSON in one request each. WebClient 8.2 spends more per call than the rest of
 * a delivery: it copies and serialises the whole body and result for debug lines even when
 * nothing logs at debug, form-encodes the blocks, and wraps the call in a queue and a retry
 * policy that gapdesk turns off (its durable job queue owns retries). In the Slack bench that
 * was 60 % of everything gapdesk allocated, and the garbage collector's pauses stall every
 * request. Failures are WebClient's own error classes, so callers cannot tell the paths apart:
 * a 429 is a rate-limited error with Retry-After, another status an HTTP error, `ok: false` a
 * platform error.
 */
export class JsonWebClient extends webApi.WebClient {
  constructor(
    token: string,
    options: webApi.WebClientOptions & { slackApiUrl: string },
    private readonly log: Logger,
  ) {
    super(token, options);
  }

  override async apiCall(
    method: string,
    options: Record<string, unknown> = {},
  ): Promise<webApi.WebAPICallResult> {
    // A per-call token is WebClient's business (it moves it to a header); we never pass one.
    if (!JSON_METHODS.has(method) || options.token !== undefined) return super.apiCall(method, options);
    const answer = await requestOverHttp(
      new URL(`${this.slackApiUrl}${method}`),
      { authorization: `Bearer ${this.token}`, 'content-type': 'application/json; charset=utf-8' },
      JSON.stringify(options),
    );
    const text = answer.body.toString('utf8');
    if (answer.status === 429) {
      throw new webApi.WebAPIRateLimitedError(retryAfterSeconds(answer.headers['retry-after']));
    }
    if (answer.status !== 200) {
      throw new webApi.WebAPIHTTPError(
        answer.status,
        answer.statusMessage,
        flatHeaders(answer.headers),
        text,
      );
    }
    const result = parseResult(text);
    for (const warning of result.response_metadata?.warnings ?? []) {
      this.log.warn({ method, warning }, 'Slack Web API warning');
    }
    if (!result.ok)
      throw new webApi.WebAPIPlatformError(result as webApi.WebAPICallResult & { error: string });
    return result;
  }
}

function parseResult(text: string): webApi.WebAPICallResult {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'ok' in parsed)
      return parsed as webApi.WebAPICallResult;
  } catch {
    // Not JSON: reported below as Slack reports an unreadable answer.
  }
  return { ok: false, error: `unreadable answer: ${text.slice(0, 200)}` } as webApi.WebAPICallResult;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}

/** Retry-After in seconds; Slack always sends one with a 429, a missing one means "soon". */
function retryAfterSeconds(header: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
}
