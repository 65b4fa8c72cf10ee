import { chooseWeights } from '../digest/compose-digest.js';
import type { VoteCounts } from '../digest/digest-inputs.js';
import { DIMENSIONS, type Dimension } from '../dimensions.js';
import { type MeanStats, meanFigure, type ShareStats, shareFigure } from '../stats/summary.js';
import { weightedScore } from '../stats/weighted-score.js';
import type { Team } from '../team.js';
import type { HistoryInputs, VoteBucket } from './history-inputs.js';
import type { Estimate, HistoryWeek, Share, TeamHistory } from './report-schema.js';

const zeros = (): Record<Dimension, number> =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;

/** A dimension's mean as the digest gives it (t interval), or null when the digest says "too few". */
export function meanEstimate(stats: MeanStats | undefined): Estimate | null {
  const figure = meanFigure(stats ?? { n: 0, sum: 0, sumSquares: 0 });
  if (figure.kind !== 'value' || figure.ci95 === null) return null;
  return { mean: figure.mean, low: figure.ci95.low, high: figure.ci95.high, n: figure.n };
}

/** A share as the digest gives it (Wilson interval), or null below MIN_ANSWERS cases. */
export function shareOf(stats: ShareStats): Share | null {
  const figure = shareFigure(stats);
  if (figure.kind !== 'value') return null;
  return {
    count: stats.successes,
    of: stats.n,
    share: figure.share,
    low: figure.ci95.low,
    high: figure.ci95.high,
  };
}

/**
 * A role's latest poll before `end` and its votes cast before `end`, as the digest's
 * importanceVotes query finds them (latest = greatest poll key).
 */
function votesBefore(votes: readonly VoteBucket[], role: string, end: Date): VoteCounts | null {
  const mine = votes.filter((v) => v.role === role && v.at < end);
  const poll = mine
    .map((v) => v.poll)
    .sort()
    .at(-1);
  if (poll === undefined) return null;
  const counts = zeros();
  for (const v of mine) if (v.poll === poll) counts[v.dimension] += v.n;
  return { poll, counts };
}

function votesWithin(votes: readonly VoteBucket[], role: string, start: Date, end: Date) {
  const counts = zeros();
  for (const v of votes) if (v.role === role && v.at >= start && v.at < end) counts[v.dimension] += v.n;
  return counts;
}

/**
 * The team's history from per-week aggregates: each week's figures are the ones that week's
 * digest shows (same functions, same weights rule), and the backlog runs on from the counts.
 */
export function composeHistory(team: Pick<Team, 'id' | 'weights'>, inputs: HistoryInputs): TeamHistory {
  let open = inputs.openBefore;
  const weeks = inputs.weeks.map((week, i): HistoryWeek => {
    const start = inputs.starts[i] as Date;
    const end = inputs.starts[i + 1] as Date;
    const survey = inputs.surveys[i] ?? { scores: {}, answered: 0 };
    const { weights } = chooseWeights(team, votesBefore(inputs.votes, 'requester', end));
    const overall = weightedScore(survey.scores, weights);
    const filed = inputs.filed[i] ?? { successes: 0, n: 0 };
    const resolved = inputs.resolved[i] ?? 0;
    const cancelled = inputs.cancelled[i] ?? 0;
    open += filed.n - resolved - cancelled;
    return {
      week,
      answers: survey.answered,
      gapScore:
        overall.kind === 'value'
          ? { mean: overall.mean, low: overall.ci95.low, high: overall.ci95.high, n: overall.n }
          : null,
      dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, meanEstimate(survey.scores[d])])) as Record<
        Dimension,
        Estimate | null
      >,
      ackWithinSla: shareOf(inputs.ack[i] ?? { successes: 0, n: 0 }),
      resolveWithinSla: shareOf(inputs.resolve[i] ?? { successes: 0, n: 0 }),
      promisesKept: shareOf(inputs.promises[i] ?? { successes: 0, n: 0 }),
      neededSooner: shareOf(filed),
      importanceVotes: votesWithin(inputs.votes, 'requester', start, end),
      leaderVotes: votesWithin(inputs.votes, 'leader', start, end),
      filed: filed.n,
      resolved,
      cancelled,
      backlog: open,
    };
  });
  return { teamId: team.id, weeks };
}
