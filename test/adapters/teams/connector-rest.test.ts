import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJobError } from '../../../adapters/teams/connector-errors.js';
import { connectorRest } from '../../../adapters/teams/connector-rest.js';
import { PermanentJobError, RetryLaterError } from '../../../src/jobs/job-errors.js';
import { type RecordingServer, startRecordingServer } from '../../support/recording-server.js';

/** A regional Bot Connector behind a path, as Teams' service URLs are (…/amer/). */
describe('the Bot Connector REST calls', () => {
  let server: RecordingServer;
  let serviceUrl: string;
  let received: RecordingServer['received'];

  beforeAll(async () => {
    server = await startRecordingServer((request, res) => {
      if (request.url?.includes('throttled')) {
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        res.end('{"error":{"code":"Throttled","message":"slow down"}}');
        return;
      }
      if (request.url?.includes('oversized')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"id":"${'9'.repeat(2 * 1024 * 1024)}"}`);
        return;
      }
      if (request.url?.includes('/members/')) {
        const found = request.url.endsWith('/aad-sam');
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(
          found
            ? '{"id":"29:1sam","name":"Sam Lead","aadObjectId":"aad-sam","userRole":"user"}'
            : '{"error":{"code":"MemberNotFoundInConversation","message":"not here"}}',
        );
        return;
      }
      const created = request.url?.endsWith('/v3/conversations');
      res.writeHead(created ? 201 : 200, { 'content-type': 'application/json' });
      res.end(created ? '{"id":"a:new","activityId":"17"}' : '{"id":"42"}');
    });
    serviceUrl = `${server.base}/amer`;
    received = server.received;
  });
  afterAll(() => server.close());

  const rest = connectorRest(async () => 'Bearer t0ken');

  it('address the conversation under the service URL path, ids encoded, with the bot token', async () => {
    const thread = '19:abc@thread.tacv2;messageid=1700000000001';

    const sent = await rest.sendToConversation(serviceUrl, thread, { type: 'message', text: 'hi' });
    await rest.updateActivity(serviceUrl, thread, '1700000000002', { type: 'message', text: 'edited' });
    const created = await rest.createConversation(serviceUrl, { isGroup: false });

    expect(sent).toEqual({ id: '42' });
    expect(created).toEqual({ id: 'a:new', activityId: '17' });
    expect(received.map((call) => [call.method, call.url, call.headers.authorization])).toEqual([
      ['POST', `/amer/v3/conversations/${encodeURIComponent(thread)}/activities`, 'Bearer t0ken'],
      [
        'PUT',
        `/amer/v3/conversations/${encodeURIComponent(thread)}/activities/1700000000002`,
        'Bearer t0ken',
      ],
      ['POST', '/amer/v3/conversations', 'Bearer t0ken'],
    ]);
    expect(JSON.parse(received[1]?.body ?? '{}')).toEqual({ type: 'message', text: 'edited' });
    expect(received[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('ask for a member by AAD object id with a GET under the service URL path, and read the name', async () => {
    const channel = '19:facilities@thread.tacv2';
    received.length = 0;

    const member = await rest.getMember(serviceUrl, channel, 'aad-sam');
    const missing = await rest.getMember(serviceUrl, channel, 'aad-nobody').then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(member).toEqual({ id: '29:1sam', name: 'Sam Lead' });
    expect(missing).toMatchObject({ statusCode: 404 });
    expect(received.map((call) => [call.method, call.url, call.headers.authorization, call.body])).toEqual([
      ['GET', `/amer/v3/conversations/${encodeURIComponent(channel)}/members/aad-sam`, 'Bearer t0ken', ''],
      ['GET', `/amer/v3/conversations/${encodeURIComponent(channel)}/members/aad-nobody`, 'Bearer t0ken', ''],
    ]);
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it('turn a 429 into a wait as long as Teams asks', async () => {
    const failure = await rest.sendToConversation(serviceUrl, 'throttled', { type: 'message' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    const forQueue = toJobError(failure, 'a triage card');
    expect(forQueue).toBeInstanceOf(RetryLaterError);
    expect((forQueue as RetryLaterError).retryAfterMs).toBe(7_000);
  });

  it('answer an activity under the service URL path, in reply to it', async () => {
    const chat = 'a:1riley-personal-chat';
    received.length = 0;

    const sent = await rest.replyToActivity(serviceUrl, chat, 'f:1700000000009', {
      type: 'message',
      text: 'hi',
    });

    expect(sent).toEqual({ id: '42' });
    expect(received.map((call) => [call.method, call.url, call.headers.authorization])).toEqual([
      [
        'POST',
        `/amer/v3/conversations/${encodeURIComponent(chat)}/activities/f%3A1700000000009`,
        'Bearer t0ken',
      ],
    ]);
  });

  it('refuse an answer over 1 MiB with an error saying so, which the job retries', async () => {
    const failure = await rest.sendToConversation(serviceUrl, 'oversized', { type: 'message' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({
      code: 'ERR_ANSWER_TOO_LARGE',
      message: expect.stringContaining('the answer is longer than 1048576 bytes'),
    });
    expect(toJobError(failure, 'a triage card')).not.toBeInstanceOf(PermanentJobError);
  });
});
