import { describe, expect, it } from 'vitest';
import { CHANGE_TEST_FOOTNOTE, compareMeans, compareShares } from '../../../src/domain/stats/change-test.js';

describe('compareMeans (Welch two-sample t-test)', () => {
  it('calls a clear rise in gap scores an improvement', () => {
    // This week [1, 2, 2, 1, 2, 1]: n 6, sum 9, squares 15 → mean 1.5, s² (15 − 13.5) / 5 = 0.3.
    // Last week [0, −1, 0, 1, −1, 0, −2]: n 7, sum −3, squares 7 → mean −0.428571, s² (7 − 9/7) / 6 = 0.952381.
    // s²/n: 0.05 and 0.136054; se √0.186054 = 0.431340; t 1.928571 / 0.431340 = 4.4711.
    // df 0.186054² / (0.05²/5 + 0.136054²/6) = 0.034616 / 0.003585 = 9.6555.
    // Two-sided p = 2 · T(−4.4711; 9.6555) = 0.0013037 (scipy.stats.ttest_ind(…, equal_var=False) agrees).
    const result = compareMeans({ n: 6, sum: 9, sumSquares: 15 }, { n: 7, sum: -3, sumSquares: 7 });
    expect(result.verdict).toBe('improved');
    expect(result.delta).toBeCloseTo(1.9285714, 6);
    expect(result.p).toBeCloseTo(0.0013037, 6);
  });

  it('reproduces the published Welch example (Wikipedia, "Welch\'s t-test", A1 vs A2)', () => {
    // A1 = 27.5 21.0 19.0 23.6 17.0 17.9 16.9 20.1 21.9 22.6 23.1 19.6 19.0 21.7 21.4 → sum 312.3, squares 6612.23
    // A2 = 27.1 22.0 20.8 23.4 23.4 23.5 25.8 22.0 24.8 20.2 21.9 22.1 22.9 20.5 24.4 → sum 344.8, squares 7979.18
    // Published: t = −2.46, ν = 24.99, p = 0.021; scipy gives p 0.021378.
    const result = compareMeans(
      { n: 15, sum: 312.3, sumSquares: 6612.23 },
      { n: 15, sum: 344.8, sumSquares: 7979.18 },
    );
    expect(result.verdict).toBe('worsened');
    expect(result.delta).toBeCloseTo(-2.1666667, 6);
    expect(result.p).toBeCloseTo(0.021378, 5);
  });

  it('says no clear change when the difference is within the noise', () => {
    // [0, 1, −1, 2, 0] (sum 2, squares 6) vs [1, 0, 0, −1, 1] (sum 1, squares 3):
    // delta 0.2, s² 1.3 and 0.7, t 0.2 / √0.4 = 0.3162, df 7.3394, p 0.76063.
    const result = compareMeans({ n: 5, sum: 2, sumSquares: 6 }, { n: 5, sum: 1, sumSquares: 3 });
    expect(result.verdict).toBe('no_clear_change');
    expect(result.p).toBeCloseTo(0.7606342, 5);
  });

  it('reads a fall as an improvement when lower is better', () => {
    // Average slip in days falls from 3 to 1: same spreads mirrored, so same p.
    const result = compareMeans(
      { n: 5, sum: 5, sumSquares: 7 }, // [0, 1, 2, 1, 1]: mean 1, s² 0.5
      { n: 5, sum: 15, sumSquares: 47 }, // [2, 3, 4, 3, 3]: mean 3, s² 0.5
      { lowerIsBetter: true },
    );
    // t = −2 / √(0.1 + 0.1) = −4.4721, df 8, p 0.0020773
    expect(result.verdict).toBe('improved');
    expect(result.p).toBeCloseTo(0.0020773, 6);
  });

  it('treats a shift between two spread-free weeks as certain', () => {
    const result = compareMeans({ n: 5, sum: 10, sumSquares: 20 }, { n: 5, sum: 5, sumSquares: 5 });
    expect(result).toEqual({ verdict: 'improved', delta: 1, p: 0 });
  });

  it('gives too_few, with no numbers, when either week has fewer than 5 answers', () => {
    const enough = { n: 30, sum: 21, sumSquares: 39 };
    const four = { n: 4, sum: 8, sumSquares: 16 };
    const tooFew = { verdict: 'too_few', delta: null, p: null };
    expect(compareMeans(four, enough)).toEqual(tooFew);
    expect(compareMeans(enough, four)).toEqual(tooFew);
  });
});

describe('compareShares (pooled two-proportion z-test)', () => {
  it('calls 40 of 50 against 25 of 50 an improvement', () => {
    // 0.8 vs 0.5; pooled 65/100 = 0.65; se √(0.65 · 0.35 · (1/50 + 1/50)) = √0.0091 = 0.095394.
    // z 0.3 / 0.095394 = 3.1449; p 2 · Φ(−3.1449) = 0.0016617.
    const result = compareShares({ successes: 40, n: 50 }, { successes: 25, n: 50 });
    expect(result.verdict).toBe('improved');
    expect(result.delta).toBeCloseTo(0.3, 12);
    expect(result.p).toBeCloseTo(0.0016617, 6);
  });

  it('calls a rising breach rate a worsening when lower is better', () => {
    const result = compareShares({ successes: 40, n: 50 }, { successes: 25, n: 50 }, { lowerIsBetter: true });
    expect(result.verdict).toBe('worsened');
  });

  it('says no clear change for 40 of 50 against 36 of 50', () => {
    // pooled 0.76; se √(0.76 · 0.24 · 0.04) = 0.085417; z 0.08 / 0.085417 = 0.9366; p 0.34897.
    const result = compareShares({ successes: 40, n: 50 }, { successes: 36, n: 50 });
    expect(result.verdict).toBe('no_clear_change');
    expect(result.p).toBeCloseTo(0.348972, 5);
  });

  it('says no clear change when both weeks are at 100 %', () => {
    expect(compareShares({ successes: 8, n: 8 }, { successes: 6, n: 6 })).toEqual({
      verdict: 'no_clear_change',
      delta: 0,
      p: 1,
    });
  });

  it('gives too_few when a week has only 4 answers, however large the swing', () => {
    expect(compareShares({ successes: 4, n: 4 }, { successes: 0, n: 50 })).toEqual({
      verdict: 'too_few',
      delta: null,
      p: null,
    });
  });
});

describe('CHANGE_TEST_FOOTNOTE', () => {
  it('names the threshold, both tests and the minimum answers', () => {
    expect(CHANGE_TEST_FOOTNOTE).toContain('p < 0.05');
    expect(CHANGE_TEST_FOOTNOTE).toContain("Welch's t-test");
    expect(CHANGE_TEST_FOOTNOTE).toContain('two-proportion z-test');
    expect(CHANGE_TEST_FOOTNOTE).toContain('at least 5 answers');
  });
});
