import type { TopLevelSpec } from 'vega-lite';
import { dimensionLabel } from '../domain/digest/format.js';
import { DIMENSIONS } from '../domain/dimensions.js';
import type { Estimate, HistoryWeek, Share, TeamHistory } from '../domain/report/report-schema.js';
import { type TrendPoint, trendChartSpec } from './trend-chart-spec.js';

export type HistoryChart = { id: string; alt: string; spec: TopLevelSpec };

const estimatePoint = (week: string, e: Estimate | null): TrendPoint =>
  e ? { week, value: e.mean, low: e.low, high: e.high } : { week, value: null };
const sharePoint = (week: string, s: Share | null): TrendPoint =>
  s ? { week, value: s.share, low: s.low, high: s.high } : { week, value: null };
const countPoint = (week: string, n: number): TrendPoint => ({ week, value: n });

function series(weeks: readonly HistoryWeek[], name: string, point: (w: HistoryWeek) => TrendPoint) {
  return { name, points: weeks.map(point) };
}

const BAND = 'line: weekly value · band: 95% confidence interval · gap: fewer than 5 answers';

/**
 * The history page's charts, pure: one per figure family. Estimates and shares are null below
 * 5 answers (the contract), which trendChartSpec draws as a break in the line.
 */
export function historyChartSpecs(history: TeamHistory): HistoryChart[] {
  const { weeks } = history;
  const keys = weeks.map((w) => w.week);
  const chart = (
    id: string,
    title: string,
    scale: 'score' | 'share' | 'count',
    list: { name: string; points: TrendPoint[] }[],
    subtitle = BAND,
  ): HistoryChart => ({
    id,
    alt: `${title}, week by week`,
    spec: trendChartSpec({ title, subtitle, weeks: keys, series: list, scale }),
  });
  return [
    chart('gap-score', 'Overall gap score (importance-weighted)', 'score', [
      series(weeks, 'Overall', (w) => estimatePoint(w.week, w.gapScore)),
    ]),
    ...DIMENSIONS.map((d) =>
      chart(`dimension-${d}`, `${dimensionLabel(d)}: compared with what requesters expected`, 'score', [
        series(weeks, dimensionLabel(d), (w) => estimatePoint(w.week, w.dimensions[d])),
      ]),
    ),
    chart('sla', 'Within SLA (gap 3)', 'share', [
      series(weeks, 'Acknowledged within SLA', (w) => sharePoint(w.week, w.ackWithinSla)),
      series(weeks, 'Resolved within SLA', (w) => sharePoint(w.week, w.resolveWithinSla)),
    ]),
    chart('promises', 'Promises kept (gap 4)', 'share', [
      series(weeks, 'Promises kept', (w) => sharePoint(w.week, w.promisesKept)),
    ]),
    chart('needed-sooner', 'Needed sooner than the SLA allows (gap 2)', 'share', [
      series(weeks, 'Needed sooner', (w) => sharePoint(w.week, w.neededSooner)),
    ]),
    chart(
      'volume',
      'Volume and backlog',
      'count',
      [
        series(weeks, 'Filed', (w) => countPoint(w.week, w.filed)),
        series(weeks, 'Resolved', (w) => countPoint(w.week, w.resolved)),
        series(weeks, 'Open at week end', (w) => countPoint(w.week, w.backlog)),
      ],
      'requests per week',
    ),
    chart(
      'importance',
      "What matters most: requesters' importance votes (gap 1)",
      'count',
      DIMENSIONS.map((d) =>
        series(weeks, dimensionLabel(d), (w) => countPoint(w.week, w.importanceVotes[d])),
      ),
      'votes cast per week',
    ),
  ];
}
