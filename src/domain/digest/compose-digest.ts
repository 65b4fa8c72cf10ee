import { DEFAULT_IMPORTANCE_WEIGHTS, DIMENSIONS, type Dimension } from '../dimensions.js';
import { CHANGE_TEST_FOOTNOTE } from '../stats/change-test.js';
import { MIN_ANSWERS, shareFigure } from '../stats/summary.js';
import { MIN_VOTES, weightedScore, weightsFromVotes } from '../stats/weighted-score.js';
import { PRIORITIES, type Team } from '../team.js';
import { arrivalsGrid, busiestHours } from './arrivals.js';
import {
  compareWeighted,
  OVERALL_CHANGE_FOOTNOTE,
  sumShares,
  timeFigure,
  trackMean,
  trackShare,
} from './digest-figures.js';
import type { DigestInputs, VoteCounts } from './digest-inputs.js';
import { type DigestData, digestSchema } from './digest-schema.js';
import { findFindings, pickHeadlines } from './findings.js';
import { composeThreeRs } from './three-rs.js';

export const PRIVACY_FOOTNOTE = `Figures from fewer than ${MIN_ANSWERS} answers are shown as "too few answers", never as numbers; comments are quoted without names.`;

export interface DigestWeek {
  week: string;
  previousWeek: string;
  /** Ends of weeks W−3…W, as used for the backlog trend. */
  backlogWeeks: string[];
  start: Date;
  end: Date;
}

/** The weekly digest from the database's aggregates: pure, so every figure is testable by hand. */
export function composeDigest(
  team: Pick<Team, 'id' | 'name' | 'timezone' | 'weights'>,
  week: DigestWeek,
  inputs: DigestInputs,
  generatedAt: Date,
): DigestData {
  const { weights, source } = chooseWeights(team, inputs.votes.requester);
  const scores = (w: 'current' | 'previous') => inputs.surveys[w].scores;
  const stat = (w: 'current' | 'previous', d: Dimension) => scores(w)[d] ?? { n: 0, sum: 0, sumSquares: 0 };
  const overallCurrent = stripWeights(weightedScore(scores('current'), weights));
  const overallPrevious = stripWeights(weightedScore(scores('previous'), weights));
  const sla = (w: 'current' | 'previous', clock: 'acknowledge' | 'resolve') =>
    sumShares(PRIORITIES.map((p) => inputs.sla[w][p][clock]));
  const tight = (w: 'current' | 'previous') => sumShares(PRIORITIES.map((p) => inputs.neededByTighter[w][p]));
  const kept = (w: 'current' | 'previous') =>
    sumShares([inputs.promises[w].acknowledge, inputs.promises[w].resolve_by]);
  const survey = inputs.surveys.current;
  const negatives = survey.shortfalls.reduce((total, row) => total + row.count, 0);
  const totalAnswers = survey.answered;
  const grid = arrivalsGrid(inputs.volume.arrivalsByUtcQuarterHour, team.timezone);

  const facts: Omit<DigestData, 'headlines' | 'threeRs'> = {
    version: 1,
    team: { id: team.id, name: team.name, timezone: team.timezone },
    week: week.week,
    previousWeek: week.previousWeek,
    period: { start: week.start.toISOString(), end: week.end.toISOString() },
    generatedAt: generatedAt.toISOString(),
    volume: {
      filed: inputs.volume.filed,
      resolved: inputs.volume.resolved,
      openAtWeekEnd: inputs.volume.openAtWeekEnds.at(-1) ?? 0,
      backlog: week.backlogWeeks.map((w, i) => ({ week: w, open: inputs.volume.openAtWeekEnds[i] ?? 0 })),
      byCategory: inputs.volume.byCategory,
      byLocation: inputs.volume.byLocation,
      arrivals: grid,
      busiest: busiestHours(grid),
    },
    gap5: {
      dimensions: DIMENSIONS.map((d) => ({
        dimension: d,
        score: trackMean(stat('current', d), stat('previous', d)),
      })),
      overall: {
        current: overallCurrent,
        previous: overallPrevious,
        change: compareWeighted(overallCurrent, overallPrevious),
      },
      weights,
      weightsSource: source,
    },
    gap3: {
      acknowledgedWithinSla: trackShare(sla('current', 'acknowledge'), sla('previous', 'acknowledge')),
      resolvedWithinSla: trackShare(sla('current', 'resolve'), sla('previous', 'resolve')),
      byPriority: PRIORITIES.map((priority) => ({
        priority,
        acknowledgedWithinSla: shareFigure(inputs.sla.current[priority].acknowledge),
        resolvedWithinSla: shareFigure(inputs.sla.current[priority].resolve),
        acknowledgeMinutes: timeFigure(inputs.minutes.acknowledge[priority]),
        resolveMinutes: timeFigure(inputs.minutes.resolve[priority]),
      })),
    },
    gap2: {
      // Lower is better: a rising share means the standard disappoints more people.
      neededByTighter: trackShare(tight('current'), tight('previous'), true),
      byPriority: PRIORITIES.map((priority) => ({
        priority,
        neededByTighter: shareFigure(inputs.neededByTighter.current[priority]),
      })),
    },
    gap4: {
      kept: trackShare(kept('current'), kept('previous')),
      slipHours: trackMean(inputs.promises.current.slipHours, inputs.promises.previous.slipHours, true),
      byKind: (['acknowledge', 'resolve_by'] as const).map((kind) => ({
        kind,
        kept: shareFigure(inputs.promises.current[kind]),
      })),
    },
    gap1: gap1(inputs.votes),
    voice: totalAnswers + survey.notFixed >= MIN_ANSWERS ? inputs.comments.slice(0, 3) : [],
    honesty: {
      sent: survey.sent,
      answered: survey.answered,
      notFixed: survey.notFixed,
      expired: survey.expired,
      awaiting: survey.awaiting,
      // Answered with a score or with "Not fixed", among surveys whose answer window has closed.
      responseRate: shareFigure({
        successes: survey.answered + survey.notFixed,
        n: survey.answered + survey.notFixed + survey.expired,
      }),
      skipped: Object.entries(survey.skipped)
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    },
    // Which R a requester blamed is shown only once enough people answered below expectations.
    shortfallsByDimension: negatives >= MIN_ANSWERS ? survey.shortfalls : [],
    footnotes: [CHANGE_TEST_FOOTNOTE, OVERALL_CHANGE_FOOTNOTE, PRIVACY_FOOTNOTE],
  };
  const findings = findFindings({
    ...facts,
    waiting: inputs.waitingOnResources,
    deferrals: inputs.deferrals,
  });
  const digest: DigestData = {
    ...facts,
    headlines: pickHeadlines(findings),
    threeRs: composeThreeRs(findings, inputs, negatives >= MIN_ANSWERS),
  };
  return digestSchema.parse(digest);
}

