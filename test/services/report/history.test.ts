import { beforeAll, expect, it } from 'vitest';
import type { HistoryWeek, TeamHistory } from '../../../src/domain/report/report-schema.js';
import { loadTeamHistory } from '../../../src/services/report/load-team-history.js';
import type { ReportDeps } from '../../../src/services/report/report-deps.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { HISTORY_NOW, seedHistory } from './history-seed.js';

// Hand-computed: means and sums of squares by hand, t(0.975, 4) = 2.7764451051977987 and
// t(0.975, 5) = 2.5705818366147395 (scipy), Wilson intervals with z = 1.959963984540054.
const close = (value: number) => expect.closeTo(value, 9);
const noVotes = { reliability: 0, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 0 };
const noDimensions = {
  reliability: null,
  responsiveness: null,
  assurance: null,
  empathy: null,
  tangibles: null,
};

describeEachDatabase('a team history with hand-computed trends', (database) => {
  let deps: ReportDeps;
  let history: TeamHistory;
  const week = (key: string) => history.weeks.find((w) => w.week === key) as HistoryWeek;
  beforeAll(async () => {
    ({ deps } = await serviceHarness(database(), HISTORY_NOW.toISOString()));
    await seedHistory(database().db);
    history = await loadTeamHistory(deps, { teamId: 'facilities', weeks: 'all', now: HISTORY_NOW });
  });

  it('covers every week from the first request’s local week to the last complete one, quiet weeks included', () => {
    expect(history.teamId).toBe('facilities');
    expect(history.weeks.map((w) => w.week)).toEqual(['2026-W43', '2026-W44', '2026-W45', '2026-W46']);
  });

  it('gives a summer-time week its counts, shares and the one dimension with five answers', () => {
    expect(week('2026-W43')).toEqual({
      week: '2026-W43',
      answers: 8,
      gapScore: { mean: close(-0.4), low: close(-1.39938946031088), high: close(0.59938946031088), n: 5 },
      dimensions: {
        ...noDimensions,
        reliability: {
          mean: close(-0.4),
          low: close(-1.81571477698227),
          high: close(1.01571477698227),
          n: 5,
        },
      },
      ackWithinSla: {
        count: 4,
        of: 5,
        share: 0.8,
        low: close(0.3755346297625253),
        high: close(0.9637758913675698),
      },
      resolveWithinSla: null,
      promisesKept: null,
      neededSooner: {
        count: 2,
        of: 5,
        share: 0.4,
        low: close(0.11762077423264783),
        high: close(0.769275718723987),
      },
      importanceVotes: noVotes,
      leaderVotes: noVotes,
      filed: 5,
      resolved: 3,
      cancelled: 0,
      backlog: 2,
    });
  });

  it('keeps a quiet week as zeros and nulls, carrying the backlog', () => {
    expect(week('2026-W44')).toEqual({
      week: '2026-W44',
      answers: 0,
      gapScore: null,
      dimensions: noDimensions,
      ackWithinSla: null,
      resolveWithinSla: null,
      promisesKept: null,
      neededSooner: null,
      importanceVotes: noVotes,
      leaderVotes: noVotes,
      filed: 0,
      resolved: 0,
      cancelled: 0,
      backlog: 2,
    });
  });

  it('weights the overall score by the requesters’ votes once there are enough of them', () => {
    const w45 = week('2026-W45');
    expect(w45.importanceVotes).toEqual({ ...noVotes, empathy: 5 });
    expect(w45.leaderVotes).toEqual({ ...noVotes, reliability: 2 });
    // Only empathy is weighted (100 %): the overall score is its mean with a normal interval.
    expect(w45.gapScore).toEqual({
      mean: close(1),
      low: close(1 - 0.506060524752664),
      high: close(1.506060524752664),
      n: 6,
    });
    expect(w45.dimensions.empathy).toEqual({
      mean: close(1),
      low: close(1 - 0.6637213762181442),
      high: close(1.6637213762181442),
      n: 6,
    });
  });

  it('counts a busy week’s SLA, promises, needed-by and backlog with cancellations', () => {
    const w45 = week('2026-W45');
    expect(w45.answers).toBe(6);
    expect(w45.ackWithinSla).toEqual({ count: 6, of: 6, share: 1, low: close(0.6096657120978346), high: 1 });
    expect(w45.resolveWithinSla).toEqual({
      count: 5,
      of: 6,
      share: close(5 / 6),
      low: close(0.43649717781352987),
      high: close(0.9699466302516935),
    });
    expect(w45.promisesKept).toEqual({
      count: 5,
      of: 6,
      share: close(5 / 6),
      low: close(0.43649717781352987),
      high: close(0.9699466302516935),
    });
    expect(w45.neededSooner).toEqual({
      count: 1,
      of: 7,
      share: close(1 / 7),
      low: close(0.02567962434474355),
      high: close(0.5131278292743189),
    });
    expect([w45.filed, w45.resolved, w45.cancelled, w45.backlog]).toEqual([7, 6, 1, 2]);
  });

  it('shows a share of fewer than five as a gap, not a point', () => {
    const w46 = week('2026-W46');
    expect([w46.filed, w46.backlog, w46.answers]).toEqual([1, 3, 0]);
    expect(w46.ackWithinSla).toBeNull();
    expect(w46.neededSooner).toBeNull();
    expect(w46.gapScore).toBeNull();
  });

  it('returns only the last weeks asked for, with the backlog carried in from before them', async () => {
    const last = await loadTeamHistory(deps, { teamId: 'facilities', weeks: 2, now: HISTORY_NOW });
    expect(last.weeks).toEqual([week('2026-W45'), week('2026-W46')]);
    const more = await loadTeamHistory(deps, { teamId: 'facilities', weeks: 52, now: HISTORY_NOW });
    expect(more.weeks).toEqual(history.weeks);
  });

  it('has no weeks for a team whose first request is in the current week', async () => {
    const empty = await loadTeamHistory(deps, {
      teamId: 'facilities',
      weeks: 'all',
      now: new Date('2026-10-20T09:00:00Z'),
    });
    expect(empty.weeks).toEqual([]);
  });
});
