import type { DigestInputs } from '../../domain/digest/digest-inputs.js';
import { Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../database.js';
import { num } from './sql-values.js';

type CategoryRow = {
  category: string;
  location: string | null;
  filed: unknown;
  open0: unknown;
  open1: unknown;
  open2: unknown;
  open3: unknown;
};

/**
 * Backlog at four week ends, and this week's filings by category × location, in one pass over
 * the team's requests filed before the week's end (index team_id, filed_at). "Open at T" is
 * filed before T and neither resolved nor cancelled before T, from the current row (a request
 * reopened since counts as open throughout).
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
  const rows = await db.$queryRaw<CategoryRow[]>`
    SELECT category, location,
      SUM(CASE WHEN filed_at >= ${weekStart} THEN 1 ELSE 0 END) AS filed,
      ${openAt(e0)} AS open0, ${openAt(e1)} AS open1, ${openAt(e2)} AS open2, ${openAt(e3)} AS open3
    FROM requests
    WHERE team_id = ${teamId} AND filed_at < ${e3}
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
    add(byCategory, row.category, num(row.filed), opens[3] ?? 0);
    add(byLocation, row.location ?? '(none)', num(row.filed), opens[3] ?? 0);
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
