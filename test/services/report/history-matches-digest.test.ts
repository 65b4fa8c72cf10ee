import { expect, it } from 'vitest';
import type { DigestData, MeanFigure, ShareFigure } from '../../../src/domain/digest/digest-schema.js';
import type { Estimate, HistoryWeek, Share } from '../../../src/domain/report/report-schema.js';
import { buildWeeklyDigest } from '../../../src/services/build-weekly-digest.js';
import { loadTeamHistory } from '../../../src/services/report/load-team-history.js';
import { describeEachDatabase } from '../../support/databases.js';
import { serviceHarness } from '../../support/service-harness.js';
import { SEED_NOW, seedDigestWeek } from '../digest/digest-seed.js';
import { HISTORY_NOW, seedHistory } from './history-seed.js';

const close = (value: number) => expect.closeTo(value, 12);

function estimateOf(figure: MeanFigure | DigestData['gap5']['overall']['current']): Estimate | null {
  if (figure.kind !== 'value' || !figure.ci95) return null;
  return {
    mean: close(figure.mean),
    low: close(figure.ci95.low),
    high: close(figure.ci95.high),
    n: figure.n,
  };
}

function shareOf(figure: ShareFigure): Partial<Share> | null {
  if (figure.kind !== 'value') return null;
  return {
    of: figure.n,
    share: close(figure.share),
    low: close(figure.ci95.low),
    high: close(figure.ci95.high),
  };
}

/** The history's week, read as the digest shows the same figures. */
function asDigestShows(week: HistoryWeek) {
  const share = (s: Share | null) => (s ? { of: s.of, share: s.share, low: s.low, high: s.high } : null);
  return {
    answers: week.answers,
    gapScore: week.gapScore,
    dimensions: week.dimensions,
    ack: share(week.ackWithinSla),
    resolve: share(week.resolveWithinSla),
    kept: share(week.promisesKept),
    sooner: share(week.neededSooner),
    volume: [week.filed, week.resolved, week.backlog],
  };
}

function digestFigures(digest: DigestData) {
  return {
    answers: digest.honesty.answered,
    gapScore: estimateOf(digest.gap5.overall.current),
    dimensions: Object.fromEntries(
      digest.gap5.dimensions.map((d) => [d.dimension, estimateOf(d.score.current)]),
    ),
    ack: shareOf(digest.gap3.acknowledgedWithinSla.current),
    resolve: shareOf(digest.gap3.resolvedWithinSla.current),
    kept: shareOf(digest.gap4.kept.current),
    sooner: shareOf(digest.gap2.neededByTighter.current),
    volume: [digest.volume.filed.current, digest.volume.resolved.current, digest.volume.openAtWeekEnd],
  };
}

describeEachDatabase('the history against the weekly digests of the same weeks', (database) => {
  for (const [name, seed, now] of [
    ['the digest’s hand-computed weeks', seedDigestWeek, SEED_NOW],
    ['the history’s hand-computed weeks', seedHistory, HISTORY_NOW],
  ] as const) {
    it(`equals every week’s digest figures for ${name}`, async () => {
      const { deps } = await serviceHarness(database(), now.toISOString());
      await seed(database().db);
      const history = await loadTeamHistory(deps, { teamId: 'facilities', weeks: 'all', now });
      expect(history.weeks.length).toBeGreaterThanOrEqual(2);
      for (const week of history.weeks) {
        const digest = await buildWeeklyDigest(deps, { teamId: 'facilities', week: week.week });
        expect({ week: week.week, ...asDigestShows(week) }).toEqual({
          week: digest.week,
          ...digestFigures(digest),
        });
      }
    });
  }
});
