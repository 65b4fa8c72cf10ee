import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../src/store/migrate.js';
import {
  EVENT_COLUMNS,
  EVENT_DATE_COLUMNS,
  generate,
  iso,
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
const UPDATED = iso(Date.parse('2026-11-23T00:00:00Z'));

/** SQLite wants ISO text for dates (Prisma's format) and 0/1 for booleans. */
function toSqlite(row: unknown[], dateColumns: number[]): unknown[] {
  return row.map((value, i) => {
    if (value === null || value === undefined) return null;
    if (dateColumns.includes(i)) return iso(value as number);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  });
}

/** Seeds the benchmark database once per BENCH_VERSION (cached file); returns seconds spent. */
export async function seedSqlite(path: string): Promise<number> {
  if (existsSync(path)) {
    // Cached data; indexes proposed since it was seeded are added in place.
    const cached = new Database(path);
    const indexCount = () =>
      (cached.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index'").get() as { n: number })
        .n;
    const before = indexCount();
    // Only when an index was added: ANALYZE reads the whole file and would warm the cache we measure.
    if (indexCount() !== before) cached.exec('ANALYZE');
    cached.close();
    return 0;
  }
  const started = Date.now();
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  await applyMigrations(`file:${partial}`);
  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const insert = (table: string, columns: string[]) =>
    db.prepare(
      `INSERT INTO ${table} (${[...columns, ...(table === 'requests' || table === 'surveys' ? ['updated_at'] : [])].join(', ')})
       VALUES (${columns.map(() => '?').join(', ')}${table === 'requests' || table === 'surveys' ? `, '${UPDATED}'` : ''})`,
    );
  const team = db.prepare(
    'INSERT INTO teams (id, name, prefix, timezone, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const person = db.prepare(
    'INSERT INTO people (id, platform, platform_user_id, name, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const t of teams) team.run(t.id, t.id, 'T', t.timezone, UPDATED);
    for (let i = 0; i < 20_000; i++) person.run(`u${i}`, 'slack', `U${i}`, `User ${i}`, UPDATED);
  })();
  const requests = insert('requests', REQUEST_COLUMNS);
  const promises = insert('request_promises', PROMISE_COLUMNS);
  const events = insert('request_events', EVENT_COLUMNS);
  const surveys = insert('surveys', SURVEY_COLUMNS);
  for (let from = 0; from < REQUESTS; from += BATCH) {
    const batch = generate(from, Math.min(REQUESTS, from + BATCH));
    db.transaction(() => {
      for (const row of batch.requests) requests.run(toSqlite(row, REQUEST_DATE_COLUMNS));
      for (const row of batch.promises) promises.run(toSqlite(row, PROMISE_DATE_COLUMNS));
      for (const row of batch.events) events.run(toSqlite(row, EVENT_DATE_COLUMNS));
      for (const row of batch.surveys) surveys.run(toSqlite(row, SURVEY_DATE_COLUMNS));
    })();
  }
  db.exec('ANALYZE');
  db.close();
  renameSync(partial, path);
  return (Date.now() - started) / 1000;
}
