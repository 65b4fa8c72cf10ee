// Child process of bench/report.ts: serves the report on the bench database and fetches the
// history page over HTTP, in a fresh process so its peak RSS is its own.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { sql } from 'kysely';
import { ChartCache } from '../../src/charts/chart-cache.js';
import { historyChartSpecs } from '../../src/charts/history-chart-specs.js';
import { renderChartSvg } from '../../src/charts/render-chart.js';
import { ManualClock } from '../../src/clock.js';
import { type Team, teamConfigSchema } from '../../src/domain/team.js';
import { mountReport } from '../../src/http/report/report-routes.js';
import { silentLogger } from '../../src/logger.js';
import { loadTeamHistory } from '../../src/services/report/load-team-history.js';
import { TeamDirectory } from '../../src/services/service-deps.js';
import { openDatabase } from '../../src/store/database.js';
import { BENCH_TEAM, END, teams } from '../digest/generate.js';

const ADMIN = 'bench-admin-token-0123456789abcdefghij';
const url = process.argv[2] as string;
/** `--warm`: the server's start-up chart warm-up runs (and is awaited) before the first page. */
const warm = process.argv.includes('--warm');
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
await sql`SELECT 1`.execute(database.db);
if (warm) await new ChartCache().warmUp();
const app = express();
const services = {
  store: database.store,
  clock: new ManualClock(new Date(END)),
  teams: new TeamDirectory([team]),
};
mountReport(app, {
  services,
  logger: silentLogger,
  adminToken: ADMIN,
});
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report/${BENCH_TEAM}/history`;

async function page(weeks: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${base}?weeks=${weeks}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`history page answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

const runs = [];
for (let i = 0; i < 3; i++) runs.push(await page('12'));
const all = await page('all');
// The split of a warm page: the history queries (report-data) and drawing its charts uncached.
let started = performance.now();
const history = await loadTeamHistory(services, { teamId: BENCH_TEAM, weeks: 12, now: services.clock.now() });
const queryMs = performance.now() - started;
started = performance.now();
for (const chart of historyChartSpecs(history)) await renderChartSvg(chart.spec);
const chartsMs = performance.now() - started;
server.close();
await database.close();
process.stdout.write(
  `${JSON.stringify({
    firstMs: runs[0]?.ms,
    warmMs: Math.min(...runs.slice(1).map((r) => r.ms)),
    allMs: all.ms,
    queryMs,
    chartsMs,
    bytes: runs[0]?.bytes,
    allBytes: all.bytes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
