import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { type MeanStats, MIN_ANSWERS, type ShareStats, sampleVariance } from './summary.js';

/** A change is called real only below this two-sided p-value. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** Printed under the digest so leaders know what "improved" and "worsened" mean. */
export const CHANGE_TEST_FOOTNOTE =
  `Changes are called real when p < ${SIGNIFICANCE_LEVEL} ` +
  "(Welch's t-test for mean scores, two-proportion z-test for shares) " +
  `and both weeks have at least ${MIN_ANSWERS} answers; otherwise the digest says "no clear change".`;

export type ChangeVerdict = 'improved' | 'worsened' | 'no_clear_change' | 'too_few';

/**
 * This week against last week. `delta` is current − previous (in score points for means,
 * in share 0…1 for shares). `too_few` carries no numbers so none can be shown.
 */
export type ChangeTest =
  | { verdict: 'too_few'; delta: null; p: null }
  | { verdict: Exclude<ChangeVerdict, 'too_few'>; delta: number; p: number };

export interface ChangeOptions {
  /** For figures where a rise is bad news: breach rate, average slip, resolve time. */
  lowerIsBetter?: boolean;
}

const TOO_FEW: ChangeTest = { verdict: 'too_few', delta: null, p: null };

/**
 * Welch's two-sample t-test (unequal variances, Welch–Satterthwaite df), two-sided, on
 * `{ n, sum, sumSquares }` for this week and last week. `too_few` unless both weeks have
 * n ≥ MIN_ANSWERS. When both weeks have zero spread, p is 1 if the means agree, else 0.
 */
export function compareMeans(
  current: MeanStats,
  previous: MeanStats,
  options: ChangeOptions = {},
): ChangeTest {
  if (current.n < MIN_ANSWERS || previous.n < MIN_ANSWERS) return TOO_FEW;
  const delta = current.sum / current.n - previous.sum / previous.n;
  const a = sampleVariance(current) / current.n;
  const b = sampleVariance(previous) / previous.n;
  const p = a + b === 0 ? zeroSpreadP(delta) : welchP(delta, a, b, current.n, previous.n);
  return withVerdict(delta, p, options);
}

/**
 * Two-proportion z-test with the pooled share under H0 (p̂ = (x₁ + x₂) / (n₁ + n₂)),
 * two-sided. `too_few` unless both weeks have n ≥ MIN_ANSWERS. Higher share is "improved"
 * unless `lowerIsBetter`. When both weeks are at 0 % or both at 100 %, p is 1.
 */
export function compareShares(
  current: ShareStats,
  previous: ShareStats,
  options: ChangeOptions = {},
): ChangeTest {
  if (current.n < MIN_ANSWERS || previous.n < MIN_ANSWERS) return TOO_FEW;
  const delta = current.successes / current.n - previous.successes / previous.n;
  const pooled = (current.successes + previous.successes) / (current.n + previous.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / current.n + 1 / previous.n));
  const p = se === 0 ? zeroSpreadP(delta) : 2 * normalCdf(-Math.abs(delta / se), 0, 1);
  return withVerdict(delta, p, options);
}

function welchP(delta: number, a: number, b: number, n1: number, n2: number): number {
  const t = delta / Math.sqrt(a + b);
  const df = (a + b) ** 2 / (a ** 2 / (n1 - 1) + b ** 2 / (n2 - 1));
  // Lower tail of −|t| rather than 1 − cdf(|t|): no cancellation for tiny p.
  return 2 * tCdf(-Math.abs(t), df);
}

// No spread on either side: a difference is certain, agreement is no evidence of change.
function zeroSpreadP(delta: number): number {
  return delta === 0 ? 1 : 0;
}

function withVerdict(delta: number, p: number, { lowerIsBetter = false }: ChangeOptions): ChangeTest {
  if (!(p < SIGNIFICANCE_LEVEL) || delta === 0) return { verdict: 'no_clear_change', delta, p };
  const better = lowerIsBetter ? delta < 0 : delta > 0;
  return { verdict: better ? 'improved' : 'worsened', delta, p };
}
