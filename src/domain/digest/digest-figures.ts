import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { compareMeans, compareShares, SIGNIFICANCE_LEVEL } from '../stats/change-test.js';
import { percentile } from '../stats/percentile.js';
import { figure, type MeanStats, meanFigure, type ShareStats, shareFigure, Z_975 } from '../stats/summary.js';
import type { Change, TimeFigure, TrackedMean, TrackedShare, WeightedFigure } from './digest-schema.js';

/** This week's and last week's mean with the Welch verdict. */
export function trackMean(current: MeanStats, previous: MeanStats, lowerIsBetter = false): TrackedMean {
  return {
    current: meanFigure(current),
    previous: meanFigure(previous),
    change: compareMeans(current, previous, { lowerIsBetter }),
  };
}

/** This week's and last week's share with the two-proportion z verdict. */
export function trackShare(current: ShareStats, previous: ShareStats, lowerIsBetter = false): TrackedShare {
  return {
    current: shareFigure(current),
    previous: shareFigure(previous),
    change: compareShares(current, previous, { lowerIsBetter }),
  };
}

/** Median and p90 of business minutes, gated on MIN_ANSWERS like every other figure. */
export function timeFigure(minutes: readonly number[]): TimeFigure {
  return figure(minutes.length, () => ({
    n: minutes.length,
    median: percentile(minutes, 0.5),
    p90: percentile(minutes, 0.9),
  }));
}

/** Stated in the footnote: the overall score's change is not covered by change-test.ts. */
export const OVERALL_CHANGE_FOOTNOTE =
  'The overall score is weighted by importance; its change uses a z-test on the two weeks’ standard errors.';

/**
 * Change in the weighted overall score: z = Δ / √(se₁² + se₂²), with each se recovered from
 * the normal-approximation 95 % interval weightedScore reports (half-width / 1.96).
 */
export function compareWeighted(current: WeightedFigure, previous: WeightedFigure): Change {
  if (current.kind !== 'value' || previous.kind !== 'value')
    return { verdict: 'too_few', delta: null, p: null };
  const delta = current.mean - previous.mean;
  const se1 = (current.ci95.high - current.ci95.low) / (2 * Z_975);
  const se2 = (previous.ci95.high - previous.ci95.low) / (2 * Z_975);
  const se = Math.sqrt(se1 * se1 + se2 * se2);
  const p = se === 0 ? (delta === 0 ? 1 : 0) : 2 * normalCdf(-Math.abs(delta / se), 0, 1);
  if (!(p < SIGNIFICANCE_LEVEL) || delta === 0) return { verdict: 'no_clear_change', delta, p };
  return { verdict: delta > 0 ? 'improved' : 'worsened', delta, p };
}

/** Adds share statistics (e.g. over priorities). */
export function sumShares(parts: readonly ShareStats[]): ShareStats {
  return parts.reduce((total, s) => ({ successes: total.successes + s.successes, n: total.n + s.n }), {
    successes: 0,
    n: 0,
  });
}
