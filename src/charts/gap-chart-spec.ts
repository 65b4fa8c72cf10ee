import type { TopLevelSpec } from 'vega-lite';
import type { DigestData } from '../domain/digest/digest-schema.js';
import { dimensionLabel } from '../domain/digest/format.js';
import { TOO_FEW } from '../domain/digest/render-common.js';

/** Pinned so the chart looks the same on every machine: Debian and Ubuntu ship DejaVu (fonts-dejavu-core). */
export const CHART_FONT = 'DejaVu Sans';
/** Plot area and padding in CSS pixels; autosize is off so the image size never depends on the data. */
export const CHART_LAYOUT = {
  width: 560,
  height: 250,
  padding: { left: 130, right: 30, top: 56, bottom: 72 },
};
export const CHART_SIZE = {
  width: CHART_LAYOUT.width + CHART_LAYOUT.padding.left + CHART_LAYOUT.padding.right,
  height: CHART_LAYOUT.height + CHART_LAYOUT.padding.top + CHART_LAYOUT.padding.bottom,
};

type Row = {
  dimension: string;
  series: 'This week' | 'Last week';
  mean: number;
  low?: number;
  high?: number;
};

/**
 * Vega-Lite spec of the customer gap per dimension: this week's mean with its 95 % interval as
 * whiskers, last week's mean as a hollow mark, a rule at "as expected" and "too few answers"
 * written where a week has fewer than MIN_ANSWERS. Pure: data in, spec out.
 */
export function gapChartSpec(digest: DigestData): TopLevelSpec {
  const order = digest.gap5.dimensions.map((d) => dimensionLabel(d.dimension));
  const rows: Row[] = [];
  const tooFew: { dimension: string; label: string }[] = [];
  for (const { dimension, score } of digest.gap5.dimensions) {
    const label = dimensionLabel(dimension);
    if (score.current.kind === 'value') {
      rows.push({
        dimension: label,
        series: 'This week',
        mean: score.current.mean,
        ...(score.current.ci95
          ? { low: Math.max(-2, score.current.ci95.low), high: Math.min(2, score.current.ci95.high) }
          : {}),
      });
    } else tooFew.push({ dimension: label, label: `${TOO_FEW} (n = ${score.current.n})` });
    if (score.previous.kind === 'value')
      rows.push({ dimension: label, series: 'Last week', mean: score.previous.mean });
  }
  const y = {
    field: 'dimension',
    type: 'nominal',
    sort: order,
    title: null,
    axis: { labelFontSize: 13 },
  } as const;
  const x = {
    type: 'quantitative',
    scale: { domain: [-2, 2] },
    axis: { values: [-2, -1, 0, 1, 2], labelExpr: AXIS_LABELS, labelFontSize: 11, title: null },
  } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    scale: { domain: ['This week', 'Last week'], range: ['#1f5fa8', '#8a8a8a'] },
    legend: { orient: 'bottom', title: null, labelFontSize: 12 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_LAYOUT.width,
    height: CHART_LAYOUT.height,
    padding: CHART_LAYOUT.padding,
    autosize: { type: 'none', contains: 'content' },
    background: 'white',
    config: { font: CHART_FONT, view: { stroke: null } },
    title: {
      text: `${digest.team.name} · ${digest.week}: compared with what requesters expected`,
      subtitle: 'Mean gap per dimension with 95% confidence interval; hollow = last week',
      anchor: 'middle',
      fontSize: 15,
      subtitleFontSize: 11,
      offset: 12,
    },
    layer: [
      {
        data: { values: [{ x: 0 }] },
        mark: { type: 'rule', color: '#444', strokeDash: [4, 3] },
        encoding: { x: { field: 'x', ...x } },
      },
      {
        data: { values: rows.filter((r) => r.low !== undefined) },
        mark: { type: 'rule', strokeWidth: 2, color: '#1f5fa8' },
        encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' } },
      },
      ...(['Last week', 'This week'] as const).map((series) => ({
        data: { values: rows.filter((r) => r.series === series) },
        mark: { type: 'point', size: 120, strokeWidth: 2, opacity: 1, filled: series === 'This week' },
        encoding: { y, x: { field: 'mean', ...x }, color },
      })),
      {
        data: { values: tooFew },
        mark: { type: 'text', align: 'center', fontStyle: 'italic', color: '#666', fontSize: 12 },
        encoding: { y, x: { datum: 0, ...x }, text: { field: 'label' } },
      },
    ],
  } as unknown as TopLevelSpec;
}

const AXIS_LABELS =
  "datum.value == -2 ? 'much worse' : datum.value == -1 ? 'worse' : datum.value == 0 ? 'as expected' : datum.value == 1 ? 'better' : 'much better'";
