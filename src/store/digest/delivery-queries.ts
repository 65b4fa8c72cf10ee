import { type RawBuilder, sql } from 'kysely';
import type { DigestInputs, ThisAndLast } from '../../domain/digest/digest-inputs.js';
import type { ShareStats } from '../../domain/stats/summary.js';
import { PRIORITIES, type Priority, prioritySchema } from '../../domain/team.js';
import { clientOf, type Store } from '../database.js';
import { bucketOf, num } from './sql-values.js';

export interface TwoWeeks {
  previousStart: Date;
  start: Date;
  end: Date;
}

type ShareRow = { bucket: string; priority: string; n: unknown; s: unknown; total: unknown };

const emptyShares = (): Record<Priority, ShareStats> =>
  Object.fromEntries(PRIORITIES.map((p) => [p, { successes: 0, n: 0 }])) as Record<Priority, ShareStats>;

function bucket(column: RawBuilder<unknown>, start: Date): RawBuilder<unknown> {
  return sql`CASE WHEN ${column} >= ${start} THEN 'current' ELSE 'previous' END`;
}

/**
 * Per week and priority: how many reached a milestone in the week (`total`), how many of
 * those have a recorded SLA verdict (`n`) and how many were within it (`s`). Uses the
 * (team_id, <milestone>) index.
 */
async function milestoneShares(
  store: Store,
  teamId: string,
  weeks: TwoWeeks,
  at: 'acknowledged_at' | 'resolved_at',
  within: 'ack_within_sla' | 'resolve_within_sla',
): Promise<{ shares: ThisAndLast<Record<Priority, ShareStats>>; totals: ThisAndLast<number> }> {
  const atColumn = sql.raw(at);
  const withinColumn = sql.raw(within);
  const { rows } = await sql<ShareRow>`
    SELECT ${bucket(atColumn, weeks.start)} AS bucket, priority,
      COUNT(${withinColumn}) AS n, SUM(CASE WHEN ${withinColumn} THEN 1 ELSE 0 END) AS s, COUNT(*) AS total
    FROM requests
    WHERE team_id = ${teamId} AND ${atColumn} >= ${weeks.previousStart} AND ${atColumn} < ${weeks.end}
    GROUP BY 1, 2`.execute(clientOf(store));
  const shares = { current: emptyShares(), previous: emptyShares() };
  const totals = { current: 0, previous: 0 };
  for (const row of rows) {
    const week = bucketOf(row.bucket);
    const priority = prioritySchema.parse(row.priority);
    shares[week][priority] = { successes: num(row.s), n: num(row.n) };
    totals[week] += num(row.total);
  }
  return { shares, totals };
}

/** Gap 3: SLA attainment per priority for both weeks, and how many were resolved. */
export async function slaShares(
  store: Store,
  teamId: string,
  weeks: TwoWeeks,
): Promise<{ sla: DigestInputs['sla']; resolved: ThisAndLast<number> }> {
  const ack = await milestoneShares(store, teamId, weeks, 'acknowledged_at', 'ack_within_sla');
  const resolve = await milestoneShares(store, teamId, weeks, 'resolved_at', 'resolve_within_sla');
  const merge = (week: 'current' | 'previous') =>
    Object.fromEntries(
      PRIORITIES.map((p) => [p, { acknowledge: ack.shares[week][p], resolve: resolve.shares[week][p] }]),
    ) as DigestInputs['sla']['current'];
  return { sla: { current: merge('current'), previous: merge('previous') }, resolved: resolve.totals };
}

/**
 * This week's business minutes per priority, for medians and 90th percentiles: one column of
 * one week's rows, so bounded by a week's volume.
 */
