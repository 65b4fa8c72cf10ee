/**
 * The p-th percentile (p in 0…1) by linear interpolation between closest ranks: sort the
 * values, take rank h = (n − 1)·p (0-based) and interpolate between the values at ⌊h⌋ and ⌈h⌉.
 * This is numpy's default ("linear") and Excel's PERCENTILE.INC, so figures can be
 * cross-checked in a spreadsheet. Example: [1…10] at 0.9 → 9.1.
 * Throws RangeError for an empty list, p outside 0…1, or a non-finite value.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty list');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within 0…1, got ${p}`);
  if (!values.every(Number.isFinite)) throw new RangeError('percentile needs finite values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lowerIndex = Math.floor(rank);
  const upperIndex = Math.ceil(rank);
  const lower = sorted[lowerIndex] as number;
  const upper = sorted[upperIndex] as number;
  return lower + (upper - lower) * (rank - lowerIndex);
}
