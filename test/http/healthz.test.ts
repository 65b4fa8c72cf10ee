import { Writable } from 'node:stream';
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

describe('GET /healthz', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let baseUrl: string;
  let close: () => void;
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
    });
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

  it("reports the database reachable and the oldest due job's lag", async () => {
    const queue = new JobQueue(database.store, database.provider, 14);
    await queue.enqueue(
      database.store,
      { kind: 'x', payload: {}, idempotencyKey: 'h1' },
      new Date('2026-11-23T08:58:00Z'),
    );
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'reachable',
      jobs: { oldestDueLagSeconds: 120, failed: 0, pending: 1 },
    });
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

  it('answers 503 when the database is unreachable', async () => {
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
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    server.close();
    await unreachable.destroy();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });
});
