import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { ProxyAgent } from 'proxy-agent';
import { afterEach, describe, expect, it } from 'vitest';
import { requestOverHttp } from '../../src/http/outgoing-request.js';
import { startForwardProxy } from '../support/forward-proxy.js';
import { startRawServer } from '../support/raw-server.js';

describe('an outgoing platform API request', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it('goes out again on a new connection when the kept-alive one it reused had been closed', async () => {
    const started = await startRawServer();
    close = started.close;
    const first = await requestOverHttp(new URL(started.url), { 'content-type': 'application/json' }, '{}');
    const second = await requestOverHttp(new URL(started.url), { 'content-type': 'application/json' }, '{}');

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.toString()).toBe('{"ok":true}');
    expect(started.seen).toEqual({ connections: 2, answered: 2 });
  });

  it('fails, and is not sent twice, when a fresh connection is reset', async () => {
    const started = await startRawServer({ resetFirst: true });
    close = started.close;

    await expect(requestOverHttp(new URL(started.url), {}, '{}')).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(started.seen.connections).toBe(1);
  });

  it('gives up on a connection that goes silent instead of waiting forever', async () => {
    const started = await startRawServer({ silent: true });
    close = started.close;

    await expect(
      requestOverHttp(new URL(started.url), {}, '{}', 'POST', { idleTimeoutMs: 50 }),
    ).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: expect.stringContaining('no answer in 50 ms'),
    });
    expect(started.seen.connections).toBe(1);
  });

  it('refuses an answer longer than its bound, whether the length is declared or only streamed', async () => {
    const kib = Buffer.alloc(1024, 'x');
    const server = createHttpServer((request, res) => {
      if (request.url === '/declared') {
        res.writeHead(200, { 'content-length': String(64 * kib.length) });
      } else {
        res.writeHead(200);
      }
      // Far more than the bound, and more than it would be polite to buffer: the caller must stop.
      const timer = setInterval(() => res.write(kib), 1);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    for (const path of ['/declared', '/streamed']) {
      await expect(
        requestOverHttp(new URL(`${base}${path}`), {}, '', 'GET', { maxAnswerBytes: 16 * kib.length }),
      ).rejects.toMatchObject({
        code: 'ERR_ANSWER_TOO_LARGE',
        message: `GET 127.0.0.1:${new URL(base).port}${path}: the answer is longer than 16384 bytes, not read`,
      });
    }
  });

  it('reads an answer of exactly its bound', async () => {
    const server = createHttpServer((_request, res) => res.end(Buffer.alloc(2048, 'y')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);

    const answer = await requestOverHttp(url, {}, '', 'GET', { maxAnswerBytes: 2048 });

    expect(answer.body.length).toBe(2048);
  });

  it('through a proxy names the full URL on every request, a kept-alive connection reused or not', async () => {
    const server = createHttpServer((request, res) => res.end(`${request.method} ${request.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = await startForwardProxy();
    close = async () => {
      await proxy.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = new ProxyAgent({ keepAlive: true, getProxyForUrl: () => proxy.url });

    const answers = [];
    for (const [method, body] of [
      ['POST', '{}'],
      ['GET', ''],
      ['PUT', '{"a":1}'],
    ] as const) {
      const answer = await requestOverHttp(new URL(`${base}/v3/${method}`), {}, body, method, { agent });
      answers.push(`${answer.status} ${answer.body.toString()}`);
    }
    agent.destroy();

    expect(answers).toEqual(['200 POST /v3/POST', '200 GET /v3/GET', '200 PUT /v3/PUT']);
    expect(proxy.calls.map((call) => `${call.method} ${call.target}`)).toEqual([
      `POST ${base}/v3/POST`,
      `GET ${base}/v3/GET`,
      `PUT ${base}/v3/PUT`,
    ]);
    expect(proxy.connections()).toBe(1);
  });

  it('gives up on a proxy that takes the connection and never opens the tunnel', async () => {
    const sockets: Socket[] = [];
    const silentProxy = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silentProxy.listen(0, '127.0.0.1', resolve));
    close = () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        silentProxy.close(() => resolve());
      });
    const proxyUrl = `http://127.0.0.1:${(silentProxy.address() as AddressInfo).port}`;
    const agent = new ProxyAgent({ getProxyForUrl: () => proxyUrl });

    await expect(
      requestOverHttp(new URL('https://smba.trafficmanager.net/amer/v3/conversations'), {}, '{}', 'POST', {
        agent,
        idleTimeoutMs: 50,
      }),
    ).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: 'POST smba.trafficmanager.net/amer/v3/conversations: no connection in 50 ms',
    });
    expect(sockets).toHaveLength(1);
  });
});
