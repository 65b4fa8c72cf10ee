import { createHash } from 'node:crypto';
import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from './render-chart.js';
import { trendChartSpec } from './trend-chart-spec.js';

/**
 * Rendered SVGs by the hash of their spec, the most recent `size` kept. A spec holds all its
 * data, so the same spec always draws the same chart: a history page opened again (by another
 * leader, or after following a link back) redraws only the charts whose weeks changed.
 */
export class ChartCache {
  private readonly svgs = new Map<string, Promise<string>>();

  constructor(private readonly size = 128) {}

  render(spec: TopLevelSpec): Promise<string> {
    const key = createHash('sha256').update(JSON.stringify(spec)).digest('base64url');
    const known = this.svgs.get(key);
    if (known) {
      // Most recently used last, so the oldest is the first key.
      this.svgs.delete(key);
      this.svgs.set(key, known);
      return known;
    }
    const drawing = renderChartSvg(spec);
    this.svgs.set(key, drawing);
    drawing.catch(() => this.svgs.delete(key));
    while (this.svgs.size > this.size) this.svgs.delete(this.svgs.keys().next().value as string);
    return drawing;
  }

  /**
   * Draws a small chart once and throws it away: vega's first chart in a process costs several
   * times a later one (modules loaded, code not yet optimised), which a server pays at start
   * rather than on the first leader's page.
   */
  async warmUp(): Promise<void> {
    const weeks = ['2026-W01', '2026-W02', '2026-W03', '2026-W04'];
    const line = (name: string, i: number) => ({
      name,
      points: weeks.map((week, w) => ({ week, value: (w + i) / 8, low: 0, high: 1 })),
    });
    // One of each kind the history page draws: a score band, shares with a legend, counts.
    for (const [scale, names] of [
      ['score', ['a']],
      ['share', ['a', 'b']],
      ['count', ['a', 'b', 'c']],
    ] as const) {
      await renderChartSvg(
        trendChartSpec({ title: 'warm-up', weeks, scale, series: names.map((name, i) => line(name, i)) }),
      );
    }
  }
}
