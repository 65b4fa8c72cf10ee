import type { Provider } from './schema-files.js';

export type SqlValue = string | number | boolean | Date | null;

/**
 * Plain SQL on one connection or transaction, written once for both databases: `?`
 * placeholders, snake_case columns, nothing dialect-specific but `RETURNING` and
 * `ON CONFLICT`, which both have. The hot paths (a click's transaction, the job queue, what a
 * delivery reads) use it because Prisma's per-query cost is most of a request's CPU on SQLite.
 */
export interface Sql {
  all<Row>(text: string, ...params: SqlValue[]): Promise<Row[]>;
  get<Row>(text: string, ...params: SqlValue[]): Promise<Row | undefined>;
  /** Returns how many rows changed. */
  run(text: string, ...params: SqlValue[]): Promise<number>;
}

/** A Prisma client or interactive transaction, seen only as something that runs raw SQL. */
export type RawClient = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
};

export interface SqlStore {
  /** Statements outside any transaction, each committed on its own. */
  readonly sql: Sql;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** The same statements inside a Prisma transaction a caller already has open. */
  over(client: RawClient | Sql): Sql;
}

/** SQL through a Prisma client: how PostgreSQL runs it, and how SQLite does inside a Prisma transaction. */
export function prismaSql(client: RawClient, provider: Provider): Sql {
  const text = provider === 'postgresql' ? numberedPlaceholders : (sql: string) => sql;
  const all = <Row>(sql: string, ...params: SqlValue[]) =>
    Promise.resolve(client.$queryRawUnsafe<Row[]>(text(sql), ...params));
  return {
    all,
    get: async <Row>(sql: string, ...params: SqlValue[]) => (await all<Row>(sql, ...params))[0],
    run: (sql, ...params) => Promise.resolve(client.$executeRawUnsafe(text(sql), ...params)),
  };
}

function isSql(client: RawClient | Sql): client is Sql {
  return 'run' in client && typeof client.run === 'function' && !('$queryRawUnsafe' in client);
}

/**
 * What `SqlStore.over` gives for each store: a Sql as it is; the store's own top-level Prisma
 * client as the store's own statements; any other client (a Prisma transaction) through Prisma.
 */
export function sqlOver(
  client: RawClient | Sql,
  store: { prisma: RawClient; sql: Sql; provider: Provider },
): Sql {
  if (isSql(client)) return client;
  return client === store.prisma ? store.sql : prismaSql(client, store.provider);
}

/** `?` → `$1, $2…` for PostgreSQL. Our statements never hold a literal `?`. */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// Rows come back as each driver types them: PostgreSQL gives Date, boolean and sometimes
// bigint; SQLite gives the ISO text Prisma stored, 0/1 and number. These read either.

export function readDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: ${String(value)}`);
  return date;
}

export function readOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : readDate(value);
}

export function readOptionalBoolean(value: unknown): boolean | null {
  return value === null || value === undefined ? null : value === true || Number(value) === 1;
}

export function readOptionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The SqlStore of PostgreSQL: Prisma's raw queries, in Prisma's transactions. */
export class PrismaSqlStore implements SqlStore {
  readonly sql: Sql;

  constructor(
    private readonly prisma: RawClient & {
      $transaction<T>(work: (tx: RawClient) => Promise<T>): Promise<T>;
    },
    private readonly provider: Provider,
  ) {
    this.sql = prismaSql(prisma, provider);
  }

  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(prismaSql(tx, this.provider)));
  }

  over(client: RawClient | Sql): Sql {
    return sqlOver(client, { prisma: this.prisma, sql: this.sql, provider: this.provider });
  }
}
