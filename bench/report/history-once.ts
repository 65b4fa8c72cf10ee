// Times loadTeamHistory on the digest bench database (1,000,000 requests, two years, 20 teams):
// `npx tsx bench/report/history-once.ts <database url>`. Seed it first with `npm run bench -- digest`.
import { sql } from 'kysely';
import { type Team, teamConfigSchema } from '../../src/domain/team.js';
import { loadTeamHistory } from '../../src/services/report/load-team-history.js';
import { TeamDirectory } from '../../src/services/service-deps.js';
import { openDatabase } from '../../src/store/database.js';
import { BENCH_TEAM, END, teams } from '../digest/generate.js';

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
await sql`SELECT 1`.execute(database.db);
const deps = { store: database.store, teams: new TeamDirectory([team]) };
const result: Record<string, number> = {};
for (const weeks of [12, 'all'] as const) {
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    count = (await loadTeamHistory(deps, { teamId: BENCH_TEAM, weeks, now: new Date(END) })).weeks.length;
    runs.push(performance.now() - started);
  }
  result[`${weeks}FirstMs`] = runs[0] as number;
  result[`${weeks}WarmMs`] = Math.min(...runs.slice(1));
  result[`${weeks}Weeks`] = count;
}
result.peakRssMb = process.resourceUsage().maxRSS / 1024;
await database.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
