import Database from 'better-sqlite3';
import type { Turns } from './one-connection.js';
import { type RawClient, type Sql, type SqlStore, type SqlValue, sqlOver } from './sql.js';
import { WAL_AUTOCHECKPOINT_OFF } from './wal-checkpointer.js';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * SQL on SQLite through better-sqlite3 directly, on a connection of its own, with each
 * statement prepared once. A statement this way costs tens of microseconds; through Prisma it
 * costs about ten times that, which at 200 clicks a second was the whole CPU budget.
 *
 * Every statement and transaction takes a turn (Turns) shared with the Prisma client, so the
 * two connections never wait on each other's locks. A transaction here is synchronous SQLite
 * work between BEGIN IMMEDIATE and COMMIT; its callback must not await anything but its own
 * statements (it holds everyone's turn), nor use Prisma (that would wait for this very turn).
 */
export class SqliteSqlStore implements SqlStore {
  readonly sql: Sql;
  private readonly connection: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly inTransaction: Sql;

  constructor(
    path: string,
    private readonly turns: Turns,
    /** The Prisma client whose top-level queries share these turns. */
    private readonly prisma: RawClient,
  ) {
    // Durability as on Prisma's connection: better-sqlite3's WAL default, synchronous=NORMAL
    // (a commit survives the process dying; see docs/architecture.md, Durability on SQLite).
    this.connection = new Database(path, { timeout: 10_000 });
    this.connection.exec(WAL_AUTOCHECKPOINT_OFF);
    this.inTransaction = this.statementsRunning((run) => Promise.resolve(run()));
    this.sql = this.statementsRunning((run) => this.inTurn(run));
  }

  private inTurn<T>(run: () => T): Promise<T> {
    if (this.turns.inPrismaTransaction) {
      return Promise.reject(
        new Error('a direct SQLite statement inside a Prisma transaction: use sqlStore.over(tx)'),
      );
    }
    return this.turns.take(() => Promise.resolve(run()));
  }

  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.turns.inPrismaTransaction) {
      return Promise.reject(new Error('a direct SQLite transaction inside a Prisma transaction'));
    }
    return this.turns.take(async () => {
      this.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.inTransaction);
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.statement('ROLLBACK').run();
        throw error;
      }
    });
  }

  over(client: RawClient | Sql): Sql {
    return sqlOver(client, { prisma: this.prisma, sql: this.sql, provider: 'sqlite' });
  }

  close(): void {
    this.connection.close();
  }

  private statementsRunning(schedule: <T>(run: () => T) => Promise<T>): Sql {
    return {
      all: <Row>(text: string, ...params: SqlValue[]) =>
        schedule(() => this.statement(text).all(...params.map(bindable)) as Row[]),
      get: <Row>(text: string, ...params: SqlValue[]) =>
        schedule(() => this.statement(text).get(...params.map(bindable)) as Row | undefined),
      run: (text: string, ...params: SqlValue[]) =>
        schedule(() => this.statement(text).run(...params.map(bindable)).changes),
    };
  }

  private statement(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.connection.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}

/** Stored as Prisma's SQLite adapter stores them, so both read each other's rows. */
function bindable(value: SqlValue): string | number | null {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
