import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/domain/stats/percentile.js';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('percentile (linear interpolation, numpy default / PERCENTILE.INC)', () => {
  it('interpolates the median of 1…10 between the two middle values', () => {
    // rank (10 − 1) · 0.5 = 4.5 → 5 + 0.5 · (6 − 5) = 5.5
    expect(percentile(oneToTen, 0.5)).toBe(5.5);
  });

  it('gives 9.1 for the 90th percentile of 1…10', () => {
    // rank 9 · 0.9 = 8.1 → 9 + 0.1 · (10 − 9) = 9.1
    expect(percentile(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
  });

  it('matches the PERCENTILE.INC example on unsorted input', () => {
    // sorted [15, 20, 35, 40, 50], rank 4 · 0.4 = 1.6 → 20 + 0.6 · (35 − 20) = 29
    expect(percentile([40, 15, 50, 35, 20], 0.4)).toBeCloseTo(29, 12);
  });

  it('returns the extremes at p = 0 and p = 1', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
  });

  it('returns the only value of a one-element list', () => {
    expect(percentile([42], 0.9)).toBe(42);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects an empty list and p outside 0…1', () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('the median (p = 0.5, as the digest asks for it)', () => {
  it('is the middle value of an odd-length list', () => {
    expect(percentile([7, 1, 3], 0.5)).toBe(3);
  });

  it('is the mean of the two middle values of an even-length list', () => {
    expect(percentile(oneToTen, 0.5)).toBe(5.5);
  });
});
