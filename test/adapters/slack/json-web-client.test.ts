import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonWebClient } from '../../../adapters/slack/json-web-client.js';
import { nodeHttpFetch } from '../../../adapters/slack/node-http-fetch.js';
import { toJobError } from '../../../adapters/slack/slack-errors.js';
import { PermanentJobError, RetryLaterError } from '../../../src/jobs/job-errors.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../../src/sandbox/fake-slack.js';

describe("gapdesk's Slack Web API client", () => {
  let slack: FakeSlack;
  let client: JsonWebClient;

  beforeAll(async () => {
    slack = await FakeSlack.start();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    client = new JsonWebClient(
      'xoxb-test',
      {
        slackApiUrl: slack.url,
        fetch: nodeHttpFetch,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      },
      silentLogger,
    );
  });

  it('posts a message as one JSON request with the bot token, blocks as they were given', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Boiler &lt;fixed&gt;' } }];
    const posted = await client.chat.postMessage({ channel: 'C0FACILITY', text: 'Boiler', blocks });
    expect(posted.ok).toBe(true);
    expect(posted.ts).toEqual(expect.any(String));
    const call = slack.callsTo('chat.postMessage').at(-1);
    expect(call?.contentType).toBe('application/json; charset=utf-8');
    expect(call?.token).toBe('xoxb-test');
    expect(call?.params).toMatchObject({ channel: 'C0FACILITY', text: 'Boiler', blocks });
  });

  it('opens a modal the same way', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'New request' },
      blocks: [],
    };
    await client.views.open({ trigger_id: 'trigger-1', view });
    const call = slack.callsTo('views.open').at(-1);
    expect(call?.contentType).toContain('application/json');
    expect(call?.params).toMatchObject({ trigger_id: 'trigger-1', view });
  });

  it('leaves methods that take no JSON body to the WebClient as before', async () => {
    slack.addUser({ id: 'U0DANA', name: 'dana', real_name: 'Dana Scully' });
    const info = await client.users.info({ user: 'U0DANA' });
    expect(info.user?.real_name).toBe('Dana Scully');
    expect(slack.callsTo('users.info').at(-1)?.contentType).toBe('application/x-www-form-urlencoded');
  });

  it("turns a 429 into WebClient's rate-limited error with Retry-After, which the queue waits out", async () => {
    slack.fail('chat.update', { status: 429, retryAfter: 7 });
    const failure = await client.chat.update({ channel: 'C1', ts: '1.0', text: 'x' }).catch((error) => error);
    expect(failure).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(failure.retryAfter).toBe(7);
    const jobError = toJobError(failure);
    expect(jobError).toBeInstanceOf(RetryLaterError);
    expect((jobError as RetryLaterError).retryAfterMs).toBe(7_000);
  });

  it('makes exactly one attempt: retries belong to the job queue', async () => {
    const before = slack.rejected.length;
    slack.fail('chat.postMessage', { status: 500 });
    const failure = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((error) => error);
    expect(failure).toBeInstanceOf(webApi.WebAPIHTTPError);
    expect(failure.statusCode).toBe(500);
    expect(slack.rejected.length - before).toBe(1);
    expect(toJobError(failure)).not.toBeInstanceOf(PermanentJobError);
  });

  it("turns ok: false into a platform error naming Slack's error, so a lost channel parks the job", async () => {
    slack.fail('chat.postMessage', { error: 'channel_not_found' });
    const failure = await client.chat.postMessage({ channel: 'C404', text: 'x' }).catch((error) => error);
    expect(failure).toBeInstanceOf(webApi.WebAPIPlatformError);
    expect(failure.data.error).toBe('channel_not_found');
    expect(toJobError(failure)).toBeInstanceOf(PermanentJobError);
  });
});
