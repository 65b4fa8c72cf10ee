import { beforeAll, expect, it } from 'vitest';
import type { DigestData } from '../../../src/domain/digest/digest-schema.js';
import { figureValue } from '../../../src/domain/report/report-figures.js';
import { FIGURE_KEYS, type FigureKey } from '../../../src/domain/report/report-schema.js';
import { isAppError } from '../../../src/errors.js';
import { buildWeeklyDigest } from '../../../src/services/build-weekly-digest.js';
import { listFigureRequests } from '../../../src/services/report/list-figure-requests.js';
import type { ReportDeps } from '../../../src/services/report/report-deps.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { SEED_NOW, SEED_WEEK, seedDigestWeek } from '../digest/digest-seed.js';
import { HISTORY_NOW, seedHistory } from './history-seed.js';

async function lengths(deps: ReportDeps, week: string): Promise<Record<FigureKey, number>> {
  const result = {} as Record<FigureKey, number>;
  for (const figure of FIGURE_KEYS) {
    result[figure] = (await listFigureRequests(deps, { teamId: 'facilities', week, figure })).rows.length;
  }
  return result;
}

/** Every figure the digest shows as a number, next to the length of its list. */
function compare(digest: DigestData, listed: Record<FigureKey, number>) {
  const shown = FIGURE_KEYS.filter((key) => figureValue(digest, key) !== null);
  return {
    expected: Object.fromEntries(shown.map((key) => [key, figureValue(digest, key)])),
    actual: Object.fromEntries(shown.map((key) => [key, listed[key]])),
    shown: shown.length,
  };
}

describeEachDatabase('the requests behind every figure of the digest’s hand-computed week', (database) => {
  let deps: ServiceDeps;
  let digest: DigestData;
  let listed: Record<FigureKey, number>;
  beforeAll(async () => {
    ({ deps } = await serviceHarness(database(), SEED_NOW.toISOString()));
    await seedDigestWeek(database().db);
    digest = await buildWeeklyDigest(deps, { teamId: 'facilities', week: SEED_WEEK });
    listed = await lengths(deps, SEED_WEEK);
  });

  it('lists exactly as many requests as each figure the digest shows', () => {
    const { expected, actual, shown } = compare(digest, listed);
    expect(actual).toEqual(expected);
    // Every figure but "worse than expected" and its five splits by dimension, which the
    // digest does not print (a dimension with too few answers still shows its n).
    expect(shown).toBe(FIGURE_KEYS.length - 6);
    // Not all zeros: the seeded week has something behind the figures.
    expect([listed.backlog, listed['ack-outside-sla'], listed['promises-broken'], listed.deferrals]).toEqual([
      3, 1, 3, 1,
    ]);
    expect(listed['waiting-on-resources']).toBe(2);
  });

  it('lists the answers worse than expected, which only the report counts', () => {
    expect(listed['worse-than-expected']).toBe(6);
    expect(listed['worse-than-expected:reliability']).toBe(4);
    expect(listed['worse-than-expected:responsiveness']).toBe(1);
    expect(listed['worse-than-expected:empathy']).toBe(1);
    expect(listed['worse-than-expected:assurance']).toBe(0);
  });

  it('gives each request its category, times, SLA verdicts and assignee, and no requester', async () => {
    const { rows } = await listFigureRequests(deps, {
      teamId: 'facilities',
      week: SEED_WEEK,
      figure: 'ack-outside-sla',
    });
    expect(rows).toEqual([
      {
        ref: 'REF-6',
        category: 'Electrical',
        location: 'HQ Floor 1',
        priority: 'urgent',
        status: 'resolved',
        filedAt: new Date('2026-11-19T09:20:00Z'),
        acknowledgedAt: new Date('2026-11-19T10:20:00Z'),
        resolvedAt: new Date('2026-11-19T15:00:00Z'),
        cancelledAt: null,
        assignee: null,
        neededByChoice: 'no_rush',
        neededBy: null,
        ackWithinSla: false,
        resolveWithinSla: false,
        neededSoonerThanSla: true,
        survey: null,
      },
    ]);
  });

  it('shows the survey answer behind a survey figure, comment included, never who gave it', async () => {
    const { rows } = await listFigureRequests(deps, {
      teamId: 'facilities',
      week: SEED_WEEK,
      figure: 'not-fixed',
    });
    expect(rows.map((row) => row.survey)).toEqual([
      {
        round: 25,
        dimension: 'reliability',
        status: 'not_fixed',
        score: null,
        shortfall: null,
        comment: 'Radiator still cold',
        answeredAt: new Date('2026-11-19T15:00:00Z'),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Ann Example');
  });

  it('refuses a figure it does not know and a malformed week', async () => {
    const bad = (week: string, figure: string) =>
      listFigureRequests(deps, { teamId: 'facilities', week, figure: figure as FigureKey }).catch(
        (e: unknown) => e,
      );
    expect(isAppError(await bad(SEED_WEEK, 'everything'), 'invalid_input')).toBe(true);
    expect(isAppError(await bad('2026-47', 'filed'), 'invalid_input')).toBe(true);
  });
});

describeEachDatabase('the requests behind every figure of every week of a seeded history', (database) => {
  it('lists exactly as many requests as each week’s digest shows', async () => {
    const { deps } = await serviceHarness(database(), HISTORY_NOW.toISOString());
    await seedHistory(database().db);
    for (const week of ['2026-W43', '2026-W44', '2026-W45', '2026-W46']) {
      const digest = await buildWeeklyDigest(deps, { teamId: 'facilities', week });
      const { expected, actual } = compare(digest, await lengths(deps, week));
      expect({ week, ...actual }).toEqual({ week, ...expected });
    }
  });
});
