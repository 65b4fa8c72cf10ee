import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../../adapters/slack/node-http-fetch.js';
import { type RecordingServer, startRecordingServer } from '../../support/recording-server.js';

describe('the fetch given to the Slack WebClient', () => {
  let server: RecordingServer;
  let base: string;
  let received: RecordingServer['received'];

  beforeAll(async () => {
    server = await startRecordingServer((request, res) => {
      if (request.url === '/api/limited') {
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        res.end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end(JSON.stringify({ ok: true, echoed: request.body }));
    });
    base = server.base;
    received = server.received;
  });
  afterAll(() => server.close());

  it('posts the body and headers as given and hands back status, headers and body', async () => {
    const response = await nodeHttpFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1' },
      body: 'channel=C1&text=hi%20there',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(await response.json()).toEqual({ ok: true, echoed: 'channel=C1&text=hi%20there' });
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/chat.postMessage',
      body: 'channel=C1&text=hi%20there',
      headers: { authorization: 'Bearer xoxb-1', 'content-type': 'application/x-www-form-urlencoded' },
    });
  });

  it('passes a 429 and its Retry-After through, so the WebClient can honour it', async () => {
    const response = await nodeHttpFetch(`${base}/api/limited`, { method: 'POST', body: 'x=1' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toBe('{"ok":false,"error":"ratelimited"}');
  });

  it('sends a body that is not a string (a file upload) with the built-in fetch', async () => {
    const response = await nodeHttpFetch(`${base}/upload`, {
      method: 'POST',
      body: new Uint8Array([104, 105]),
    });
    expect(response.status).toBe(200);
    expect(received.at(-1)).toMatchObject({ url: '/upload', body: 'hi' });
  });

  it('rejects when nothing listens, as fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      nodeHttpFetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'x' }),
    ).rejects.toThrow();
  });
});