export async function milestoneMinutes(
  store: Store,
  teamId: string,
  start: Date,
  end: Date,
): Promise<DigestInputs['minutes']> {
  const empty = () =>
    Object.fromEntries(PRIORITIES.map((p) => [p, [] as number[]])) as Record<Priority, number[]>;
  const minutes = { acknowledge: empty(), resolve: empty() };
  const { rows: ack } = await sql<{ priority: string; m: unknown }>`
    SELECT priority, ack_minutes AS m FROM requests
    WHERE team_id = ${teamId} AND acknowledged_at >= ${start} AND acknowledged_at < ${end} AND ack_minutes IS NOT NULL`.execute(
    clientOf(store),
  );
  const { rows: resolve } = await sql<{ priority: string; m: unknown }>`
    SELECT priority, resolve_minutes AS m FROM requests
    WHERE team_id = ${teamId} AND resolved_at >= ${start} AND resolved_at < ${end} AND resolve_minutes IS NOT NULL`.execute(
    clientOf(store),
  );
  for (const row of ack) minutes.acknowledge[prioritySchema.parse(row.priority)].push(num(row.m));
  for (const row of resolve) minutes.resolve[prioritySchema.parse(row.priority)].push(num(row.m));
  return minutes;
}

/** Gap 2 per priority for both weeks; the counts are also the week's filings. */
export async function neededByTighter(
  store: Store,
  teamId: string,
  weeks: TwoWeeks,
): Promise<{ tighter: DigestInputs['neededByTighter']; filed: ThisAndLast<number> }> {
  const { rows } = await sql<ShareRow>`
    SELECT ${bucket(sql.raw('filed_at'), weeks.start)} AS bucket, priority,
      COUNT(*) AS n, SUM(CASE WHEN needed_by_tighter THEN 1 ELSE 0 END) AS s, COUNT(*) AS total
    FROM requests
    WHERE team_id = ${teamId} AND filed_at >= ${weeks.previousStart} AND filed_at < ${weeks.end}
    GROUP BY 1, 2`.execute(clientOf(store));
  const tighter = { current: emptyShares(), previous: emptyShares() };
  const filed = { current: 0, previous: 0 };
  for (const row of rows) {
    const week = bucketOf(row.bucket);
    tighter[week][prioritySchema.parse(row.priority)] = { successes: num(row.s), n: num(row.n) };
    filed[week] += num(row.n);
  }
  return { tighter, filed };
}

/**
 * Gap 4: promises settled in each week (cancelled ones left out), kept share per kind, and
 * the slip of the broken ones in hours as sufficient statistics.
 */
export async function promiseStats(
  store: Store,
  teamId: string,
  weeks: TwoWeeks,
): Promise<DigestInputs['promises']> {
  const { rows } = await sql<{
    bucket: string;
    kind: string;
    n: unknown;
    kept: unknown;
    broken: unknown;
    slip: unknown;
    slip2: unknown;
  }>`
    SELECT ${bucket(sql.raw('settled_at'), weeks.start)} AS bucket, kind, COUNT(*) AS n,
      SUM(CASE WHEN outcome = 'kept' THEN 1 ELSE 0 END) AS kept,
      SUM(CASE WHEN outcome <> 'kept' THEN 1 ELSE 0 END) AS broken,
      SUM(CASE WHEN outcome <> 'kept' THEN slip_minutes ELSE 0 END) AS slip,
      SUM(CASE WHEN outcome <> 'kept' THEN slip_minutes * slip_minutes ELSE 0 END) AS slip2
    FROM request_promises
    WHERE team_id = ${teamId} AND settled_at >= ${weeks.previousStart} AND settled_at < ${weeks.end}
      AND outcome IN ('kept', 'missed', 'moved')
    GROUP BY 1, 2`.execute(clientOf(store));
  const empty = () => ({
    acknowledge: { successes: 0, n: 0 },
    resolve_by: { successes: 0, n: 0 },
    slipHours: { n: 0, sum: 0, sumSquares: 0 },
  });
  const result = { current: empty(), previous: empty() };
  for (const row of rows) {
    const week = result[bucketOf(row.bucket)];
    if (row.kind === 'acknowledge' || row.kind === 'resolve_by') {
      week[row.kind] = { successes: num(row.kept), n: num(row.n) };
    }
    week.slipHours.n += num(row.broken);
    week.slipHours.sum += num(row.slip) / 60;
    week.slipHours.sumSquares += num(row.slip2) / 3600;
  }
  return result;
}
