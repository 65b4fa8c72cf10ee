import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';

/**
 * How long a statement waits for another connection's write lock (an operator's `sqlite3`, a
 * CLI verb) before it fails with SQLITE_BUSY. Slack gives up on an answer after 3 s: within
 * that, the person sees gapdesk's "did not save, try again" instead of Slack's own error.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 2_000;
const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 100;
const READ = /^\s*(select|with)\b/i;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * How long the connection has been kept from the write lock. Statements queue for the one
 * connection, so each waiting its own full timeout would answer the last of them long after
 * Slack gave up: they share one wait instead, which ends when a write gets through. A
 * refusal more than a second after the last one starts a new wait.
 */
class LockWait {
  private since: number | undefined;
  private lastRefusedAt = Number.NEGATIVE_INFINITY;

  /** A statement was refused: how long the wait has lasted. */
  refused(now: number): number {
    if (this.since === undefined || now - this.lastRefusedAt > 1_000) this.since = now;
    this.lastRefusedAt = now;
    return now - this.since;
  }

  over(): void {
    this.since = undefined;
  }
}

/**
 * Waits for the write lock without blocking the process. SQLite's own busy timeout sleeps in
 * the calling thread, so every request and job would stop while one statement waits; here the
 * connection's busy timeout is 0 and a statement refused with SQLITE_BUSY (which changed
 * nothing) is tried again after a timer, until the wait has lasted SQLITE_BUSY_TIMEOUT_MS.
 * Meanwhile Kysely's driver holds the one connection, so the process's other queries wait
 * their turn as usual.
 */
class PatientConnection implements DatabaseConnection {
  constructor(
    private readonly connection: DatabaseConnection,
    private readonly wait: LockWait,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, LONGEST_RETRY_MS)) {
      try {
        const result = await this.connection.executeQuery<R>(query);
        // A read gets through while another connection holds the lock; only a write ends the wait.
        if (!READ.test(query.sql)) this.wait.over();
        return result;
      } catch (error) {
        if (!isBusy(error) || this.wait.refused(Date.now()) + pause > SQLITE_BUSY_TIMEOUT_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.connection.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Every transaction here writes, and begins by taking the write lock (`BEGIN IMMEDIATE`). A
 * plain `BEGIN` takes it at the first write, after a read: when another connection holds it
 * then, SQLite fails at once with SQLITE_BUSY, whatever the busy timeout, since the read's
 * snapshot could be stale. Taken first, it can be waited for. Within the process nothing
 * changes: the one connection runs one transaction at a time anyway.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private readonly lockWait = new LockWait();

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new PatientConnection(await super.acquireConnection(), this.lockWait);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * How many distinct statements stay prepared. gapdesk's fixed queries number a few dozen; the
 * bound keeps the ones whose text varies (an `in (?, ?, …)` list, the digest's) from
 * accumulating: the least recently used is dropped first.
 */
export const PREPARED_STATEMENTS_KEPT = 200;

/**
 * Kysely's driver prepares every statement anew, and SQLite's parse and plan is a third of a
 * click's database time; a statement prepared once is reused (better-sqlite3 re-prepares it
 * itself if the schema changes). Safe on the one connection: Kysely runs one query at a time
 * on it, and each statement finishes (`all`/`run`) before the next starts.
 */
class KeptStatements implements SqliteDatabase {
  private readonly kept = new Map<string, SqliteStatement>();

  constructor(
    private readonly database: SqliteDatabase,
    private readonly limit: number,
  ) {}

  prepare(sql: string): SqliteStatement {
    const known = this.kept.get(sql);
    if (known) {
      // Map order is insertion order: moving a hit to the end keeps the oldest first in line.
      this.kept.delete(sql);
      this.kept.set(sql, known);
      return known;
    }
    const statement = this.database.prepare(sql);
    this.kept.set(sql, statement);
    if (this.kept.size > this.limit) {
      const oldest = this.kept.keys().next();
      if (!oldest.done) this.kept.delete(oldest.value);
    }
    return statement;
  }

  close(): void {
    this.kept.clear();
    this.database.close();
  }
}

/** Kysely's SQLite dialect with the driver above, on a connection that keeps its statements. */
export class GapdeskSqliteDialect extends SqliteDialect {
  private readonly settings: SqliteDialectConfig;

  constructor(settings: SqliteDialectConfig & { database: SqliteDatabase }) {
    const withKept = {
      ...settings,
      database: new KeptStatements(settings.database, PREPARED_STATEMENTS_KEPT),
    };
    super(withKept);
    this.settings = withKept;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
