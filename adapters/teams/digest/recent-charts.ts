/**
 * The last few charts drawn, by team-week. A saved digest never changes, but Teams fetches the
 * chart for every viewer of the card, and drawing it holds the event loop for 0.15–0.3 s: a
 * leaders' channel opening Monday's digest would stall every click meanwhile. Fetches that
 * arrive while the chart is being drawn wait for that one drawing; a failed drawing is not kept.
 */
export class RecentCharts {
  private readonly charts = new Map<string, Promise<Buffer>>();

  constructor(private readonly keep = 16) {}

  get(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
    const known = this.charts.get(key);
    if (known) {
      // Most recently used goes last, so the oldest is the first to go.
      this.charts.delete(key);
      this.charts.set(key, known);
      return known;
    }
    const drawing = draw();
    this.charts.set(key, drawing);
    drawing.catch(() => {
      if (this.charts.get(key) === drawing) this.charts.delete(key);
    });
    for (const oldest of this.charts.keys()) {
      if (this.charts.size <= this.keep) break;
      this.charts.delete(oldest);
    }
    return drawing;
  }
}
