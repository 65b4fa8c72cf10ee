import { sql } from 'kysely';
import type { DigestInputs } from '../../domain/digest/digest-inputs.js';
import { ACTIVE_STATUSES } from '../../domain/request-lifecycle.js';
import { clientOf, type Store } from '../database.js';
import { num } from './sql-values.js';

const ACTIVE = sql.join(ACTIVE_STATUSES);

/**
 * Open requests at each week end T: filed before T, minus resolved before T, minus cancelled
 * before T (a request is never both resolved and cancelled; one reopened since counts as open
 * throughout). Each count is an index-only range scan of (team_id, filed_at), (team_id,
 * resolved_at) and (team_id, cancelled_at): no table rows are read.
 */
async function openAtWeekEnds(store: Store, teamId: string, weekEnds: readonly Date[]): Promise<number[]> {
  const last = weekEnds.at(-1) as Date;
  const counts = async (column: 'filed_at' | 'resolved_at' | 'cancelled_at') => {
    const at = sql.raw(column);
    const sums = weekEnds.map(
      (end, i) => sql`SUM(CASE WHEN ${at} < ${end} THEN 1 ELSE 0 END) AS ${sql.raw(`c${i}`)}`,
    );
    const {
      rows: [row],
    } = await sql<Record<string, unknown>>`
      SELECT ${sql.join(sums)} FROM requests WHERE team_id = ${teamId} AND ${at} < ${last}`.execute(
      clientOf(store),
    );
    return weekEnds.map((_, i) => num(row?.[`c${i}`]));
  };
  const filed = await counts('filed_at');
  const resolved = await counts('resolved_at');
  const cancelled = await counts('cancelled_at');
  return filed.map((n, i) => n - (resolved[i] ?? 0) - (cancelled[i] ?? 0));
}

/**
 * Backlog at four week ends, and this week's filings and the open requests at its end by
 * category × location. The breakdown reads only rows that can be open at the week's end, each
 * set through an index: active now (team_id, status), resolved or cancelled since the end.
 */
export async function volumeByCategory(
  store: Store,
  teamId: string,
  weekStart: Date,
  weekEnds: readonly Date[],
): Promise<Pick<DigestInputs['volume'], 'openAtWeekEnds' | 'byCategory' | 'byLocation'>> {
  const end = weekEnds.at(-1) as Date;
  const { rows: open } = await sql<{ category: string; location: string | null; n: unknown }>`
    SELECT category, location, COUNT(*) AS n FROM (
      SELECT category, location, filed_at FROM requests WHERE team_id = ${teamId} AND status IN (${ACTIVE})
      UNION ALL
      SELECT category, location, filed_at FROM requests WHERE team_id = ${teamId} AND resolved_at >= ${end}
        AND status NOT IN (${ACTIVE}) AND status <> 'cancelled'
      UNION ALL
      SELECT category, location, filed_at FROM requests WHERE team_id = ${teamId} AND status = 'cancelled'
        AND cancelled_at >= ${end}
    ) candidates
    WHERE filed_at < ${end}
    GROUP BY category, location`.execute(clientOf(store));
  const { rows: filed } = await sql<{ category: string; location: string | null; n: unknown }>`
    SELECT category, location, COUNT(*) AS n FROM requests
    WHERE team_id = ${teamId} AND filed_at >= ${weekStart} AND filed_at < ${end}
    GROUP BY category, location`.execute(clientOf(store));
  const byCategory = new Map<string, { filed: number; openAtEnd: number }>();
  const byLocation = new Map<string, { filed: number; openAtEnd: number }>();
  const add = (
    map: Map<string, { filed: number; openAtEnd: number }>,
    key: string,
    filed: number,
    open: number,
  ) => {
    const entry = map.get(key) ?? { filed: 0, openAtEnd: 0 };
    entry.filed += filed;
    entry.openAtEnd += open;
    map.set(key, entry);
  };
  for (const row of open) {
    add(byCategory, row.category, 0, num(row.n));
    add(byLocation, row.location ?? '(none)', 0, num(row.n));
  }
  for (const row of filed) {
    add(byCategory, row.category, num(row.n), 0);
    add(byLocation, row.location ?? '(none)', num(row.n), 0);
  }
  return {
    openAtWeekEnds: await openAtWeekEnds(store, teamId, weekEnds),
    byCategory: sortRows(byCategory),
    byLocation: sortRows(byLocation),
  };
}

function sortRows(map: Map<string, { filed: number; openAtEnd: number }>) {
  return [...map.entries()]
    .map(([key, value]) => ({ key, ...value }))
    .filter((row) => row.filed > 0 || row.openAtEnd > 0)
    .sort((a, b) => b.filed - a.filed || b.openAtEnd - a.openAtEnd || a.key.localeCompare(b.key));
}

/**
 * Filings per UTC quarter-hour: every zone's offset is a whole number of quarter-hours, so each
 * bucket lies within one local hour (India's +5:30 and Nepal's +5:45 included). Both databases
 * agree on the first 16 characters of a timestamp cast to text ("2026-11-22T13:45" on SQLite,
 * "2026-11-22 13:45" on PostgreSQL, both UTC).
 */
export async function arrivalsByUtcQuarterHour(
  store: Store,
  teamId: string,
  start: Date,
  end: Date,
): Promise<DigestInputs['volume']['arrivalsByUtcQuarterHour']> {
  const { rows } = await sql<{ hour: string; quarter: unknown; n: unknown }>`
    SELECT SUBSTR(CAST(filed_at AS TEXT), 1, 13) AS hour,
           CAST(SUBSTR(CAST(filed_at AS TEXT), 15, 2) AS INTEGER) / 15 AS quarter,
           COUNT(*) AS n
    FROM requests
    WHERE team_id = ${teamId} AND filed_at >= ${start} AND filed_at < ${end}
    GROUP BY 1, 2`.execute(clientOf(store));
  return rows.map((row) => ({
    start: new Date(`${row.hour.replace(' ', 'T')}:${String(num(row.quarter) * 15).padStart(2, '0')}:00Z`),
    count: num(row.n),
  }));
}
