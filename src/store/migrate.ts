import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { projectPath } from '../project-files.js';
import type { Provider } from './schema-files.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-dialect.js';

const MIGRATIONS_DIR = projectPath('prisma/migrations/');
const LOCK_KEY = 7_204_117; // any fixed number: serialises migrations across replicas

export type Migration = { name: string; sql: string };

/** The committed migrations for a provider, in the order they must run. */
export function listMigrations(provider: Provider): Migration[] {
  const dir = `${MIGRATIONS_DIR}${provider}/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(dir + file, 'utf8') }));
}

export function providerOf(databaseUrl: string): Provider {
  return databaseUrl.startsWith('file:') ? 'sqlite' : 'postgresql';
}

export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.slice('file:'.length);
}

/**
 * Applies pending migrations, each in its own transaction, and records them. Runs at start so a
 * fresh install needs no CLI step and no engine download. Returns the names it applied.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return providerOf(databaseUrl) === 'sqlite'
    ? migrateSqliteFile(sqlitePath(databaseUrl))
    : applyPostgresMigrations(databaseUrl);
}

/**
 * The one connection to a SQLite file, which is created (and its folder) when missing. The
 * migrations, run before anything is served, wait for another connection's lock in SQLite
 * itself; the app's queries then wait without blocking the process (sqlite-dialect.ts).
 */
export function openSqliteConnection(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
}

function migrateSqliteFile(path: string): string[] {
  const db = openSqliteConnection(path);
  try {
    return applySqliteMigrations(db);
  } finally {
    db.close();
  }
}

/** On the connection the app then keeps (there is only ever one per database file). */
export function applySqliteMigrations(db: Database.Database): string[] {
  // WAL lets the worker and the HTTP handlers read while one writes; it persists in the file.
  db.pragma('journal_mode = WAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS "_gapdesk_migrations" (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const applied: string[] = [];
  for (const migration of listMigrations('sqlite')) {
    const run = db.transaction(() => {
      if (db.prepare('SELECT 1 FROM "_gapdesk_migrations" WHERE name = ?').get(migration.name)) return false;
      db.exec(migration.sql);
      db.prepare('INSERT INTO "_gapdesk_migrations" (name, applied_at) VALUES (?, ?)').run(
        migration.name,
        new Date().toISOString(),
      );
      return true;
    });
    if (run.immediate()) applied.push(migration.name);
  }
  return applied;
}

export async function applyPostgresMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_gapdesk_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
    );
    const done = await client.query<{ name: string }>('SELECT name FROM "_gapdesk_migrations"');
    const doneNames = new Set(done.rows.map((row) => row.name));
    const applied: string[] = [];
    for (const migration of listMigrations('postgresql')) {
      if (doneNames.has(migration.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO "_gapdesk_migrations" (name, applied_at) VALUES ($1, now())', [
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export type MigrationStatus = { name: string; appliedAt: Date | null };

/**
 * Every committed migration and when it was applied (null: pending), without changing the
 * database: a SQLite file that does not exist yet has every migration pending.
 */
export async function migrationStatus(databaseUrl: string): Promise<MigrationStatus[]> {
  const provider = providerOf(databaseUrl);
  const applied =
    provider === 'sqlite' ? sqliteApplied(sqlitePath(databaseUrl)) : await postgresApplied(databaseUrl);
  return listMigrations(provider).map(({ name }) => ({ name, appliedAt: applied.get(name) ?? null }));
}

function sqliteApplied(path: string): Map<string, Date> {
  if (path === ':memory:' || !existsSync(path)) return new Map();
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_gapdesk_migrations'")
      .get();
    if (!table) return new Map();
    const rows = db.prepare('SELECT name, applied_at FROM "_gapdesk_migrations"').all() as {
      name: string;
      applied_at: string;
    }[];
    return new Map(rows.map((row) => [row.name, new Date(row.applied_at)]));
  } finally {
    db.close();
  }
}

async function postgresApplied(url: string): Promise<Map<string, Date>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query('SELECT to_regclass(\'"_gapdesk_migrations"\') AS name');
    if (table.rows[0]?.name === null) return new Map();
    const rows = await client.query<{ name: string; applied_at: Date }>(
      'SELECT name, applied_at FROM "_gapdesk_migrations"',
    );
    return new Map(rows.rows.map((row) => [row.name, row.applied_at]));
  } finally {
    await client.end();
  }
}
