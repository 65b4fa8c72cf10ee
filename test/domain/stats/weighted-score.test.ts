import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORTANCE_WEIGHTS } from '../../../src/domain/dimensions.js';
import { weightedScore, weightsFromVotes } from '../../../src/domain/stats/weighted-score.js';

describe('weightedScore', () => {
  it('renormalises the weights over the dimensions with enough answers', () => {
    // reliability [−2…2]: n 5, mean 0, s² 2.5. responsiveness: n 30, mean 0.7, s² 24.3 / 29 = 0.837931.
    // tangibles has 3 answers and assurance / empathy none: all left out.
    // Default weights 30 and 25 → W 55 → 0.545455 and 0.454545.
    // mean 0.545455 · 0 + 0.454545 · 0.7 = 0.318182.
    // variance 0.545455² · 2.5/5 + 0.454545² · 0.837931/30 = 0.148760 + 0.005771 = 0.154531; √ = 0.393105.
    // CI 0.318182 ± 1.959964 · 0.393105 = [−0.452289, 1.088653].
    const score = weightedScore({
      reliability: { n: 5, sum: 0, sumSquares: 10 },
      responsiveness: { n: 30, sum: 21, sumSquares: 39 },
      tangibles: { n: 3, sum: 6, sumSquares: 12 },
    });
    expect(score.kind).toBe('value');
    if (score.kind !== 'value') return;
    expect(score.n).toBe(35);
    expect(score.mean).toBeCloseTo(0.3181818, 6);
    expect(score.ci95.low).toBeCloseTo(-0.452289, 5);
    expect(score.ci95.high).toBeCloseTo(1.088653, 5);
    expect(score.used).toEqual(['reliability', 'responsiveness']);
    expect(score.leftOut).toEqual(['assurance', 'empathy', 'tangibles']);
    expect(score.weights.reliability).toBeCloseTo(30 / 55, 12);
    expect(score.weights.tangibles).toBeUndefined();
  });

  it('equals the plain mean when only one dimension has enough answers', () => {
    const score = weightedScore({ empathy: { n: 5, sum: 0, sumSquares: 10 } });
    expect(score.kind === 'value' && score.mean).toBe(0);
    // se 1.581139 / √5 = 0.707107; half-width 1.959964 · 0.707107 = 1.385904 (normal, not t).
    expect(score.kind === 'value' && score.ci95.high).toBeCloseTo(1.385904, 5);
  });

  it('leaves out a dimension whose weight is zero', () => {
    const weights = { reliability: 0, responsiveness: 1, assurance: 1, empathy: 1, tangibles: 1 };
    const score = weightedScore(
      { reliability: { n: 10, sum: 20, sumSquares: 40 }, assurance: { n: 5, sum: -5, sumSquares: 7 } },
      weights,
    );
    // Only assurance counts: mean −1.
    expect(score.kind === 'value' && score.mean).toBe(-1);
  });

  it('is too few when no dimension reaches 5 answers', () => {
    const score = weightedScore({
      reliability: { n: 4, sum: 4, sumSquares: 4 },
      empathy: { n: 3, sum: 0, sumSquares: 2 },
    });
    expect(score).toEqual({ kind: 'too_few', n: 7 });
  });
});

describe('weightsFromVotes', () => {
  it('scales vote counts to sum 100', () => {
    // 10 + 5 + 3 + 2 + 0 = 20 votes → 50, 25, 15, 10, 0.
    const weights = weightsFromVotes({
      reliability: 10,
      responsiveness: 5,
      assurance: 3,
      empathy: 2,
      tangibles: 0,
    });
    expect(weights).toEqual({
      reliability: 50,
      responsiveness: 25,
      assurance: 15,
      empathy: 10,
      tangibles: 0,
    });
  });

  it('falls back to the published customer weights when nobody voted', () => {
    const none = { reliability: 0, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 0 };
    expect(weightsFromVotes(none)).toEqual(DEFAULT_IMPORTANCE_WEIGHTS);
  });

  it('falls back when fewer than 5 votes would hand one dimension the whole score', () => {
    const fewVotes = { reliability: 0, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 4 };
    expect(weightsFromVotes(fewVotes)).toEqual(DEFAULT_IMPORTANCE_WEIGHTS);
  });

  it('rejects a negative count', () => {
    const bad = { reliability: -1, responsiveness: 10, assurance: 0, empathy: 0, tangibles: 0 };
    expect(() => weightsFromVotes(bad)).toThrow(RangeError);
  });
});
