import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, CHART_SIZE, gapChartSpec } from '../../src/charts/gap-chart-spec.js';
import { CHART_SCALE, renderGapChartPng, renderGapChartSvg } from '../../src/charts/render-chart.js';
import { type DigestData, digestSchema } from '../../src/domain/digest/digest-schema.js';

const FIXTURE = new URL('../services/digest/__snapshots__/facilities-2026-W47.json.snap', import.meta.url);
const digest: DigestData = digestSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

type LayerData = { data?: { values?: Record<string, unknown>[] } };

describe('the gap chart', () => {
  it('is a valid PNG of the fixed size, whatever the data', async () => {
    const png = await renderGapChartPng(digest);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(CHART_SIZE.width * CHART_SCALE);
    expect(png.readUInt32BE(20)).toBe(CHART_SIZE.height * CHART_SCALE);
    expect(png.subarray(-8, -4).toString('ascii')).toBe('IEND');
  });

  it('plots this week with whiskers and last week, and writes "too few answers" instead of a point', () => {
    const spec = gapChartSpec(digest) as unknown as { layer: LayerData[] };
    const values = spec.layer.flatMap((layer) => layer.data?.values ?? []);
    const reliability = values.find((v) => v.dimension === 'Reliability' && v.series === 'This week');
    expect(reliability).toMatchObject({
      mean: -1,
      low: expect.closeTo(-1.878, 3),
      high: expect.closeTo(-0.122, 3),
    });
    expect(values).toContainEqual({ dimension: 'Reliability', series: 'Last week', mean: 0.2 });
    expect(values.some((v) => v.dimension === 'Assurance' && 'mean' in v)).toBe(false);
    expect(values).toContainEqual({ dimension: 'Assurance', label: 'too few answers (n = 2)' });
  });

  it('draws its text in the pinned font, with no browser involved', async () => {
    const svg = await renderGapChartSvg(digest);
    expect(svg).toContain(CHART_FONT);
    expect(svg).toContain('too few answers (n = 2)');
    expect(svg).toContain('Facilities · 2026-W47');
  });
});
