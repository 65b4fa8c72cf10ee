import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './gap-chart-spec.js';

/** One week of one line: `value` null is a week without enough answers, drawn as a gap. */
export type TrendPoint = { week: string; value: number | null; low?: number; high?: number };
export type TrendSeries = { name: string; points: readonly TrendPoint[] };

export type TrendChartInput = {
  title: string;
  subtitle?: string;
  /** Every week on the axis, oldest first: weeks without a value still take their place. */
  weeks: readonly string[];
  series: readonly TrendSeries[];
  scale: 'score' | 'share' | 'count';
};

export const TREND_LAYOUT = {
  width: 520,
  height: 180,
  padding: { left: 56, right: 16, top: 48, bottom: 64 },
};

const PALETTE = ['#1f5fa8', '#c2571a', '#2e8540', '#7b3fa0', '#8a6d00'];

type Row = { series: string; week: string; value: number; low?: number; high?: number; run: string };

/**
 * Splits each series into runs of consecutive weeks that have a value. Lines and bands are
 * drawn per run (`detail`), so a week with too few answers breaks the line instead of being
 * bridged: vega-lite would otherwise join the points either side of a missing one.
 */
export function trendRows(input: Pick<TrendChartInput, 'weeks' | 'series'>): Row[] {
  const rows: Row[] = [];
  for (const series of input.series) {
    const byWeek = new Map(series.points.map((point) => [point.week, point]));
    let run = 0;
    let inRun = false;
    for (const week of input.weeks) {
      const point = byWeek.get(week);
      if (!point || point.value === null) {
        if (inRun) run++;
        inRun = false;
        continue;
      }
      inRun = true;
      rows.push({
        series: series.name,
        week,
        value: point.value,
        ...(point.low !== undefined && point.high !== undefined ? { low: point.low, high: point.high } : {}),
        run: `${series.name}#${run}`,
      });
    }
  }
  return rows;
}

/** About a dozen labels whatever the span: 52 weekly labels would overlap at phone width. */
function axisWeeks(weeks: readonly string[]): string[] {
  const step = Math.max(1, Math.ceil(weeks.length / 12));
  return weeks.filter((_, i) => (weeks.length - 1 - i) % step === 0);
}

const Y_SCALE = {
  score: { domain: [-2, 2], format: '+.1f', title: 'gap (−2 … +2)' },
  share: { domain: [0, 1], format: '.0%', title: null },
  count: { domain: undefined, format: 'd', title: null },
} as const;

/**
 * Vega-Lite spec of weekly lines with their 95 % interval as a band: pure, data in, spec out.
 * Scores get a dashed rule at 0 ("as expected").
 */
export function trendChartSpec(input: TrendChartInput): TopLevelSpec {
  const rows = trendRows(input);
  const y = Y_SCALE[input.scale];
  const names = input.series.map((series) => series.name);
  const x = {
    field: 'week',
    type: 'ordinal',
    scale: { domain: [...input.weeks] },
    axis: {
      values: axisWeeks(input.weeks),
      labelAngle: -45,
      labelFontSize: 10,
      title: null,
      labelExpr: "replace(datum.value, /^\\d{4}-/, '')",
    },
  } as const;
  const yScale = { ...(y.domain ? { domain: [...y.domain] } : { zero: true }), nice: !y.domain };
  const yAxis = { format: y.format, title: y.title, labelFontSize: 10, tickCount: 5 };
  const color = {
    field: 'series',
    type: 'nominal',
    scale: { domain: names, range: PALETTE.slice(0, Math.max(1, names.length)) },
    legend:
      names.length > 1
        ? {
            orient: 'bottom',
            title: null,
            labelFontSize: 11,
            labelLimit: 0,
            symbolType: 'stroke',
            symbolStrokeWidth: 3,
            symbolOpacity: 1,
          }
        : null,
  } as const;
  const banded = rows.filter((row) => row.low !== undefined);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: TREND_LAYOUT.width,
    height: TREND_LAYOUT.height,
    padding: TREND_LAYOUT.padding,
    autosize: { type: 'none', contains: 'content' },
    background: 'white',
    config: { font: CHART_FONT, view: { stroke: null } },
    title: {
      text: input.title,
      ...(input.subtitle ? { subtitle: input.subtitle } : {}),
      anchor: 'start',
      fontSize: 14,
      subtitleFontSize: 11,
      offset: 10,
    },
    layer: [
      ...(input.scale === 'score'
        ? [
            {
              data: { values: [{ zero: 0 }] },
              mark: { type: 'rule', color: '#444', strokeDash: [4, 3] },
              encoding: { y: { field: 'zero', type: 'quantitative', scale: yScale, axis: yAxis } },
            },
          ]
        : []),
      {
        data: { values: banded },
        mark: { type: 'area', opacity: 0.18 },
        encoding: {
          x,
          y: { field: 'low', type: 'quantitative', scale: yScale, axis: yAxis },
          y2: { field: 'high' },
          color,
          detail: { field: 'run' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', scale: yScale, axis: yAxis },
          color,
          detail: { field: 'run' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 28, opacity: 1 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', scale: yScale, axis: yAxis },
          color,
        },
      },
    ],
  } as unknown as TopLevelSpec;
}
