import { DateTime } from 'luxon';

/**
 * Spreads per-UTC-quarter-hour arrival counts over the team's local weekday × hour grid (row
 * 0 = Monday). SQL groups by UTC quarter-hour because both databases agree on it and every
 * zone's offset is a whole number of quarter-hours; the zone's rules (including DST, where one
 * local hour repeats or vanishes) are applied here, per bucket.
 */
export function arrivalsGrid(
  buckets: readonly { start: Date; count: number }[],
  timezone: string,
): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const { start, count } of buckets) {
    const local = DateTime.fromJSDate(start, { zone: timezone });
    const row = grid[local.weekday - 1];
    if (row) row[local.hour] = (row[local.hour] ?? 0) + count;
  }
  return grid;
}

/** The busiest local hours, most arrivals first (ties: earlier in the week first), at most `limit`. */
export function busiestHours(
  grid: readonly (readonly number[])[],
  limit = 3,
): { weekday: number; hour: number; count: number }[] {
  const cells = grid.flatMap((row, weekday) => row.map((count, hour) => ({ weekday, hour, count })));
  return cells
    .filter((cell) => cell.count > 0)
    .sort((a, b) => b.count - a.count || a.weekday - b.weekday || a.hour - b.hour)
    .slice(0, limit);
}
