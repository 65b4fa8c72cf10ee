import { beforeAll, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors.js';
import { exportRequests } from '../../../src/services/report/export-requests.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { SEED_NOW, seedDigestWeek } from '../digest/digest-seed.js';

const W47 = { from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') };

describeEachDatabase('the per-request export of a period', (database) => {
  let deps: ServiceDeps;
  beforeAll(async () => {
    ({ deps } = await serviceHarness(database(), SEED_NOW.toISOString()));
    await seedDigestWeek(database().db);
  });

  it('has one row per request of the team filed in the period, oldest first', async () => {
    const rows = await exportRequests(deps, { teamId: 'facilities', ...W47 });
    expect(rows.map((r) => r.ref)).toEqual([
      'REF-1',
      'REF-2',
      'REF-3',
      'REF-4',
      'REF-5',
      'REF-6',
      'REF-7',
      'REF-8',
    ]);
  });

  it('includes the start of the period and leaves out its end', async () => {
    const rows = await exportRequests(deps, {
      teamId: 'facilities',
      from: new Date('2026-11-16T09:15:00Z'),
      to: new Date('2026-11-19T09:20:00Z'),
    });
    expect(rows.map((r) => r.ref)).toEqual(['REF-1', 'REF-2', 'REF-3', 'REF-4', 'REF-5']);
  });

  it('gives each request its SLA outcomes, needed-by gap and promise tally', async () => {
    const rows = await exportRequests(deps, { teamId: 'facilities', ...W47 });
    expect(rows[3]).toEqual({
      ref: 'REF-4',
      category: 'Cleaning',
      location: 'Warehouse',
      priority: 'normal',
      status: 'resolved',
      filedAt: new Date('2026-11-18T10:00:00Z'),
      acknowledgedAt: new Date('2026-11-18T10:40:00Z'),
      resolvedAt: new Date('2026-11-20T16:00:00Z'),
      cancelledAt: null,
      assignee: null,
      neededByChoice: 'no_rush',
      neededBy: null,
      neededSoonerThanSla: false,
      slaAckDueAt: null,
      slaResolveDueAt: null,
      ackMinutes: 40,
      resolveMinutes: 1500,
      ackWithinSla: true,
      resolveWithinSla: false,
      reopenCount: 0,
      // Acknowledged in time (kept), resolved after the promised date (missed).
      promisesMade: 2,
      promisesKept: 1,
      promisesBroken: 1,
      surveyStatus: null,
      surveyDimension: null,
      surveyScore: null,
      surveyShortfall: null,
      surveyComment: null,
      surveyAnsweredAt: null,
    });
    // A cancelled promise is made but neither kept nor broken.
    expect(rows[6]).toMatchObject({ ref: 'REF-7', promisesMade: 1, promisesKept: 0, promisesBroken: 0 });
    expect(rows[5]).toMatchObject({ ref: 'REF-6', neededSoonerThanSla: true, ackWithinSla: false });
  });

  it('carries the request’s latest survey answer', async () => {
    const rows = await exportRequests(deps, { teamId: 'facilities', ...W47 });
    // The seed hangs every survey on REF-1; its highest round answered is round 114 (empathy, +1).
    expect(rows[0]).toMatchObject({
      surveyStatus: 'answered',
      surveyDimension: 'empathy',
      surveyScore: 1,
      surveyShortfall: null,
      surveyComment: null,
    });
  });

  it('refuses a period that ends before it starts', async () => {
    const error = await exportRequests(deps, { teamId: 'facilities', from: W47.to, to: W47.from }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error, 'invalid_input')).toBe(true);
  });
});
