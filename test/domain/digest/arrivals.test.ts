import { describe, expect, it } from 'vitest';
import { arrivalsGrid, busiestHours } from '../../../src/domain/digest/arrivals.js';

const at = (iso: string, count = 1) => ({ start: new Date(iso), count });

describe('arrivals by local weekday and hour', () => {
  it('maps UTC hours to New York wall-clock hours on either side of the clock change', () => {
    // 1 Nov 2026: 01:00–02:00 happens twice in New York (EDT, then EST).
    const grid = arrivalsGrid(
      [at('2026-11-01T05:00:00Z', 2), at('2026-11-01T06:00:00Z', 3), at('2026-11-02T14:00:00Z')],
      'America/New_York',
    );
    expect(grid[6]?.[1]).toBe(5);
    expect(grid[0]?.[9]).toBe(1);
  });

  it('puts a London Monday-morning request on Monday even in summer time', () => {
    const grid = arrivalsGrid([at('2026-07-06T08:00:00Z')], 'Europe/London');
    expect(grid[0]?.[9]).toBe(1);
  });

  it('names the busiest hours, earliest first on ties', () => {
    const grid = arrivalsGrid(
      [at('2026-11-17T10:00:00Z', 4), at('2026-11-16T10:00:00Z', 4), at('2026-11-16T15:00:00Z')],
      'UTC',
    );
    expect(busiestHours(grid, 2)).toEqual([
      { weekday: 0, hour: 10, count: 4 },
      { weekday: 1, hour: 10, count: 4 },
    ]);
  });
});
