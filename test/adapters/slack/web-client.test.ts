import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../adapters/slack/bolt-logger.js';
import { toJobError } from '../../../adapters/slack/slack-errors.js';
import { WEB_API_TIMEOUT_MS, webClientOptions } from '../../../adapters/slack/web-client-options.js';
import { PermanentJobError, RetryLaterError } from '../../../src/jobs/job-errors.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../../src/sandbox/fake-slack.js';

const logger = boltLogger(silentLogger);
const clientFor = (apiUrl: string, timeoutMs?: number) =>
  new webApi.WebClient('xoxb-test', webClientOptions({ apiUrl, logger, timeoutMs }));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

describe('the Slack Web API client, as the adapter configures it, and how its failures reach the job queue', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await FakeSlack.start();
  });
  afterAll(() => slack.close());

  it("turns a 429 into WebClient's rate-limited error at once, which the queue waits out for Retry-After", async () => {
    const before = slack.rejected.length;
    slack.fail('chat.update', { status: 429, retryAfter: 7 });
    const failure = await clientFor(slack.url)
      .chat.update({ channel: 'C1', ts: '1.0', text: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(slack.rejected.length - before).toBe(1);
    const jobError = toJobError(failure);
    expect(jobError).toBeInstanceOf(RetryLaterError);
    expect((jobError as RetryLaterError).retryAfterMs).toBe(7_000);
  });

  it('makes exactly one attempt on a 500, and the queue retries it later', async () => {
    const before = slack.rejected.length;
    slack.fail('chat.postMessage', { status: 500 });
    const failure = await clientFor(slack.url)
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(webApi.WebAPIHTTPError);
    expect((failure as webApi.WebAPIHTTPError).statusCode).toBe(500);
    expect(slack.rejected.length - before).toBe(1);
    const jobError = toJobError(failure);
    expect(jobError).not.toBeInstanceOf(PermanentJobError);
    expect(jobError).not.toBeInstanceOf(RetryLaterError);
  });

  it.each(['channel_not_found', 'not_in_channel', 'token_revoked', 'invalid_auth'])(
    'parks the job when Slack answers %s, which no retry fixes',
    async (error) => {
      slack.fail('chat.postMessage', { error });
      const failure = await clientFor(slack.url)
        .chat.postMessage({ channel: 'C404', text: 'x' })
        .catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(webApi.WebAPIPlatformError);
      expect(toJobError(failure)).toEqual(new PermanentJobError(`Slack refused: ${error}`));
    },
  );

  it('gives up on a call nobody answers after the timeout (30 s unless told), and the queue retries it', async () => {
    expect(webClientOptions({ apiUrl: slack.url, logger }).timeout).toBe(WEB_API_TIMEOUT_MS);
    expect(WEB_API_TIMEOUT_MS).toBe(30_000);
    let received = 0;
    const silent = createServer(() => {
      received += 1;
    });
    const url = await listen(silent);
    try {
      const started = Date.now();
      const failure = await clientFor(url, 100)
        .chat.postMessage({ channel: 'C1', text: 'x' })
        .catch((error: unknown) => error);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(failure).toBeInstanceOf(webApi.WebAPIRequestError);
      expect(received).toBe(1);
      const jobError = toJobError(failure);
      expect(jobError).not.toBeInstanceOf(PermanentJobError);
      expect(jobError).not.toBeInstanceOf(RetryLaterError);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports an unreachable Slack as a request error, which the queue retries', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const failure = await clientFor(url)
      .auth.test()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(toJobError(failure)).not.toBeInstanceOf(PermanentJobError);
  });
});
