import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { applyMigrations, providerOf, sqlitePath } from './migrate.js';
import type { Provider } from './schema-files.js';
import { SqliteOneWriter } from './sqlite-one-writer.js';

/**
 * The Prisma client the store's functions use. Both generated clients come from one models
 * file, so their model APIs are the same; we type against the SQLite one (the embedded
 * default) and the dual-database test suite proves the PostgreSQL client behaves the same.
 */
export type Db = SqliteClient;
/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
/** Either: the store's functions accept both, so a service can compose several in one transaction. */
export type DbOrTx = Db | Tx;

declare const storeBrand: unique symbol;
/**
 * What services and jobs hold of the database: a handle they can only pass to the store's
 * functions (src/store), never query themselves. Inside `transaction` the handle is the
 * transaction's, so the same functions join it.
 */
export type Store = { readonly [storeBrand]: true };

export function storeOf(client: DbOrTx): Store {
  return client as unknown as Store;
}

/** For src/store only: the client behind a handle. */
export function clientOf(store: Store): DbOrTx {
  return store as unknown as DbOrTx;
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
 * Inside a transaction already, `work` simply joins it.
 */
export function transaction<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  const client = clientOf(store);
  if (openTransactions.has(client)) return work(store);
  return (client as Db).$transaction((tx) => {
    openTransactions.add(tx);
    return work(storeOf(tx));
  }, TRANSACTION_OPTIONS);
}

/** Transaction clients, which look like the top-level client but cannot open another. */
const openTransactions = new WeakSet<DbOrTx>();

/** Waits (maxWait) happen on SQLite, where transactions queue for the one connection. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export type Database = {
  store: Store;
  /** The Prisma client itself, for tests that inspect rows; app code goes through `store`. */
  db: Db;
  provider: Provider;
  close: () => Promise<void>;
};

/**
 * Migrates, then connects: one Prisma client per process, on one connection for SQLite and a
 * pool for PostgreSQL. `file:PATH` is SQLite (created if missing); `postgresql://…` is
 * PostgreSQL.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  await applyMigrations(databaseUrl);
  const provider = providerOf(databaseUrl);
  const db =
    provider === 'postgresql'
      ? (new PostgresClient({
          adapter: new PrismaPg({ connectionString: databaseUrl }),
          errorFormat: 'minimal',
        }) as unknown as Db)
      : new SqliteClient({
          adapter: new SqliteOneWriter(
            new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl), timeout: 10_000 }),
          ),
          // Prisma otherwise captures a stack trace on every query to point at the caller in its
          // error messages; ours carry their own context.
          errorFormat: 'minimal',
        });
  await db.$connect();
  if (provider === 'sqlite') await tuneSqlite(db);
  return { store: storeOf(db), db, provider, close: () => db.$disconnect() };
}

/**
 * WAL mode (set by the migrations; it persists in the file) with `synchronous = NORMAL`: a
 * commit is in the log before a request is acknowledged, so a crash or restart of the process
 * loses nothing (see docs/architecture.md, Durability on SQLite). SQLite checkpoints the log
 * itself every 1000 pages (`wal_autocheckpoint`, its default), and `journal_size_limit` cuts the
 * file back to 64 MB after a checkpoint instead of leaving it as long as its longest moment.
 */
async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 1000');
  await db.$queryRawUnsafe(`PRAGMA journal_size_limit = ${64 * 1024 * 1024}`);
}

/** Throws when the database cannot be reached (for /healthz). */
export async function pingDatabase(store: Store): Promise<void> {
  await clientOf(store).$queryRaw`SELECT 1`;
}
