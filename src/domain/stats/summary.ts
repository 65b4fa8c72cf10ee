import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Below this many answers the digest prints "too few answers", never a number. */
export const MIN_ANSWERS = 5;

/** 97.5th percentile of the standard normal, for two-sided 95 % intervals. */
export const Z_975 = 1.959963984540054;

/** What SQL can hand us for a mean: COUNT(x), SUM(x), SUM(x * x). */
export interface MeanStats {
  n: number;
  sum: number;
  sumSquares: number;
}

/** What SQL can hand us for a share: SUM(CASE WHEN … THEN 1 ELSE 0 END), COUNT(*). */
export interface ShareStats {
  successes: number;
  n: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface MeanSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator); null when n = 1. */
  sd: number | null;
  /** Null when n = 1: one answer says nothing about spread. */
  ci95: Interval | null;
}

export interface ShareSummary {
  n: number;
  share: number;
  ci95: Interval;
}

/**
 * A figure the digest may show. Renderers switch on `kind`, so a number for n < MIN_ANSWERS
 * cannot be printed by accident: the `too_few` branch carries no value at all.
 */
export type Figure<T> = { kind: 'too_few'; n: number } | ({ kind: 'value' } & T);

/**
 * Sample variance from sufficient statistics, clamped at 0 because
 * sumSquares − sum²/n can come out a hair negative in floating point.
 */
export function sampleVariance({ n, sum, sumSquares }: MeanStats): number {
  if (n < 2) throw new RangeError(`sampleVariance needs n >= 2, got ${n}`);
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

/**
 * Mean, sample sd and a t-based 95 % confidence interval
 * (mean ± t(0.975, n − 1) · sd / √n) from `{ n, sum, sumSquares }`.
 * Throws RangeError for n < 1; for n = 1, sd and ci95 are null.
 */
export function meanSummary(stats: MeanStats): MeanSummary {
  const { n, sum } = stats;
  assertCount(n, 'n');
  if (n < 1) throw new RangeError('meanSummary needs at least one answer');
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: null, ci95: null };
  const sd = Math.sqrt(sampleVariance(stats));
  const half = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95: { low: mean - half, high: mean + half } };
}

/**
 * Share with a 95 % Wilson score interval (Wilson 1927), which stays inside [0, 1] and
 * behaves at small n and at 0 % / 100 %, unlike the Wald interval p ± z·√(p(1−p)/n).
 * Throws RangeError for n < 1 or successes outside 0…n.
 */
export function shareSummary({ successes, n }: ShareStats): ShareSummary {
  assertCount(n, 'n');
  assertCount(successes, 'successes');
  if (n < 1) throw new RangeError('shareSummary needs at least one answer');
  if (successes > n) throw new RangeError(`successes (${successes}) exceed n (${n})`);
  const share = successes / n;
  const z2 = Z_975 * Z_975;
  const denominator = 1 + z2 / n;
  const centre = (share + z2 / (2 * n)) / denominator;
  const half = (Z_975 / denominator) * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  // Clamp: at 0 % or 100 % the bound equals the edge exactly in theory but may drift by an ulp.
  return { n, share, ci95: { low: Math.max(0, centre - half), high: Math.min(1, centre + half) } };
}

/**
 * Gate any figure on MIN_ANSWERS: below it, `compute` is not even called.
 * Use for figures that are not plain means or shares (e.g. a median of resolve times).
 */
export function figure<T extends object>(n: number, compute: () => T): Figure<T> {
  if (n < MIN_ANSWERS) return { kind: 'too_few', n };
  return { kind: 'value', ...compute() };
}

/** meanSummary, or `too_few` when n < MIN_ANSWERS. */
export function meanFigure(stats: MeanStats): Figure<MeanSummary> {
  return figure(stats.n, () => meanSummary(stats));
}

/** shareSummary, or `too_few` when n < MIN_ANSWERS. */
export function shareFigure(stats: ShareStats): Figure<ShareSummary> {
  return figure(stats.n, () => shareSummary(stats));
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}
