// npm run bench -- report: the history page of one team (12 weeks, then every week) served over
// HTTP from the digest bench's database (1,000,000 requests, 300,000 answers, two years, 20
// teams) on SQLite and PostgreSQL. Reuses that bench's cached seed (bench/digest.ts). Target:
// under 1 s; it prints, it never fails on time. Each database is measured in a cold process, then
// in one where the server's start-up chart warm-up (src/charts/chart-cache.ts) ran first, as
// `npm start` does.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { ANSWERS, BENCH_TEAM, BENCH_VERSION, REQUESTS } from './digest/generate.js';
import { benchPostgresUrl, seedPostgres } from './digest/seed-postgres.js';
import { seedSqlite } from './digest/seed-sqlite.js';

const SQLITE_PATH = `/tmp/gapdesk-bench-digest-${BENCH_VERSION}.db`;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const RENDER = new URL('./report/render-once.ts', import.meta.url).pathname;
const TARGET_MS = 1000;

function measure(url: string, warm = false): Record<string, number> {
  const args = ['--import', 'tsx', RENDER, url, ...(warm ? ['--warm'] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
}

function report(label: string, seedSeconds: number, r: Record<string, number>): void {
  const ms = (value: number | undefined) => `${Math.round(value ?? 0)} ms`;
  const verdict = (r.firstMs ?? Infinity) < TARGET_MS ? 'under' : 'OVER';
  process.stdout.write(
    `${label.padEnd(11)} seed ${seedSeconds === 0 ? 'cached' : `${seedSeconds.toFixed(0)} s`} · history page (12 weeks) ` +
      `${ms(r.firstMs)} first (${verdict} the ${TARGET_MS} ms target), ${ms(r.warmMs)} warm (charts cached), ` +
      `warm split: queries ${ms(r.queryMs)} + charts uncached ${ms(r.chartsMs)}, ` +
      `${Math.round((r.bytes ?? 0) / 1024)} kB · all weeks ${ms(r.allMs)}, ${Math.round((r.allBytes ?? 0) / 1024)} kB · ` +
      `peak RSS ${Math.round(r.peakRssMb ?? 0)} MB\n`,
  );
}

process.stdout.write(
  `${REQUESTS.toLocaleString('en')} requests, ${ANSWERS.toLocaleString('en')} answers; history of team ${BENCH_TEAM}\n`,
);
const sqliteSeed = await seedSqlite(SQLITE_PATH);
report('SQLite', sqliteSeed, measure(`file:${SQLITE_PATH}`));
report('  warmed-up', 0, measure(`file:${SQLITE_PATH}`, true));

const probe = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
const postgresUp = await probe.connect().then(
  () => true,
  () => false,
);
await probe.end().catch(() => undefined);
if (postgresUp) {
  const pgSeed = await seedPostgres(ADMIN_URL);
  report('PostgreSQL', pgSeed, measure(benchPostgresUrl(ADMIN_URL)));
  report('  warmed-up', 0, measure(benchPostgresUrl(ADMIN_URL), true));
} else {
  process.stdout.write(`PostgreSQL skipped: nothing answers at ${ADMIN_URL}\n`);
}
