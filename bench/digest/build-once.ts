// Child process of bench/digest.ts: builds one digest in a fresh process so its peak RSS is its own.
import { sql } from 'kysely';
import { ManualClock } from '../../src/clock.js';
import { type Team, teamConfigSchema } from '../../src/domain/team.js';
import { buildWeeklyDigest } from '../../src/services/build-weekly-digest.js';
import { TeamDirectory } from '../../src/services/service-deps.js';
import { openDatabase } from '../../src/store/database.js';
import { BENCH_TEAM, BENCH_WEEK, END, teams } from './generate.js';

const url = process.argv[2] as string;
const team: Team = {
  ...teamConfigSchema.parse({
    id: BENCH_TEAM,
    name: 'Bench team',
    categories: ['Other'],
    sla: Object.fromEntries(
      ['urgent', 'high', 'normal', 'low'].map((p) => [p, { acknowledge: '4h', resolve: '3d' }]),
    ),
  }),
  timezone: teams[0]?.timezone ?? 'UTC',
  prefix: 'T',
};
const database = await openDatabase(url);
// Connected and migrated, as in the running app; the first digest still meets a cold page cache.
await sql`SELECT 1`.execute(database.db);
const deps = {
  store: database.store,
  clock: new ManualClock(new Date(END)),
  teams: new TeamDirectory([team]),
};
const runs: number[] = [];
let digest: Awaited<ReturnType<typeof buildWeeklyDigest>> | undefined;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  digest = await buildWeeklyDigest(deps, { teamId: BENCH_TEAM, week: BENCH_WEEK });
  runs.push(performance.now() - started);
}
const digestPeakRssMb = process.resourceUsage().maxRSS / 1024;
// Loaded only now, so the digest's own peak RSS above does not include the charting libraries.
const { renderGapChartPng } = await import('../../src/charts/render-chart.js');
const chartStarted = performance.now();
const png = digest ? await renderGapChartPng(digest) : Buffer.alloc(0);
const chartMs = performance.now() - chartStarted;
await database.close();
process.stdout.write(
  `${JSON.stringify({
    firstMs: runs[0],
    warmMs: Math.min(...runs.slice(1)),
    chartMs,
    pngBytes: png.length,
    peakRssMb: digestPeakRssMb,
    peakRssWithChartMb: process.resourceUsage().maxRSS / 1024,
    filed: digest?.volume.filed.current,
    answers: digest?.honesty.answered,
  })}\n`,
);
