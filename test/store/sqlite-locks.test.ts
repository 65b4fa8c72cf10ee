import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { openDatabase, type Database as StoreDatabase, transaction } from '../../src/store/database.js';
import { countJobs } from '../../src/store/jobs.js';
import { countRows, createTestDatabaseUrl } from '../support/databases.js';

let database: StoreDatabase;
let path: string;
let drop: () => Promise<void>;
const clock = new ManualClock(new Date('2026-11-02T09:00:00Z'));

beforeAll(async () => {
  const created = await createTestDatabaseUrl('sqlite');
  drop = created.drop;
  path = created.url.slice('file:'.length);
  database = await openDatabase(created.url);
});
afterAll(async () => {
  await database.close();
  await drop();
});

it("a transaction that reads, then writes, waits for another connection's write lock without stopping the process", async () => {
  const queue = new JobQueue(database.store, database.provider, 14);
  const locker = new Database(path);
  locker.exec('BEGIN IMMEDIATE');
  const written = transaction(database.store, async (tx) => {
    await countJobs(tx);
    return queue.enqueue(tx, { kind: 'note', payload: {}, idempotencyKey: 'after-the-lock' }, clock.now());
  });
  // Runs only if the process is not held up inside SQLite while the transaction waits.
  setImmediate(() => locker.exec('COMMIT'));

  expect(await written).toBe(true);
  locker.close();
  expect(await countRows(database.db, 'jobs', (eb) => eb('idempotencyKey', '=', 'after-the-lock'))).toBe(1);
});
