import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { setImmediate } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboundRequest } from '../../src/http/outbound-request.js';
import { startForwardProxy } from '../support/forward-proxy.js';
import { startRawServer } from '../support/raw-server.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];

describe('an outgoing platform API request', () => {
  let close: (() => Promise<void>) | undefined;
  let saved: Map<string, string | undefined>;
  beforeEach(() => {
    saved = new Map(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of PROXY_VARIABLES) delete process.env[name];
  });
  afterEach(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await close?.();
    close = undefined;
  });

  async function serve(listener: RequestListener): Promise<string> {
    const server = createHttpServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const post = (url: string) =>
    outboundRequest(new URL(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

  /** `through HTTP_PROXY`: a forward proxy on 127.0.0.1, which tunnels to the server. */
  async function route(how: 'directly' | 'through HTTP_PROXY', closeServer: () => Promise<void>) {
    if (how === 'directly') {
      close = closeServer;
      return;
    }
    const proxy = await startForwardProxy();
    process.env.HTTP_PROXY = proxy.url;
    close = async () => {
      await proxy.close();
      await closeServer();
    };
  }

  it.each(['directly', 'through HTTP_PROXY'] as const)(
    '%s: fails on a kept-alive connection the server had closed, and the next call goes out on a new one',
    async (how) => {
      const started = await startRawServer();
      await route(how, started.close);

      const first = await post(started.url);
      // One turn of the event loop gives the connection back to undici's pool, so the next call reuses it.
      await setImmediate();
      await expect(post(started.url)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
      const third = await post(started.url);

      expect([first, third].map((answer) => `${answer.status} ${answer.text}`)).toEqual(
        Array(2).fill('200 {"ok":true}'),
      );
      // Each connection answers only its first call: the second call failed on the first
      // connection, unanswered and not sent again, and the third had a new one.
      expect(started.seen).toEqual({ connections: 2, answered: 2 });
    },
  );

  it.each(['directly', 'through HTTP_PROXY'] as const)(
    '%s: fails, and is not sent twice, when a fresh connection is reset',
    async (how) => {
      const started = await startRawServer({ resetFirst: true });
      await route(how, started.close);

      await expect(post(started.url)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
      expect(started.seen).toEqual({ connections: 1, answered: 0 });
    },
  );

  it('gives up on a connection that goes silent instead of waiting forever', async () => {
    const started = await startRawServer({ silent: true });
    close = started.close;

    await expect(
      outboundRequest(
        new URL(started.url),
        { method: 'POST', headers: {}, body: '{}' },
        { idleTimeoutMs: 50 },
      ),
    ).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: expect.stringContaining('no answer in 50 ms'),
    });
    expect(started.seen.connections).toBe(1);
  });

  it('gives up on an answer that stops half way', async () => {
    const base = await serve((_request, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"id":');
    });

    await expect(
      outboundRequest(
        new URL(`${base}/v3/conversations`),
        { method: 'GET', headers: {} },
        { idleTimeoutMs: 50 },
      ),
    ).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: `GET ${new URL(base).host}/v3/conversations: no answer in 50 ms`,
    });
  });

  it('refuses an answer longer than its bound, whether the length is declared or only streamed', async () => {
    const kib = Buffer.alloc(1024, 'x');
    const base = await serve((request, res) => {
      if (request.url === '/declared') {
        res.writeHead(200, { 'content-length': String(64 * kib.length) });
      } else {
        res.writeHead(200);
      }
      // Far more than the bound, and more than it would be polite to buffer: the caller must stop.
      const timer = setInterval(() => res.write(kib), 1);
      res.on('close', () => clearInterval(timer));
    });

    for (const path of ['/declared', '/streamed']) {
      await expect(
        outboundRequest(
          new URL(`${base}${path}`),
          { method: 'GET', headers: {} },
          { maxAnswerBytes: 16 * kib.length },
        ),
      ).rejects.toMatchObject({
        code: 'ERR_ANSWER_TOO_LARGE',
        message: `GET 127.0.0.1:${new URL(base).port}${path}: the answer is longer than 16384 bytes, not read`,
      });
    }
  });

  it('reads an answer of exactly its bound', async () => {
    const base = await serve((_request, res) => res.end(Buffer.alloc(2048, 'y')));

    const answer = await outboundRequest(
      new URL(`${base}/`),
      { method: 'GET', headers: {} },
      { maxAnswerBytes: 2048 },
    );

    expect(answer.text).toBe('y'.repeat(2048));
  });

  it('through the HTTP_PROXY proxy names the full URL on every request, a kept-alive connection reused or not', async () => {
    const base = await serve((request, res) => res.end(`${request.method} ${request.url}`));
    const proxy = await startForwardProxy();
    const closeServer = close;
    close = async () => {
      await proxy.close();
      await closeServer?.();
    };
    process.env.HTTP_PROXY = proxy.url;

    const answers = [];
    for (const [method, body] of [
      ['POST', '{}'],
      ['GET', undefined],
      ['PUT', '{"a":1}'],
      ['GET', undefined],
    ] as const) {
      const answer = await outboundRequest(new URL(`${base}/v3/${method}`), { method, headers: {}, body });
      answers.push(`${answer.status} ${answer.text}`);
    }

    expect(answers).toEqual(['200 POST /v3/POST', '200 GET /v3/GET', '200 PUT /v3/PUT', '200 GET /v3/GET']);
    expect(proxy.calls.map((call) => `${call.method} ${call.target}`)).toEqual([
      `POST ${base}/v3/POST`,
      `GET ${base}/v3/GET`,
      `PUT ${base}/v3/PUT`,
      `GET ${base}/v3/GET`,
    ]);
    expect(proxy.connections()).toBeLessThan(answers.length);
  });

  it('goes direct to a host NO_PROXY names, the proxy variables read at each call', async () => {
    const base = await serve((request, res) => res.end(`${request.method} ${request.url}`));
    const proxy = await startForwardProxy();
    const closeServer = close;
    close = async () => {
      await proxy.close();
      await closeServer?.();
    };
    process.env.HTTP_PROXY = proxy.url;
    const proxied = await outboundRequest(new URL(`${base}/v3/first`), { method: 'GET', headers: {} });
    process.env.no_proxy = '127.0.0.1';
    const direct = await outboundRequest(new URL(`${base}/v3/second`), { method: 'GET', headers: {} });

    expect([proxied.text, direct.text]).toEqual(['GET /v3/first', 'GET /v3/second']);
    expect(proxy.calls).toEqual([{ method: 'GET', target: `${base}/v3/first` }]);
  });

  it('gives up at its deadline on a proxy that takes the connection and never opens the tunnel', async () => {
    const sockets: Socket[] = [];
    const silentProxy = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silentProxy.listen(0, '127.0.0.1', resolve));
    close = () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        silentProxy.close(() => resolve());
      });
    process.env.HTTPS_PROXY = `http://127.0.0.1:${(silentProxy.address() as AddressInfo).port}`;

    await expect(
      outboundRequest(
        new URL('https://smba.trafficmanager.net/amer/v3/conversations'),
        { method: 'POST', headers: {}, body: '{}' },
        { deadlineMs: 50 },
      ),
    ).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: 'POST smba.trafficmanager.net/amer/v3/conversations: no answer in 50 ms',
    });
    expect(sockets).toHaveLength(1);
  });
});
