import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/charts/render-chart.js';
import { trendChartSpec, trendRows } from '../../src/charts/trend-chart-spec.js';

const WEEKS = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'];

describe('trend chart', () => {
  it('breaks a line at a week without a value instead of joining its neighbours', () => {
    const rows = trendRows({
      weeks: WEEKS,
      series: [
        {
          name: 'Overall',
          points: [
            { week: '2026-W40', value: 0.5, low: 0.1, high: 0.9 },
            { week: '2026-W41', value: 0.4, low: 0, high: 0.8 },
            { week: '2026-W42', value: null },
            { week: '2026-W43', value: -0.2, low: -0.6, high: 0.2 },
          ],
        },
      ],
    });
    expect(rows.map((r) => [r.week, r.run])).toEqual([
      ['2026-W40', 'Overall#0'],
      ['2026-W41', 'Overall#0'],
      ['2026-W43', 'Overall#1'],
    ]);
  });

  it('renders one path per run of weeks, so a gap week has no point and no segment', async () => {
    const svg = await renderChartSvg(
      trendChartSpec({
        title: 'Overall gap score',
        weeks: WEEKS,
        scale: 'score',
        series: [
          {
            name: 'Overall',
            points: WEEKS.map((week, i) =>
              i === 2
                ? { week, value: null }
                : { week, value: i / 10, low: i / 10 - 0.3, high: i / 10 + 0.3 },
            ),
          },
        ],
      }),
    );
    expect(svg).toContain('Overall gap score');
    // Two runs (W40–41, W43–44): two line paths and two bands; four points, not five.
    const marks = (role: string) => svg.split(`aria-roledescription="${role}"`).length - 1;
    expect(marks('line mark')).toBe(2);
    expect(marks('area mark')).toBe(2);
    expect(marks('point')).toBe(4);
    expect(svg).not.toContain('week: 2026-W42');
  });
});