/** The digest's weights: requesters' votes when enough, else the team's config, else the default. */
export function chooseWeights(
  team: Pick<Team, 'weights'>,
  votes: VoteCounts | null,
): { weights: Record<Dimension, number>; source: DigestData['gap5']['weightsSource'] } {
  if (votes && DIMENSIONS.reduce((sum, d) => sum + votes.counts[d], 0) >= MIN_VOTES) {
    return { weights: weightsFromVotes(votes.counts), source: 'requester_votes' };
  }
  if (team.weights) {
    const configured = team.weights;
    return {
      weights: Object.fromEntries(DIMENSIONS.map((d) => [d, configured[d] ?? 0])) as Record<
        Dimension,
        number
      >,
      source: 'team_config',
    };
  }
  return { weights: { ...DEFAULT_IMPORTANCE_WEIGHTS }, source: 'default' };
}

function stripWeights(score: ReturnType<typeof weightedScore>): DigestData['gap5']['overall']['current'] {
  if (score.kind === 'too_few') return score;
  const { kind, n, mean, ci95, used, leftOut } = score;
  return { kind, n, mean, ci95, used, leftOut };
}

function gap1(votes: DigestInputs['votes']): DigestData['gap1'] {
  const { requester, leader } = votes;
  if (!requester || !leader) return null;
  const total = (v: VoteCounts) => DIMENSIONS.reduce((sum, d) => sum + v.counts[d], 0);
  if (total(requester) < MIN_VOTES || total(leader) < MIN_VOTES) return null;
  return {
    requesters: { votes: total(requester), weights: weightsFromVotes(requester.counts) },
    leaders: { votes: total(leader), weights: weightsFromVotes(leader.counts) },
  };
}
