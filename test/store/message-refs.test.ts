import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database as StoreDatabase } from '../../src/store/database.js';
import { StoredMessageRefs } from '../../src/store/message-refs.js';
import { SQLITE_BUSY_TIMEOUT_MS } from '../../src/store/sqlite-dialect.js';
import { createTestDatabaseUrl } from '../support/databases.js';

let database: StoreDatabase;
let path: string;
let drop: () => Promise<void>;

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

it('keeps the reference of a message Slack accepted while another connection holds the write lock past the busy timeout', async () => {
  const refs = new StoredMessageRefs(database.store);
  const ref = {
    purpose: 'triage',
    subjectId: 'req-1',
    platform: 'slack' as const,
    channel: 'C0FACILITY',
    messageId: '1.5',
  };
  const locker = new Database(path);
  locker.exec('BEGIN IMMEDIATE');
  const saving = refs.save(ref);
  // Longer than a statement waits for the lock: that save fails, and a later one succeeds.
  setTimeout(() => locker.exec('ROLLBACK'), SQLITE_BUSY_TIMEOUT_MS + 500);
  await saving;
  locker.close();

  expect(await refs.find(ref)).toEqual(ref);
});
