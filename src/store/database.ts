import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { applyMigrations, providerOf, sqlitePath } from './migrate.js';
import { Turns } from './one-connection.js';
import type { Provider } from './schema-files.js';
import { PrismaSqlStore, type SqlStore } from './sql.js';
import { SqliteSqlStore } from './sqlite-sql.js';
import { WAL_AUTOCHECKPOINT_OFF, WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.js';

/**
 * The client every repository uses. Both generated clients come from one models file, so their
 * model APIs are the same; we type against the SQLite one (the embedded default) and the
 * dual-database test suite proves the PostgreSQL client behaves the same.
 */
export type Db = SqliteClient;
/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
/** Either: repositories accept both so a service can compose several writes in one transaction. */
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  /** Plain SQL for the hot paths: direct on SQLite, through Prisma on PostgreSQL (see sql.ts). */
  sql: SqlStore;
  provider: Provider;
  close: () => Promise<void>;
};

export type DatabaseOptions = {
  /** Hears of failures no caller awaits (a WAL checkpoint). */
  onBackgroundError?: (message: string) => void;
  /** Resolves at a moment when no request is being answered (a server's Foreground). */
  quiet?: () => Promise<void>;
  /** SQLite's checkpoint thread: how often it runs, and at what length it restarts the log. */
  checkpoints?: Pick<WalCheckpointerOptions, 'everyMs' | 'restartAtFrames'>;
};

/**
 * Migrates, then connects. `file:PATH` is SQLite (created if missing); `postgresql://…` is
 * PostgreSQL.
 */
export async function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Promise<Database> {
  const onBackgroundError =
    options.onBackgroundError ??
    ((message: string) => process.stderr.write(`gapdesk: SQLite checkpoint failed: ${message}\n`));
  await applyMigrations(databaseUrl);
  const provider = providerOf(databaseUrl);
  if (provider === 'postgresql') {
    const db = new PostgresClient({
      adapter: new PrismaPg({ connectionString: databaseUrl }),
    }) as unknown as Db;
    await db.$connect();
    return { db, sql: new PrismaSqlStore(db, provider), provider, close: () => db.$disconnect() };
  }
  const turns = new Turns();
  const db = turns.wrap(
    new SqliteClient({
      adapter: new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl), timeout: 10_000 }),
      // Prisma otherwise captures a stack trace on every query to point at the caller in
      // error messages; our errors carry their own context, and acks are latency-bound.
      errorFormat: 'minimal',
    }),
  );
  await db.$connect();
  await db.$queryRawUnsafe(WAL_AUTOCHECKPOINT_OFF);
  const sql = new SqliteSqlStore(sqlitePath(databaseUrl), turns, db);
  const checkpointer = new WalCheckpointer(sqlitePath(databaseUrl), onBackgroundError, {
    ...options.checkpoints,
    // In our turn, so neither connection is mid-statement; after a quiet moment, so no answer waits.
    whenQuiet: async (restart) => {
      await options.quiet?.();
      await turns.take(restart);
    },
  });
  return {
    db,
    sql,
    provider,
    close: async () => {
      await checkpointer.stop();
      // Last in line, so nothing already issued is cut off. The last connection to close
      // checkpoints what is left (SQLite does that whatever wal_autocheckpoint says).
      await turns.take(async () => sql.close());
      await db.$disconnect();
    },
  };
}
