import pg from 'pg';
import { applyMigrations } from '../../src/store/migrate.js';
import {
  BENCH_VERSION,
  EVENT_COLUMNS,
  EVENT_DATE_COLUMNS,
  generate,
  PROMISE_COLUMNS,
  PROMISE_DATE_COLUMNS,
  REQUEST_COLUMNS,
  REQUEST_DATE_COLUMNS,
  REQUESTS,
  SURVEY_COLUMNS,
  SURVEY_DATE_COLUMNS,
  teams,
} from './generate.js';

const BATCH = 50_000;
const UPDATED = '2026-11-23T00:00:00.000';
const DB_NAME = `gapdesk_bench_digest_${BENCH_VERSION}`;

// Column types for unnest(): one array parameter per column, so 50,000 rows are one statement.
const TYPES: Record<string, string[]> = {
  requests: [
    ...Array(12).fill('text'),
    'timestamp',
    'timestamp',
    'timestamp',
    'timestamp',
    'float8',
    'float8',
    'bool',
    'bool',
    'bool',
  ],
  request_promises: ['text', 'text', 'text', 'timestamp', 'timestamp', 'timestamp', 'text', 'float8'],
  request_events: ['text', 'timestamp', 'text', 'text', 'text', 'text'],
  surveys: [
    'text',
    'text',
    'int4',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'timestamp',
    'timestamp',
    'timestamp',
    'int4',
    'text',
    'text',
  ],
};

/** UTC wall time without an offset: the columns are TIMESTAMP(3) holding UTC. */
const ts = (ms: number) => new Date(ms).toISOString().slice(0, 23);

export function benchPostgresUrl(adminUrl: string): string {
  return adminUrl.replace(/\/[^/]*$/, `/${DB_NAME}`);
}

/** Seeds a PostgreSQL database once per BENCH_VERSION (kept between runs); returns seconds spent. */
export async function seedPostgres(adminUrl: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
  const url = benchPostgresUrl(adminUrl);
  if (exists.rowCount && (await isComplete(url))) {
    await admin.end();
    const cached = new pg.Client({ connectionString: url });
    await cached.connect();
    await cached.end();
    return 0;
  }
  const started = Date.now();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  for (const t of teams) {
    await client.query(
      'INSERT INTO teams (id, name, prefix, timezone, updated_at) VALUES ($1, $1, $2, $3, $4)',
      [t.id, 'T', t.timezone, UPDATED],
    );
  }
  await client.query(
    `INSERT INTO people (id, platform, platform_user_id, name, updated_at)
     SELECT 'u' || i, 'slack', 'U' || i, 'User ' || i, $1 FROM generate_series(0, 19999) AS i`,
    [UPDATED],
  );
  const insert = async (table: string, columns: string[], dates: number[], rows: unknown[][]) => {
    if (rows.length === 0) return;
    const types = TYPES[table] as string[];
    const arrays = columns.map((_, c) =>
      rows.map((row) => (dates.includes(c) && row[c] != null ? ts(row[c] as number) : (row[c] ?? null))),
    );
    const withUpdated = table === 'requests' || table === 'surveys';
    await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}${withUpdated ? ', updated_at' : ''})
       SELECT *${withUpdated ? `, '${UPDATED}'::timestamp` : ''} FROM unnest(${columns.map((_, c) => `$${c + 1}::${types[c]}[]`).join(', ')})`,
      arrays,
    );
  };
  for (let from = 0; from < REQUESTS; from += BATCH) {
    const batch = generate(from, Math.min(REQUESTS, from + BATCH));
    await insert('requests', REQUEST_COLUMNS, REQUEST_DATE_COLUMNS, batch.requests);
    await insert('request_promises', PROMISE_COLUMNS, PROMISE_DATE_COLUMNS, batch.promises);
    await insert('request_events', EVENT_COLUMNS, EVENT_DATE_COLUMNS, batch.events);
    await insert('surveys', SURVEY_COLUMNS, SURVEY_DATE_COLUMNS, batch.surveys);
  }
  await client.query('CREATE TABLE bench_complete (version text)');
  await client.query('COMMIT');
  await client.query('VACUUM ANALYZE');
  await client.end();
  return (Date.now() - started) / 1000;
}

async function isComplete(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1 FROM bench_complete');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
