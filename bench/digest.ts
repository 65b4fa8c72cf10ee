// npm run bench -- digest: one team-week's digest from 1,000,000 requests and 300,000 survey
// answers (two years, 20 teams) on SQLite and PostgreSQL. Seeded data is cached per version:
// /tmp/gapdesk-bench-digest-<version>.db and the PostgreSQL database gapdesk_bench_digest_<version>.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { ANSWERS, BENCH_TEAM, BENCH_VERSION, BENCH_WEEK, REQUESTS } from './digest/generate.js';
import { benchPostgresUrl, seedPostgres } from './digest/seed-postgres.js';
import { seedSqlite } from './digest/seed-sqlite.js';

const SQLITE_PATH = `/tmp/gapdesk-bench-digest-${BENCH_VERSION}.db`;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const BUILD = new URL('./digest/build-once.ts', import.meta.url).pathname;

function measure(url: string): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', BUILD, url], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
}

function report(label: string, seedSeconds: number, result: Record<string, number>): void {
  const fmt = (ms: number | undefined) => `${Math.round(ms ?? 0)} ms`;
  process.stdout.write(
    `${label.padEnd(11)} seed ${seedSeconds === 0 ? 'cached' : `${seedSeconds.toFixed(0)} s`} · digest ${fmt(result.firstMs)} first, ` +
      `${fmt(result.warmMs)} warm · peak RSS ${Math.round(result.peakRssMb ?? 0)} MB · ` +
      `chart ${fmt(result.chartMs)}, peak RSS with chart ${Math.round(result.peakRssWithChartMb ?? 0)} MB ` +
      `(week: ${result.filed} filed, ${result.answers} answers)\n`,
  );
}

process.stdout.write(
  `${REQUESTS.toLocaleString('en')} requests, ${ANSWERS.toLocaleString('en')} answers; team ${BENCH_TEAM}, week ${BENCH_WEEK}\n`,
);
const sqliteSeed = await seedSqlite(SQLITE_PATH);
report('SQLite', sqliteSeed, measure(`file:${SQLITE_PATH}`));

const probe = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
const postgresUp = await probe.connect().then(
  () => true,
  () => false,
);
await probe.end().catch(() => undefined);
if (postgresUp) {
  const pgSeed = await seedPostgres(ADMIN_URL);
  report('PostgreSQL', pgSeed, measure(benchPostgresUrl(ADMIN_URL)));
} else {
  process.stdout.write(`PostgreSQL skipped: nothing answers at ${ADMIN_URL}\n`);
}
