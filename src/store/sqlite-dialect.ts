import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
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

/** Kysely's SQLite dialect with the driver above. */
export class GapdeskSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
