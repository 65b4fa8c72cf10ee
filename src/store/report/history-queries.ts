import { sql } from 'kysely';
import { dimensionSchema } from '../../domain/dimensions.js';
import type { HistoryInputs, VoteBucket } from '../../domain/report/history-inputs.js';
import type { HistorySpan } from '../../domain/report/history-weeks.js';
import type { MeanStats, ShareStats } from '../../domain/stats/summary.js';
import { clientOf, type Store } from '../database.js';
import { num } from '../digest/sql-values.js';
import { weekIndex } from './week-index.js';

type Column = 'filed_at' | 'acknowledged_at' | 'resolved_at' | 'cancelled_at';

/** When the team's first request was filed, through (team_id, filed_at); null for none. */
export async function firstFiledAt(store: Store, teamId: string): Promise<Date | null> {
  const { rows } = await sql<{ first: Date | string | null }>`
    SELECT MIN(filed_at) AS first FROM requests WHERE team_id = ${teamId}`.execute(clientOf(store));
  const first = rows[0]?.first ?? null;
  // MIN() loses the column's type on SQLite: the ISO text comes back as is.
  return first === null ? null : first instanceof Date ? first : new Date(first);
}

/**
 * Per week: how many requests reached a milestone (`total`), how many of those have a
 * verdict (`n`) and how many the verdict favours (`s`), from the (team_id, <milestone>) index.
 * Rows before the first week land in index −1 (kept for the backlog).
 */
async function byWeek(
  store: Store,
  teamId: string,
  starts: readonly Date[],
  column: Column,
  verdict: 'ack_within_sla' | 'resolve_within_sla' | 'needed_by_tighter' | null,
  from: Date | null,
): Promise<Map<number, { total: number; n: number; s: number }>> {
  const at = sql.raw(column);
  const v = verdict === null ? sql`NULL` : sql.raw(verdict);
  const lower = from === null ? sql`` : sql`AND ${at} >= ${from}`;
  const { rows } = await sql<{ week: unknown; total: unknown; n: unknown; s: unknown }>`
    SELECT ${weekIndex(at, starts)} AS week, COUNT(*) AS total, COUNT(${v}) AS n,
      SUM(CASE WHEN ${v} THEN 1 ELSE 0 END) AS s
    FROM requests
    WHERE team_id = ${teamId} AND ${at} < ${starts.at(-1)} ${lower}
    GROUP BY 1`.execute(clientOf(store));
  return new Map(rows.map((row) => [num(row.week), { total: num(row.total), n: num(row.n), s: num(row.s) }]));
}

/** Gap 5 per week and dimension as { n, sum, sumSquares }, over (team_id, week, dimension). */
async function surveyWeeks(
  store: Store,
  teamId: string,
  weeks: readonly string[],
): Promise<HistoryInputs['surveys']> {
  const { rows } = await sql<{ week: string; dimension: string | null; n: unknown; s: unknown; s2: unknown }>`
    SELECT week, dimension, COUNT(score) AS n, SUM(score) AS s, SUM(score * score) AS s2
    FROM surveys
    WHERE team_id = ${teamId} AND week >= ${weeks[0]} AND week <= ${weeks.at(-1)} AND status = 'answered'
    GROUP BY week, dimension`.execute(clientOf(store));
  const index = new Map(weeks.map((week, i) => [week, i]));
  const result = weeks.map(() => ({ scores: {} as Partial<Record<string, MeanStats>>, answered: 0 }));
  for (const row of rows) {
    const i = index.get(row.week);
    if (i === undefined) continue;
    const week = result[i] as (typeof result)[number];
    week.answered += num(row.n);
    const dimension = dimensionSchema.safeParse(row.dimension);
    if (!dimension.success || num(row.n) === 0) continue;
    week.scores[dimension.data] = { n: num(row.n), sum: num(row.s), sumSquares: num(row.s2) };
  }
  return result;
}

