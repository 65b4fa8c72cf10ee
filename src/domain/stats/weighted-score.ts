import { DEFAULT_IMPORTANCE_WEIGHTS, DIMENSIONS, type Dimension } from '../dimensions.js';
import { type Figure, type Interval, type MeanStats, MIN_ANSWERS, meanSummary, Z_975 } from './summary.js';

export type DimensionWeights = Readonly<Record<Dimension, number>>;

export interface WeightedScore {
  /** Answers behind the score: the sum of n over the dimensions used. */
  n: number;
  mean: number;
  /** Normal-approximation 95 % interval from the combined variance. */
  ci95: Interval;
  /** The weights actually applied, renormalised to sum 1 over `used`. */
  weights: Partial<Record<Dimension, number>>;
  used: Dimension[];
  /** Dimensions left out for having fewer than MIN_ANSWERS answers (or zero weight). */
  leftOut: Dimension[];
}

/**
 * Overall gap score Σ w_d·mean_d / Σ w_d over the dimensions with at least MIN_ANSWERS
 * answers and a positive weight; the weights are renormalised over those dimensions, so a
 * missing dimension neither drags the score towards 0 nor counts as "as expected".
 * 95 % CI: mean ± 1.96·√Σ (w_d/W)²·sd_d²/n_d (dimensions treated as independent samples,
 * normal approximation). `too_few` when no dimension qualifies; its n is then the total
 * answers over positively weighted dimensions.
 */
export function weightedScore(
  stats: Partial<Record<Dimension, MeanStats>>,
  weights: DimensionWeights = DEFAULT_IMPORTANCE_WEIGHTS,
): Figure<WeightedScore> {
  const used = DIMENSIONS.filter((d) => (stats[d]?.n ?? 0) >= MIN_ANSWERS && weights[d] > 0);
  const leftOut = DIMENSIONS.filter((d) => !used.includes(d));
  if (used.length === 0) {
    const n = DIMENSIONS.filter((d) => weights[d] > 0).reduce((total, d) => total + (stats[d]?.n ?? 0), 0);
    return { kind: 'too_few', n };
  }
  const totalWeight = used.reduce((total, d) => total + weights[d], 0);
  let n = 0;
  let mean = 0;
  let variance = 0;
  const applied: Partial<Record<Dimension, number>> = {};
  for (const d of used) {
    const summary = meanSummary(stats[d] as MeanStats);
    const w = weights[d] / totalWeight;
    applied[d] = w;
    n += summary.n;
    mean += w * summary.mean;
    // used implies n ≥ MIN_ANSWERS ≥ 2, so sd is never null here.
    variance += (w * w * (summary.sd ?? 0) ** 2) / summary.n;
  }
  const half = Z_975 * Math.sqrt(variance);
  return {
    kind: 'value',
    n,
    mean,
    ci95: { low: mean - half, high: mean + half },
    weights: applied,
    used,
    leftOut,
  };
}

/** Fewer "what matters most?" votes than this and the default weights apply. */
export const MIN_VOTES = MIN_ANSWERS;

/**
 * Importance weights from "what matters most?" votes, proportional to the vote counts and
 * scaled to sum 100 (not rounded; round when printing). With fewer than MIN_VOTES votes in
 * all it returns a copy of DEFAULT_IMPORTANCE_WEIGHTS unchanged (they sum to 98, as
 * published; weightedScore renormalises anyway), because a handful of votes would hand one
 * dimension the whole score. Throws RangeError for a negative or non-integer count.
 */
export function weightsFromVotes(counts: Readonly<Record<Dimension, number>>): Record<Dimension, number> {
  for (const d of DIMENSIONS) {
    if (!Number.isInteger(counts[d]) || counts[d] < 0) {
      throw new RangeError(`vote count for ${d} must be a non-negative integer, got ${counts[d]}`);
    }
  }
  const total = DIMENSIONS.reduce((sum, d) => sum + counts[d], 0);
  if (total < MIN_VOTES) return { ...DEFAULT_IMPORTANCE_WEIGHTS };
  const weights = { ...counts };
  for (const d of DIMENSIONS) weights[d] = (100 * counts[d]) / total;
  return weights;
}
