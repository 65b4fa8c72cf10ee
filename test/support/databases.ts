import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Expression, ExpressionBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, type Db, openDatabase } from '../../src/store/database.js';
import type { Provider } from '../../src/store/schema-files.js';
import type { DB } from '../../src/store/schema-types.js';

export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

// Decided once, before any suite is declared (vitest collects suites synchronously). Under CI
// the PostgreSQL suites always run, so a missing database fails CI instead of skipping.
const postgresUp = process.env.CI ? true : await isPostgresReachable();

/** A fresh, empty database of the given provider: a temp SQLite file or a new PostgreSQL database. */
export async function createTestDatabaseUrl(
  provider: Provider,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gapdesk-test-'));
    return {
      url: `file:${join(dir, 'test.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `gapdesk_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      // A closed pool has asked its connections to end but not seen them go: wait (2 s at most),
      // so that FORCE ends only what a test left open, not a connection on its way out.
      for (let tries = 0; tries < 40; tries++) {
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (!rows[0]?.n) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Declares the same suite once per provider, for suites that make their own databases (whole
 * apps). Without a reachable PostgreSQL its suite is reported as skipped, except under CI.
 */
export function describeEachProvider(name: string, suite: (provider: Provider) => void): void {
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const skip = provider === 'postgresql' && !postgresUp;
    (skip ? describe.skip : describe)(
      `${name} [${provider}]${skip ? ' (skipped: no PostgreSQL at 127.0.0.1:5432)' : ''}`,
      () => suite(provider),
    );
  }
}

/** A suite that needs PostgreSQL itself (what only a server does); skipped as above without one. */
export function describePostgres(name: string, suite: () => void): void {
  const skip = !postgresUp;
  (skip ? describe.skip : describe)(
    `${name} [postgresql]${skip ? ' (skipped: no PostgreSQL at 127.0.0.1:5432)' : ''}`,
    suite,
  );
}

export type TestDatabase = Database & { url: string };

/**
 * Runs the same suite on SQLite and on PostgreSQL, each on a fresh database. Without a
 * reachable PostgreSQL the PostgreSQL suite is reported as skipped — except under CI, where
 * it must run, so CI fails instead of silently skipping.
 */
export function describeEachDatabase(name: string, suite: (database: () => TestDatabase) => void): void {
  describeEachProvider(name, (provider) => {
    let current: TestDatabase | undefined;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const created = await createTestDatabaseUrl(provider);
      drop = created.drop;
      current = { ...(await openDatabase(created.url)), url: created.url };
    });
    afterAll(async () => {
      await current?.close();
      await drop?.();
    });
    suite(() => {
      if (!current) throw new Error('database not ready');
      return current;
    });
  });
}

/** How many rows of `table` match `where` (every row without it). */
export async function countRows<T extends keyof DB>(
  db: Db,
  table: T,
  where?: (eb: ExpressionBuilder<DB, T>) => Expression<SqlBool>,
): Promise<number> {
  // `selectFrom` of a type parameter leaves its alias unresolved; for a plain table name it is the name.
  const from = db.selectFrom(table) as unknown as SelectQueryBuilder<DB, T, object>;
  const query = from.select(db.fn.countAll<number | string>().as('n'));
  const row = await (where ? query.where(where) : query).executeTakeFirstOrThrow();
  return Number(row.n);
}