/** Gap 4 per week: promises of both kinds settled kept, missed or moved, through (team_id, settled_at). */
async function promiseWeeks(store: Store, teamId: string, starts: readonly Date[]): Promise<ShareStats[]> {
  const at = sql.raw('settled_at');
  const { rows } = await sql<{ week: unknown; n: unknown; kept: unknown }>`
    SELECT ${weekIndex(at, starts)} AS week, COUNT(*) AS n,
      SUM(CASE WHEN outcome = 'kept' THEN 1 ELSE 0 END) AS kept
    FROM request_promises
    WHERE team_id = ${teamId} AND settled_at >= ${starts[0]} AND settled_at < ${starts.at(-1)}
      AND outcome IN ('kept', 'missed', 'moved') AND kind IN ('acknowledge', 'resolve_by')
    GROUP BY 1`.execute(clientOf(store));
  const result = starts.slice(1).map(() => ({ successes: 0, n: 0 }));
  for (const row of rows) {
    const week = result[num(row.week)];
    if (week) Object.assign(week, { successes: num(row.kept), n: num(row.n) });
  }
  return result;
}

/**
 * Gap 1: votes per role, poll, dimension and UTC minute up to the last week's end, so the
 * digest's weights (latest poll before each week's end) and each week's votes can be found
 * for every week. Votes are few; minutes keep them fewer still.
 */
async function voteBuckets(store: Store, teamId: string, end: Date): Promise<VoteBucket[]> {
  const { rows } = await sql<{ role: string; poll: string; dimension: string; minute: string; n: unknown }>`
    SELECT role, poll, dimension, SUBSTR(CAST(at AS TEXT), 1, 16) AS minute, COUNT(*) AS n
    FROM importance_votes
    WHERE team_id = ${teamId} AND at < ${end}
    GROUP BY 1, 2, 3, 4`.execute(clientOf(store));
  return rows.flatMap((row) => {
    const dimension = dimensionSchema.safeParse(row.dimension);
    if (!dimension.success) return [];
    const at = new Date(`${row.minute.replace(' ', 'T')}:00Z`);
    return [{ role: row.role, poll: row.poll, dimension: dimension.data, at, n: num(row.n) }];
  });
}

/**
 * Everything the history needs for the weeks of `span`: one grouped query per figure family
 * (surveys, acknowledgements, resolutions, filings, cancellations, promises, votes), never one
 * digest per week. Same SQL on SQLite and PostgreSQL.
 */
export async function loadHistoryInputs(
  store: Store,
  teamId: string,
  span: HistorySpan,
): Promise<HistoryInputs> {
  const { weeks, starts } = span;
  const start = starts[0] as Date;
  const perWeek = <T>(map: Map<number, T>, pick: (value: T) => number) =>
    weeks.map((_, i) => {
      const value = map.get(i);
      return value === undefined ? 0 : pick(value);
    });
  // Filings, resolutions and cancellations are counted from the beginning (index −1) for the backlog.
  const filed = await byWeek(store, teamId, starts, 'filed_at', 'needed_by_tighter', null);
  const resolved = await byWeek(store, teamId, starts, 'resolved_at', 'resolve_within_sla', null);
  const cancelled = await byWeek(store, teamId, starts, 'cancelled_at', null, null);
  const ack = await byWeek(store, teamId, starts, 'acknowledged_at', 'ack_within_sla', start);
  const before = (map: Map<number, { total: number }>) => map.get(-1)?.total ?? 0;
  return {
    weeks: [...weeks],
    starts: [...starts],
    surveys: await surveyWeeks(store, teamId, weeks),
    ack: weeks.map((_, i) => ({ successes: ack.get(i)?.s ?? 0, n: ack.get(i)?.n ?? 0 })),
    resolve: weeks.map((_, i) => ({ successes: resolved.get(i)?.s ?? 0, n: resolved.get(i)?.n ?? 0 })),
    resolved: perWeek(resolved, (v) => v.total),
    filed: weeks.map((_, i) => ({ successes: filed.get(i)?.s ?? 0, n: filed.get(i)?.total ?? 0 })),
    cancelled: perWeek(cancelled, (v) => v.total),
    openBefore: before(filed) - before(resolved) - before(cancelled),
    promises: await promiseWeeks(store, teamId, starts),
    votes: await voteBuckets(store, teamId, starts.at(-1) as Date),
  };
}
