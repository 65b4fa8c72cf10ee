/** Raw SQL results differ by driver: SQLite gives number or bigint, PostgreSQL bigint or numeric text. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/** Which of the two weeks a row's bucket expression put it in. */
export type WeekBucket = 'current' | 'previous';

export function bucketOf(value: unknown): WeekBucket {
  return value === 'current' ? 'current' : 'previous';
}
