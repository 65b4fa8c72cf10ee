import type BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import {
  applyPostgresMigrations,
  applySqliteMigrations,
  openSqliteConnection,
  providerOf,
  sqlitePath,
} from './migrate.js';
import type { Provider } from './schema-files.js';
import type { DB } from './schema-types.js';
import { GapdeskSqliteDialect } from './sqlite-dialect.js';
import { SqliteValues } from './sqlite-values.js';

/** The query builder the store's functions use, typed by the tables generated from the schema. */
export type Db = Kysely<DB>;
/** Either the database or a transaction on it: the store's functions accept both. */
export type DbOrTx = Db | Transaction<DB>;

declare const storeBrand: unique symbol;
/**
 * What services and jobs hold of the database: a handle they can only pass to the store's
 * functions (src/store), never query themselves. Inside `transaction` the handle is the
 * transaction's, so the same functions join it.
 */
export type Store = { readonly [storeBrand]: true };

export function storeOf(db: DbOrTx): Store {
  return db as unknown as Store;
}

/** For src/store only: the query builder behind a handle. */
export function clientOf(store: Store): DbOrTx {
  return store as unknown as DbOrTx;
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
 * Inside a transaction already, `work` simply joins it.
 */
export function transaction<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  const db = clientOf(store);
  if (db.isTransaction) return work(store);
  return db.transaction().execute((tx) => work(storeOf(tx)));
}

export type Database = {
  store: Store;
  /** The query builder itself, for tests that inspect rows; app code goes through `store`. */
  db: Db;
  provider: Provider;
  close: () => Promise<void>;
};

/**
 * Migrates, then opens: one connection for SQLite (Kysely's driver queues every query while a
 * transaction holds it, so nothing runs inside another flow's transaction), a pool for
 * PostgreSQL. `file:PATH` is SQLite (created if missing); `postgresql://…` is PostgreSQL.
 */
export async function openDatabase(databaseUrl: string, log: DatabaseLog = consoleLog): Promise<Database> {
  const provider = providerOf(databaseUrl);
  const db =
    provider === 'postgresql' ? await openPostgres(databaseUrl, log) : openSqlite(sqlitePath(databaseUrl));
  return { store: storeOf(db), db, provider, close: () => db.destroy() };
}

function openSqlite(path: string): Db {
  const connection = openSqliteConnection(path);
  try {
    applySqliteMigrations(connection);
    tuneSqlite(connection);
    return new Kysely<DB>({
      dialect: new GapdeskSqliteDialect({ database: connection }),
      plugins: [SqliteValues.of(connection), new CamelCasePlugin()],
    });
  } catch (error) {
    connection.close();
    throw error;
  }
}

/**
 * WAL mode (set by the migrations; it persists in the file) with `synchronous = NORMAL`: a
 * commit is in the log before a request is acknowledged, so a crash or restart of the process
 * loses nothing (see docs/architecture.md, Durability on SQLite). SQLite checkpoints the log
 * itself every 1000 pages (`wal_autocheckpoint`, its default), and `journal_size_limit` cuts the
 * file back to 64 MB after a checkpoint instead of leaving it as long as its longest moment.
 */
function tuneSqlite(connection: BetterSqlite3.Database): void {
  connection.pragma('synchronous = NORMAL');
  // Waiting for another connection's lock is GapdeskSqliteDialect's, without blocking the process.
  connection.pragma('busy_timeout = 0');
  connection.pragma('wal_autocheckpoint = 1000');
  connection.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
}

// `pg` writes a Date in the server's local time by default; the columns hold UTC.
pg.defaults.parseInputDatesAsUTC = true;

/** Where the database reports what goes wrong outside any query (the app's logger). */
export type DatabaseLog = { warn: (fields: { err: unknown }, message: string) => void };

/** For the CLI's short runs, which have no logger. */
const consoleLog: DatabaseLog = {
  warn: (fields, message) => console.error(message, fields.err),
};

async function openPostgres(url: string, log: DatabaseLog): Promise<Db> {
  await applyPostgresMigrations(url);
  const pool = new pg.Pool({ connectionString: url, types: POSTGRES_TYPES });
  // A connection the server closes (a restart, an operator ending sessions) emits 'error'. The
  // pool listens only while the connection is idle; one checked out for a query or a
  // transaction would end the process unheard. Its query fails by itself, and the pool drops
  // it when it comes back, so the next query opens a new one: both cases are only reported.
  pool.on('connect', (client) => {
    // A cut connection says so twice (the server's FATAL, then the socket's end): once is enough.
    let reported = false;
    client.on('error', (error) => {
      if (reported) return;
      reported = true;
      log.warn({ err: error }, 'a PostgreSQL connection failed; the pool replaces it');
    });
  });
  // The idle case, already reported by the connection's own listener above.
  pool.on('error', () => undefined);
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const INT8 = 20;
/**
 * The schema's timestamps are UTC without a zone (as Prisma made them): read them as UTC, not
 * as the server's local time, which is what `pg` assumes. Counts come back as int8, which `pg`
 * leaves as text; every int8 we read is a count, far below 2^53.
 */
const POSTGRES_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMP_WITHOUT_TIME_ZONE) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    if (oid === INT8) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Throws when the database cannot be reached (for /healthz). */
export async function pingDatabase(store: Store): Promise<void> {
  await sql`SELECT 1`.execute(clientOf(store));
}
