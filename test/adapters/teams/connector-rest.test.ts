import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJobError } from '../../../adapters/teams/connector-errors.js';
import { connectorRest } from '../../../adapters/teams/connector-rest.js';
import { RetryLaterError } from '../../../src/jobs/job-errors.js';

type Received = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };

/** A regional Bot Connector behind a path, as Teams' service URLs are (…/amer/). */
describe('the Bot Connector REST calls', () => {
  const received: Received[] = [];
  let server: Server;
  let serviceUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url?.includes('throttled')) {
          res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
          res.end('{"error":{"code":"Throttled","message":"slow down"}}');
          return;
        }
        res.writeHead(req.url?.endsWith('/v3/conversations') ? 201 : 200, {
          'content-type': 'application/json',
        });
        res.end(req.url?.endsWith('/v3/conversations') ? '{"id":"a:new","activityId":"17"}' : '{"id":"42"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/amer`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

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

  it('turn a 429 into a wait as long as Teams asks', async () => {
    const failure = await rest.sendToConversation(serviceUrl, 'throttled', { type: 'message' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    const forQueue = toJobError(failure, 'a triage card');
    expect(forQueue).toBeInstanceOf(RetryLaterError);
    expect((forQueue as RetryLaterError).retryAfterMs).toBe(7_000);
  });
});
