import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES } from '../../src/http/outbound-dispatcher.js';
import { outboundFetch } from '../../src/http/outbound-fetch.js';
import { startForwardProxy } from '../support/forward-proxy.js';
import { startRawServer } from '../support/raw-server.js';
import { type RecordingServer, startRecordingServer } from '../support/recording-server.js';

describe('the fetch outgoing platform calls are made with', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function recording(): Promise<RecordingServer> {
    const server = await startRecordingServer((request, res) => {
      res.writeHead(request.url === '/api/limited' ? 429 : 200, {
        'content-type': 'application/json',
        'retry-after': '7',
        'x-oauth-scopes': 'chat:write',
      });
      res.end(JSON.stringify({ ok: true, echoed: request.body }));
    });
    close = server.close;
    return server;
  }

  it('sends the method, headers and body as given and hands back status, headers and body', async () => {
    const server = await recording();
    const response = await outboundFetch(`${server.base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1' },
      body: 'channel=C1&text=hi%20there',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(await response.json()).toEqual({ ok: true, echoed: 'channel=C1&text=hi%20there' });
    expect(server.received.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/chat.postMessage',
      body: 'channel=C1&text=hi%20there',
      headers: {
        authorization: 'Bearer xoxb-1',
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '26',
      },
    });
  });

  it('passes a 429 and its Retry-After through, for the client to honour', async () => {
    const server = await recording();
    const response = await outboundFetch(`${server.base}/api/limited`, { method: 'POST', body: 'x=1' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('sends a FormData (a file upload) as multipart with its boundary', async () => {
    const server = await recording();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])]), 'chart.png');
    const response = await outboundFetch(`${server.base}/upload/F1`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const sent = server.received.at(-1);
    const boundary = /boundary=(.+)$/.exec(String(sent?.headers['content-type']))?.[1];
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.body).toContain(`--${boundary}`);
    expect(sent?.body).toContain('filename="chart.png"');
  });

  it('fails on a kept-alive connection the server had closed, and the next call goes out on a new one', async () => {
    const started = await startRawServer();
    close = started.close;
    const first = await outboundFetch(started.url, { method: 'POST', body: '{}' });
    expect(await first.text()).toBe('{"ok":true}');
    // One turn of the event loop gives the connection back to undici's pool, so the next call reuses it.
    await setImmediate();
    await expect(outboundFetch(started.url, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'UND_ERR_SOCKET' },
    });
    const third = await outboundFetch(started.url, { method: 'POST', body: '{}' });
    expect([first.status, third.status]).toEqual([200, 200]);
    expect(await third.text()).toBe('{"ok":true}');
    // Each connection answers only its first call: the second call failed on the first
    // connection, unanswered and not sent again, and the third had a new one.
    expect(started.seen).toEqual({ connections: 2, answered: 2 });
  });

  it('fails, and does not send twice, when a fresh connection is reset', async () => {
    const started = await startRawServer({ resetFirst: true });
    close = started.close;
    await expect(outboundFetch(started.url, { method: 'POST', body: '{}' })).rejects.toThrow('fetch failed');
    expect(started.seen.connections).toBe(1);
  });

  it('gives up when its signal times out on a server that never answers', async () => {
    const started = await startRawServer({ silent: true });
    close = started.close;
    await expect(
      outboundFetch(started.url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(started.seen.connections).toBe(1);
  });

  it('goes through the HTTP_PROXY proxy, every request, also on a kept-alive proxy connection', async () => {
    const server = await recording();
    const proxy = await startForwardProxy();
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    try {
      const statuses: number[] = [];
      for (const n of [1, 2, 3]) {
        const response = await outboundFetch(`${server.base}/api/call${n}`, { method: 'POST', body: 'x=1' });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200]);
      expect(proxy.calls).toEqual(
        [1, 2, 3].map((n) => ({ method: 'POST', target: `${server.base}/api/call${n}` })),
      );
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
      await proxy.close();
    }
  });

  it('rejects when nothing listens', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      outboundFetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'x' }),
    ).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('fails an answer longer than 1 MiB instead of reading it whole, announced or streamed', async () => {
    const big = Buffer.alloc(MAX_ANSWER_BYTES + 1, 'x');
    const server = createHttpServer((req, res) => {
      if (req.url === '/announced') res.writeHead(200, { 'content-length': String(big.length) });
      else res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length up front
      res.end(big);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of ['/announced', '/streamed']) {
      const read = outboundFetch(`${base}${path}`).then((response) => response.text());
      await expect(read, path).rejects.toMatchObject({ cause: { code: 'UND_ERR_RES_EXCEEDED_MAX_SIZE' } });
    }
    const small = await outboundFetch(`${base}/announced`.replace('/announced', '/nothing'), {
      method: 'HEAD',
    });
    expect(small.status).toBe(200);
  });
});
