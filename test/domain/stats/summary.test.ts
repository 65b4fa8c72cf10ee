import { describe, expect, it } from 'vitest';
import {
  MIN_ANSWERS,
  meanFigure,
  meanSummary,
  shareFigure,
  shareSummary,
} from '../../../src/domain/stats/summary.js';

describe('meanSummary', () => {
  it('gives a t-based 95 % interval for five answers', () => {
    // Answers [−2, −1, 0, 1, 2]: n 5, sum 0, sum of squares 10.
    // mean 0; variance (10 − 0²/5) / 4 = 2.5; sd √2.5 = 1.5811.
    // t(0.975, 4) = 2.7764; half-width 2.7764 · 1.5811 / √5 = 1.9632.
    const summary = meanSummary({ n: 5, sum: 0, sumSquares: 10 });
    expect(summary.mean).toBe(0);
    expect(summary.sd).toBeCloseTo(1.5811388, 6);
    expect(summary.ci95?.low).toBeCloseTo(-1.9632432, 6);
    expect(summary.ci95?.high).toBeCloseTo(1.9632432, 6);
  });

  it('gives a narrower interval for thirty answers', () => {
    // 12 × (+1), 9 × 0, 6 × (+2), 3 × (−1): n 30, sum 12 + 12 − 3 = 21, sum of squares 12 + 24 + 3 = 39.
    // mean 0.7; variance (39 − 21²/30) / 29 = 24.3 / 29 = 0.837931; sd 0.915386.
    // t(0.975, 29) = 2.045230; half-width 2.045230 · 0.915386 / √30 = 0.341811 → [0.358189, 1.041811].
    const summary = meanSummary({ n: 30, sum: 21, sumSquares: 39 });
    expect(summary.mean).toBeCloseTo(0.7, 12);
    expect(summary.sd).toBeCloseTo(0.9153857, 6);
    expect(summary.ci95?.low).toBeCloseTo(0.3581894, 6);
    expect(summary.ci95?.high).toBeCloseTo(1.0418106, 6);
  });

  it('has no sd or interval for a single answer', () => {
    expect(meanSummary({ n: 1, sum: -2, sumSquares: 4 })).toEqual({ n: 1, mean: -2, sd: null, ci95: null });
  });

  it('gives zero spread when every answer is the same', () => {
    // Five answers of +1: sum 5, squares 5 → variance (5 − 25/5) / 4 = 0.
    const summary = meanSummary({ n: 5, sum: 5, sumSquares: 5 });
    expect(summary.sd).toBe(0);
    expect(summary.ci95).toEqual({ low: 1, high: 1 });
  });

  it('rejects zero answers rather than returning NaN', () => {
    expect(() => meanSummary({ n: 0, sum: 0, sumSquares: 0 })).toThrow(RangeError);
  });
});

describe('shareSummary', () => {
  it('gives the Wilson score interval for 7 of 10', () => {
    // p 0.7, z 1.959964, z² 3.841459, n 10.
    // centre (0.7 + 3.841459/20) / (1 + 3.841459/10) = 0.892073 / 1.384146 = 0.644493.
    // half (1.959964 / 1.384146) · √(0.21/10 + 3.841459/400) = 1.416010 · 0.174939 = 0.247715.
    // → [0.396778, 0.892209].
    const summary = shareSummary({ successes: 7, n: 10 });
    expect(summary.share).toBe(0.7);
    expect(summary.ci95.low).toBeCloseTo(0.3967781, 6);
    expect(summary.ci95.high).toBeCloseTo(0.8922087, 6);
  });

  it('keeps the interval inside 0…1 at 0 of 10', () => {
    // Wilson at p = 0: low 0, high z² / (n + z²) = 3.841459 / 13.841459 = 0.277533.
    const summary = shareSummary({ successes: 0, n: 10 });
    expect(summary.ci95.low).toBe(0);
    expect(summary.ci95.high).toBeCloseTo(0.2775328, 6);
  });

  it('rejects more successes than answers', () => {
    expect(() => shareSummary({ successes: 11, n: 10 })).toThrow(RangeError);
  });
});

describe('figures below MIN_ANSWERS', () => {
  it('is five answers', () => {
    expect(MIN_ANSWERS).toBe(5);
  });

  it('reports four answers as too few, carrying no number but n', () => {
    const mean = meanFigure({ n: 4, sum: 8, sumSquares: 16 });
    const share = shareFigure({ successes: 4, n: 4 });
    expect(mean).toEqual({ kind: 'too_few', n: 4 });
    expect(share).toEqual({ kind: 'too_few', n: 4 });
  });

  it('reports zero answers as too few instead of throwing', () => {
    expect(meanFigure({ n: 0, sum: 0, sumSquares: 0 })).toEqual({ kind: 'too_few', n: 0 });
  });

  it('reports five answers as a value', () => {
    const mean = meanFigure({ n: 5, sum: 0, sumSquares: 10 });
    expect(mean.kind).toBe('value');
    if (mean.kind === 'value') expect(mean.mean).toBe(0);
  });
});
