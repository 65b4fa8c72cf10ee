import { expect, it } from 'vitest';
import { arrivalsGrid } from '../../src/domain/digest/arrivals.js';
import { fileRequest } from '../../src/services/file-request.js';
import { arrivalsByUtcQuarterHour } from '../../src/store/digest/volume-queries.js';
import { describeEachDatabase } from '../support/databases.js';
import { serviceHarness } from '../support/service-harness.js';

describeEachDatabase('arrivals for the digest', (database) => {
  it('count in the local hour they happened in, even where the offset is half an hour (India)', async () => {
    const { deps, clock } = await serviceHarness(database(), '2026-11-16T03:40:00Z');
    // 03:40Z and 04:10Z are 09:10 and 09:40 in Kolkata (+05:30); 04:40Z is 10:10.
    for (const at of ['2026-11-16T03:40:00Z', '2026-11-16T04:10:00Z', '2026-11-16T04:40:00Z']) {
      clock.set(at);
      await fileRequest(deps, {
        teamId: 'facilities',
        requester: { platform: 'slack', userId: 'U0DANA', name: 'dana' },
        category: 'HVAC',
        description: `filed at ${at}`,
        neededBy: { choice: 'today' },
        source: { platform: 'slack', entry: 'slash_command' },
      });
    }
    const buckets = await arrivalsByUtcQuarterHour(
      deps.store,
      'facilities',
      new Date('2026-11-16T00:00:00Z'),
      new Date('2026-11-23T00:00:00Z'),
    );
    expect(buckets.map((b) => [b.start.toISOString(), b.count]).sort()).toEqual([
      ['2026-11-16T03:30:00.000Z', 1],
      ['2026-11-16T04:00:00.000Z', 1],
      ['2026-11-16T04:30:00.000Z', 1],
    ]);
    const monday = arrivalsGrid(buckets, 'Asia/Kolkata')[0];
    expect(monday?.[9]).toBe(2);
    expect(monday?.[10]).toBe(1);
  });
});
