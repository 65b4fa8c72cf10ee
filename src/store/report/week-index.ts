import { type RawBuilder, sql } from 'kysely';

/**
 * The index of the week a timestamp falls in, as SQL: i when starts[i] <= column < starts[i+1],
 * −1 before starts[0]. The weeks are the team's local ISO weeks, computed in TypeScript (DST and
 * all), so both databases only compare timestamps. The CASE is a balanced tree: about log2(weeks)
 * comparisons a row, not one per week. Rows at or after the last boundary must be filtered out
 * by the caller's WHERE.
 */
export function weekIndex(column: RawBuilder<unknown>, starts: readonly Date[]): RawBuilder<unknown> {
  const weeks = starts.length - 1;
  if (weeks < 1) throw new RangeError('weekIndex needs at least one week (two boundaries)');
  const within = (lo: number, hi: number): RawBuilder<unknown> => {
    if (hi - lo === 1) return sql.lit(lo);
    const mid = (lo + hi) >> 1;
    return sql`CASE WHEN ${column} < ${starts[mid]} THEN ${within(lo, mid)} ELSE ${within(mid, hi)} END`;
  };
  return sql`CASE WHEN ${column} < ${starts[0]} THEN -1 ELSE ${within(0, weeks)} END`;
}
