import { describe, expect, it } from 'vitest';
import { ChartCache } from '../../src/charts/chart-cache.js';
import { trendChartSpec } from '../../src/charts/trend-chart-spec.js';

const spec = (value: number) =>
  trendChartSpec({
    title: `value ${value}`,
    weeks: ['2026-W01', '2026-W02'],
    scale: 'count',
    series: [
      {
        name: 'filed',
        points: [
          { week: '2026-W01', value },
          { week: '2026-W02', value: value + 1 },
        ],
      },
    ],
  });

describe('chart cache', () => {
  it('draws a spec once and gives the same SVG for an equal spec, a new one for other data', async () => {
    const cache = new ChartCache(2);
    const first = cache.render(spec(1));
    expect(cache.render(spec(1))).toBe(first);
    const other = await cache.render(spec(2));
    expect(other).not.toBe(await first);
    expect(other).toContain('value 2');
  });

  it('keeps only the most recently used specs', async () => {
    const cache = new ChartCache(2);
    const one = cache.render(spec(1));
    const evicted = cache.render(spec(2));
    cache.render(spec(1));
    cache.render(spec(3));
    expect(cache.render(spec(1))).toBe(one);
    const two = cache.render(spec(2));
    expect(two).not.toBe(evicted);
    expect(await two).toContain('value 2');
    expect(cache.render(spec(2))).toBe(two);
  });
});
