import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { WAL_AUTOCHECKPOINT_OFF, WalCheckpointer } from '../../src/store/wal-checkpointer.js';

const run = promisify(execFile);
const STOP_FIXTURE = fileURLToPath(new URL('./fixtures/stop-checkpointer.ts', import.meta.url));

describe('WAL checkpoints off the event loop', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gapdesk-wal-'));
    path = join(dir, 'test.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A writer like ours: WAL, automatic checkpoints off, 2 MB committed in small transactions. */
  function writeWithoutCheckpoints(): Database.Database {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(WAL_AUTOCHECKPOINT_OFF);
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
    for (let i = 0; i < 1000; i++) insert.run('x'.repeat(2000));
    return db;
  }

  it('the thread copies committed pages into the database file on its own schedule', async () => {
    const db = writeWithoutCheckpoints();
    // Nothing has been checkpointed: the database file holds none of the rows yet.
    expect(statSync(path).size).toBeLessThan(100_000);
    const checkpointer = new WalCheckpointer(path, (message) => expect.fail(message), {
      everyMs: 20,
    });
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(2_000_000), { timeout: 5_000 });
    await checkpointer.stop();
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 1000 });
    db.close();
  });

  it('a checkpoint on request reports every WAL frame as copied', async () => {
    const db = writeWithoutCheckpoints();
    const checkpointer = new WalCheckpointer(path, (message) => expect.fail(message), {
      everyMs: 60_000,
    });
    const result = await checkpointer.checkpoint();
    expect(result.walFrames).toBeGreaterThan(400);
    expect(result.checkpointedFrames).toBe(result.walFrames);
    await checkpointer.stop();
    db.close();
  });

  it('stop() resolves, and the process ends normally, even when the thread reports a long log as it is told to stop', async () => {
    // In a process of its own: here vitest keeps the event loop busy, which would hide a
    // process that ends (exit code 13) with stop() still waiting for the thread.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', STOP_FIXTURE, path], {
      timeout: 30_000,
    });
    expect(stdout).toBe('stopped\n');
  });

  it('a checkpoint that cannot run is reported, not hidden', async () => {
    const reported: string[] = [];
    const checkpointer = new WalCheckpointer(join(dir, 'missing', 'test.db'), (m) => reported.push(m), {
      everyMs: 60_000,
    });
    await expect(checkpointer.checkpoint()).rejects.toThrow(/stopped/);
    expect(reported.join(' ')).toMatch(/cannot open database/i);
    await checkpointer.stop();
  });

  it('under commits that never pause, the log is started over instead of growing without end', async () => {
    let quietMoments = 0;
    const database = await openDatabase(`file:${path}`, {
      onBackgroundError: (message) => expect.fail(message),
      quiet: async () => {
        quietMoments += 1;
      },
      checkpoints: { everyMs: 10, restartAtFrames: 256 },
    });
    const walBytes = () => statSync(`${path}-wal`).size;
    try {
      await database.sql.sql.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
      // Commits of 3 KB, one after another as fast as they go, so every passive checkpoint
      // meets commits; the event loop is free between some of them, as a server's is.
      let written = 0;
      const write = async (count: number) => {
        for (let i = 0; i < count; i++, written++) {
          await database.sql.transaction((sql) =>
            sql.run('INSERT INTO filler (body) VALUES (?)', 'x'.repeat(3_000)),
          );
          if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      };
      // First until the checkpoint thread is up and the log file stops growing (it never does
      // if the log is only appended to), however long the thread takes to start.
      let before = -1;
      for (let round = 0; round < 10 && walBytes() !== before; round++) {
        before = walBytes();
        await write(500);
      }
      const settled = walBytes();
      await write(2_500);
      // Appended to, the log grows by every commit's pages: about 30 MB here. Started over, it
      // reuses its file, which grows past its earlier size only while a restart waits for the
      // thread (by a megabyte or two when the machine is busy, as under the whole suite).
      expect(walBytes() - settled).toBeLessThan(8_000_000);
      // Each restart waited for a moment with no request being answered.
      expect(quietMoments).toBeGreaterThan(0);
      // Nothing committed meanwhile was lost.
      expect(await database.sql.sql.get('SELECT count(*) AS n FROM filler')).toEqual({ n: written });
    } finally {
      await database.close();
    }
  });

  it("gapdesk's own SQLite connections leave checkpoints to the thread", async () => {
    const database = await openDatabase(`file:${path}`);
    try {
      expect(await database.sql.sql.get('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 0 });
      const viaPrisma =
        await database.db.$queryRawUnsafe<Array<{ wal_autocheckpoint: unknown }>>(
          'PRAGMA wal_autocheckpoint',
        );
      expect(Number(viaPrisma[0]?.wal_autocheckpoint)).toBe(0);
    } finally {
      await database.close();
    }
  });
});
