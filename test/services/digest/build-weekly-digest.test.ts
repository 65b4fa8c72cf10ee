import { beforeAll, describe, expect, it } from 'vitest';
import type { DigestData } from '../../../src/domain/digest/digest-schema.js';
import { renderDigestText } from '../../../src/domain/digest/render-text.js';
import { CHANGE_TEST_FOOTNOTE } from '../../../src/domain/stats/change-test.js';
import { buildWeeklyDigest } from '../../../src/services/build-weekly-digest.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { SEED_NOW, SEED_WEEK, seedDigestWeek } from './digest-seed.js';

// Expected values were worked out by hand and checked with scipy 1.17
// (stats.t.ppf, stats.ttest_ind(equal_var=False), a two-proportion z-test) and numpy.percentile.
const close = (value: number) => expect.closeTo(value, 9);

describeEachDatabase('the weekly digest of a hand-computed week', (database) => {
  let digest: DigestData;
  beforeAll(async () => {
    const { deps } = await serviceHarness(database(), SEED_NOW.toISOString());
    await seedDigestWeek(database().db);
    digest = await buildWeeklyDigest(deps, { teamId: 'facilities' });
  });

  it('reports on the last complete week in the team timezone when no week is given', () => {
    expect(digest.week).toBe(SEED_WEEK);
    expect(digest.previousWeek).toBe('2026-W46');
    expect(digest.period).toEqual({ start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' });
  });

  it('counts volume, backlog, categories and locations for this team only', () => {
    expect(digest.volume.filed).toEqual({ current: 8, previous: 9 });
    expect(digest.volume.resolved).toEqual({ current: 6, previous: 7 });
    expect(digest.volume.backlog.map((b) => b.open)).toEqual([0, 0, 1, 3]);
    expect(digest.volume.byCategory[0]).toEqual({ key: 'HVAC', filed: 2, openAtEnd: 1 });
    expect(digest.volume.byLocation.find((row) => row.key === 'Warehouse')).toEqual({
      key: 'Warehouse',
      filed: 2,
      openAtEnd: 0,
    });
  });

  it('places arrivals on the local weekday × hour grid', () => {
    expect(digest.volume.arrivals[0]?.[9]).toBe(2);
    expect(digest.volume.arrivals[3]?.[9]).toBe(2);
    expect(digest.volume.arrivals[5]?.[11]).toBe(1);
    expect(digest.volume.busiest[0]).toEqual({ weekday: 0, hour: 9, count: 2 });
  });

  it('gives each dimension its mean, n and t-based 95% interval', () => {
    const reliability = digest.gap5.dimensions[0]?.score;
    expect(reliability?.current).toEqual({
      kind: 'value',
      n: 5,
      mean: -1,
      sd: close(Math.sqrt(0.5)),
      ci95: { low: close(-1.8779890330850828), high: close(-0.1220109669149172) },
    });
    expect(reliability?.change).toEqual({
      verdict: 'worsened',
      delta: close(-1.2),
      p: close(0.015646293011487417),
    });
    const responsiveness = digest.gap5.dimensions[1]?.score;
    expect(responsiveness?.change).toEqual({
      verdict: 'no_clear_change',
      delta: close(1 / 6 - 0.6),
      p: close(0.29914305838997124),
    });
  });

  it('shows a dimension with fewer than five answers as too few, with no number', () => {
    expect(digest.gap5.dimensions[2]?.score.current).toEqual({ kind: 'too_few', n: 2 });
    expect(digest.gap5.dimensions[4]?.score.change).toEqual({ verdict: 'too_few', delta: null, p: null });
  });

  it('weights the overall score by the requesters latest importance votes', () => {
    expect(digest.gap5.weightsSource).toBe('requester_votes');
    expect(digest.gap5.weights).toEqual({
      reliability: 40,
      responsiveness: 30,
      assurance: 20,
      empathy: 10,
      tangibles: 0,
    });
    // 0.5·(−1) + 0.375·(1/6) + 0.125·0 over the three dimensions with ≥ 5 answers and weight > 0.
    expect(digest.gap5.overall.current).toMatchObject({ kind: 'value', n: 16, mean: close(-0.4375) });
    expect(digest.gap1?.leaders).toEqual({
      votes: 5,
      weights: { reliability: 20, responsiveness: 20, assurance: 0, empathy: 0, tangibles: 60 },
    });
  });

  it('measures SLA attainment with Wilson intervals and percentiles of business minutes', () => {
    expect(digest.gap3.acknowledgedWithinSla.current).toEqual({
      kind: 'value',
      n: 6,
      share: close(5 / 6),
      ci95: { low: close(0.43649717781352987), high: close(0.9699466302516935) },
    });
    expect(digest.gap3.acknowledgedWithinSla.change).toEqual({
      verdict: 'no_clear_change',
      delta: close(5 / 6 - 1),
      p: close(0.23080437993927394),
    });
    expect(digest.gap3.resolvedWithinSla.change.p).toBeCloseTo(0.1642643660003701, 9);
    const normal = digest.gap3.byPriority.find((row) => row.priority === 'normal');
    expect(normal?.acknowledgeMinutes).toEqual({ kind: 'value', n: 5, median: 30, p90: 46 });
    expect(normal?.resolveMinutes).toEqual({ kind: 'value', n: 5, median: 900, p90: 1800 });
    expect(digest.gap3.byPriority[0]?.acknowledgeMinutes).toEqual({ kind: 'too_few', n: 1 });
  });

  it('measures gap 2 and gap 4 from needed-by dates and promises', () => {
    expect(digest.gap2.neededByTighter.current).toMatchObject({ kind: 'value', n: 8, share: 0.25 });
    expect(digest.gap4.kept.current).toMatchObject({ kind: 'value', n: 8, share: 0.625 });
    expect(digest.gap4.kept.change.p).toBeCloseTo(0.09060246700291108, 9);
    expect(digest.gap4.slipHours.current).toEqual({ kind: 'too_few', n: 3 });
  });

  it('groups the evidence by the three Rs', () => {
    expect(digest.threeRs.resources).toMatchObject({
      shortfallAnswers: 3,
      waitingOnResourcesHours: 36,
      requestsWaitingOnResources: 2,
      deferrals: 1,
    });
    expect(digest.threeRs.response).toMatchObject({
      shortfallAnswers: 2,
      acknowledgeMisses: 1,
      resolveMisses: 3,
    });
    expect(digest.threeRs.respect).toMatchObject({ shortfallAnswers: 1, negativeComments: 5 });
  });

  it('leads with the largest significant gaps', () => {
    expect(digest.headlines.map((f) => f.title)).toEqual([
      'Reliability fell short of what requesters expected, and worsened since last week',
      'Work waited on people, parts or budget',
      'Only 50% resolved within SLA',
    ]);
  });

  it('quotes at most three comments from "not fixed" and negative answers, worst first, without names', () => {
    expect(digest.voice).toEqual([
      { dimension: 'reliability', score: null, comment: 'Radiator still cold' },
      { dimension: 'reliability', score: -2, comment: 'Waited three days for a part' },
      { dimension: 'responsiveness', score: -1, comment: 'Slow reply <!channel> *again*' },
    ]);
    expect(JSON.stringify(digest)).not.toMatch(/Ann Example|U0ANN/);
  });

  it('is honest about response rate and skips, and states its change test', () => {
    expect(digest.honesty).toMatchObject({ sent: 22, answered: 18, notFixed: 1, expired: 2, awaiting: 1 });
    expect(digest.honesty.responseRate).toMatchObject({ kind: 'value', n: 21, share: close(19 / 21) });
    expect(digest.honesty.skipped).toEqual([
      { reason: 'requester_is_team_member', count: 2 },
      { reason: 'fatigue_cap', count: 1 },
    ]);
    expect(digest.footnotes[0]).toBe(CHANGE_TEST_FOOTNOTE);
  });

  it('matches the same readable snapshot on every database', async () => {
    await expect(renderDigestText(digest)).toMatchFileSnapshot('__snapshots__/facilities-2026-W47.txt');
    await expect(JSON.stringify(digest, null, 2)).toMatchFileSnapshot(
      '__snapshots__/facilities-2026-W47.json.snap',
    );
  });
});

describe('a week nobody filed or answered anything', () => {
  describeEachDatabase('empty week', (database) => {
    it('says too few answers everywhere instead of inventing numbers', async () => {
      const { deps } = await serviceHarness(database(), SEED_NOW.toISOString());
      const digest = await buildWeeklyDigest(deps, { teamId: 'it', week: '2026-W47' });
      expect(digest.gap5.overall.current).toEqual({ kind: 'too_few', n: 0 });
      expect(digest.headlines).toEqual([]);
      expect(digest.voice).toEqual([]);
      expect(renderDigestText(digest)).toContain('Nothing else stands out this week');
    });
  });
});
