import { Writable } from 'node:stream';
import express from 'express';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createHttpApp } from '../../src/http/server.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { type Database, openDatabase, storeOf } from '../../src/store/database.js';
import type { DB } from '../../src/store/schema-types.js';
import { createTestDatabaseUrl } from '../support/databases.js';

const ADMIN_TOKEN = 'admin-token-for-the-healthz-test-0123456789';
// Through a reverse proxy on this host: a request from loopback that is not local.
const PROXIED = { 'x-forwarded-for': '203.0.113.9' };

describe('GET /healthz', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let baseUrl: string;
  let close: () => void;
  let draining = false;
  const logLines: string[] = [];
  const clock = new ManualClock('2026-11-23T09:00:00Z');

  beforeAll(async () => {
    const created = await createTestDatabaseUrl('sqlite');
    drop = created.drop;
    database = await openDatabase(created.url);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const app = createHttpApp({
      store: database.store,
      queue: new JobQueue(database.store, database.provider, 14),
      clock,
      logger,
      adminToken: ADMIN_TOKEN,
      draining: () => draining,
    });
    // A mounted router rewrites req.url while it handles a request, as the report's does.
    const mounted = express.Router();
    mounted.get('/page', (_req, res) => {
      res.send('ok');
    });
    app.use('/mounted/:team', mounted);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    close = () => server.close();
  });

  afterAll(async () => {
    close();
    await database.close();
    await drop();
  });

  it("answers the word ok; the details (database, oldest due job's lag) only on ?details from loopback", async () => {
    const queue = new JobQueue(database.store, database.provider, 14);
    await queue.enqueue(
      database.store,
      { kind: 'x', payload: {}, idempotencyKey: 'h1' },
      new Date('2026-11-23T08:58:00Z'),
    );
    const plain = await fetch(`${baseUrl}/healthz`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await plain.text()).toBe('ok');
    const response = await fetch(`${baseUrl}/healthz?details`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'reachable',
      jobs: { oldestDueLagSeconds: 120, failed: 0, pending: 1 },
    });
  });

  it('gives the details to anyone else only with the admin token as a bearer token', async () => {
    const details = (headers: Record<string, string>) =>
      fetch(`${baseUrl}/healthz?details`, { headers: { ...PROXIED, ...headers } }).then(async (response) => [
        response.status,
        await response.text(),
      ]);
    expect(await details({})).toEqual([200, 'ok']);
    expect(await details({ authorization: `Bearer ${ADMIN_TOKEN}x` })).toEqual([200, 'ok']);
    expect(await details({ authorization: ADMIN_TOKEN })).toEqual([200, 'ok']);
    const [status, text] = await details({ authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(status).toBe(200);
    expect(JSON.parse(String(text))).toMatchObject({ status: 'ok', database: 'reachable' });
  });

  it('echoes a plain x-request-id and replaces any other with its own', async () => {
    const echoed = async (id: string) =>
      (await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': id } })).headers.get('x-request-id');
    expect(await echoed('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(await echoed('Root=1-5759e988-bd862e3fe1be46a994272793')).toBe(
      'Root=1-5759e988-bd862e3fe1be46a994272793',
    );
    for (const bad of ['x'.repeat(129), '<script>alert(1)</script>', 'two words', 'a,b', 'é']) {
      const id = await echoed(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(logLines.join('')).not.toContain('<script>');
  });

  it('answers degraded (503) while shutting down, and closes each connection after its answer', async () => {
    draining = true;
    try {
      const plain = await fetch(`${baseUrl}/healthz`);
      expect([plain.status, await plain.text()]).toEqual([503, 'degraded']);
      expect(plain.headers.get('connection')).toBe('close');
      const details = await fetch(`${baseUrl}/healthz?details`);
      expect(await details.json()).toEqual({ status: 'degraded', shuttingDown: true });
    } finally {
      draining = false;
    }
  });

  it('logs each request as JSON with a request id and without the body', async () => {
    await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': 'req-42' } });
    const line = logLines
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.requestId === 'req-42');
    expect(line).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/healthz',
      status: 200,
      msg: 'request',
      service: 'gapdesk',
    });
  });

  it('logs the path as asked, not as a mounted router rewrote it', async () => {
    await fetch(`${baseUrl}/mounted/facilities/page`, { headers: { 'x-request-id': 'req-43' } });
    const line = logLines
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.requestId === 'req-43');
    expect(line).toMatchObject({ path: '/mounted/facilities/page', status: 200 });
  });

  it('answers degraded (503) when the database is unreachable', async () => {
    // A real client against a loopback port nothing listens on: a refused connection, not a mock.
    const unreachable = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: 'postgresql://nobody@127.0.0.1:1/none',
          connectionTimeoutMillis: 1_000,
        }),
      }),
      plugins: [new CamelCasePlugin()],
    });
    const app = createHttpApp({
      store: storeOf(unreachable),
      queue: new JobQueue(storeOf(unreachable), 'postgresql', 14),
      clock,
      logger: silentLogger,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const plain = await fetch(`http://127.0.0.1:${port}/healthz`);
    const details = await fetch(`http://127.0.0.1:${port}/healthz?details`);
    server.close();
    await unreachable.destroy();
    expect([plain.status, await plain.text()]).toEqual([503, 'degraded']);
    expect(details.status).toBe(503);
    expect(await details.json()).toEqual({ status: 'degraded', database: 'unreachable' });
  });
});
