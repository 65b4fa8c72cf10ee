import type { DigestInputs } from '../../domain/digest/digest-inputs.js';
import { ACTIVE_STATUSES } from '../../domain/request-lifecycle.js';
import { Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../database.js';
import { num } from './sql-values.js';

type CategoryRow = {
  category: string;
  location: string | null;
  open0: unknown;
  open1: unknown;
  open2: unknown;
  open3: unknown;
};

const ACTIVE = Prisma.join(ACTIVE_STATUSES);

/**
 * Backlog at four week ends and this week's filings by category × location. "Open at T" is
 * filed before T and neither resolved nor cancelled before T (from the current row: a request
 * reopened since counts as open throughout). Only rows that can be open at some T are read,
 * each set through an index: active now (team_id, status), resolved since the earliest T
 * (team_id, resolved_at) and cancelled (team_id, status) — never the team's whole history.
 */
export async function volumeByCategory(
  db: Db,
  teamId: string,
  weekStart: Date,
  weekEnds: readonly Date[],
): Promise<Pick<DigestInputs['volume'], 'openAtWeekEnds' | 'byCategory' | 'byLocation'>> {
  const openAt = (end: Date) => Prisma.sql`SUM(CASE WHEN filed_at < ${end}
      AND (resolved_at IS NULL OR resolved_at >= ${end})
      AND (cancelled_at IS NULL OR cancelled_at >= ${end}) THEN 1 ELSE 0 END)`;
  const [e0, e1, e2, e3] = weekEnds as [Date, Date, Date, Date];
  const columns = Prisma.sql`category, location, filed_at, resolved_at, cancelled_at`;
  const rows = await db.$queryRaw<CategoryRow[]>`
    SELECT category, location,
      ${openAt(e0)} AS open0, ${openAt(e1)} AS open1, ${openAt(e2)} AS open2, ${openAt(e3)} AS open3
    FROM (
      SELECT ${columns} FROM requests WHERE team_id = ${teamId} AND status IN (${ACTIVE})
      UNION ALL
      SELECT ${columns} FROM requests WHERE team_id = ${teamId} AND resolved_at >= ${e0}
        AND status NOT IN (${ACTIVE}) AND status <> 'cancelled'
      UNION ALL
      SELECT ${columns} FROM requests WHERE team_id = ${teamId} AND status = 'cancelled' AND cancelled_at >= ${e0}
    ) candidates
    GROUP BY category, location`;
  const filed = await db.$queryRaw<{ category: string; location: string | null; n: unknown }[]>`
    SELECT category, location, COUNT(*) AS n FROM requests
    WHERE team_id = ${teamId} AND filed_at >= ${weekStart} AND filed_at < ${e3}
    GROUP BY category, location`;
  const openAtWeekEnds = [0, 0, 0, 0];
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
  for (const row of rows) {
    const opens = [num(row.open0), num(row.open1), num(row.open2), num(row.open3)];
    opens.forEach((open, i) => {
      openAtWeekEnds[i] = (openAtWeekEnds[i] ?? 0) + open;
    });
    add(byCategory, row.category, 0, opens[3] ?? 0);
    add(byLocation, row.location ?? '(none)', 0, opens[3] ?? 0);
  }
  for (const row of filed) {
    add(byCategory, row.category, num(row.n), 0);
    add(byLocation, row.location ?? '(none)', num(row.n), 0);
  }
  return { openAtWeekEnds, byCategory: sortRows(byCategory), byLocation: sortRows(byLocation) };
}

function sortRows(map: Map<string, { filed: number; openAtEnd: number }>) {
  return [...map.entries()]
    .map(([key, value]) => ({ key, ...value }))
    .filter((row) => row.filed > 0 || row.openAtEnd > 0)
    .sort((a, b) => b.filed - a.filed || b.openAtEnd - a.openAtEnd || a.key.localeCompare(b.key));
}

/**
 * Filings per UTC hour. Both databases agree on the first 13 characters of a timestamp cast
 * to text ("2026-11-22T13" on SQLite, "2026-11-22 13" on PostgreSQL, both UTC).
 */
export async function arrivalsByUtcHour(
  db: Db,
  teamId: string,
  start: Date,
  end: Date,
): Promise<DigestInputs['volume']['arrivalsByUtcHour']> {
  const rows = await db.$queryRaw<{ hour: string; n: unknown }[]>`
    SELECT SUBSTR(CAST(filed_at AS TEXT), 1, 13) AS hour, COUNT(*) AS n
    FROM requests
    WHERE team_id = ${teamId} AND filed_at >= ${start} AND filed_at < ${end}
    GROUP BY 1`;
  return rows.map((row) => ({
    hourStart: new Date(`${row.hour.replace(' ', 'T')}:00:00Z`),
    count: num(row.n),
  }));
}
