import type { DigestWeek } from '../domain/digest/compose-digest.js';
import type { DigestInputs } from '../domain/digest/digest-inputs.js';
import { weekBounds } from '../domain/survey-plan.js';
import type { Store } from './database.js';
import { importanceVotes, deferrals as loadDeferrals, waitingOnResources } from './digest/context-queries.js';
import { milestoneMinutes, neededByTighter, promiseStats, slaShares } from './digest/delivery-queries.js';
import { negativeComments, surveyStats } from './digest/survey-queries.js';
import { arrivalsByUtcQuarterHour, volumeByCategory } from './digest/volume-queries.js';

/**
 * Everything the weekly digest needs for one team and week, as aggregates from GROUP BY
 * queries over indexed columns (nothing loads every row into memory). Same SQL on SQLite and
 * PostgreSQL.
 */
export async function loadDigestInputs(
  store: Store,
  team: { id: string; timezone: string },
  week: DigestWeek,
): Promise<DigestInputs> {
  const previousStart = weekBounds(week.previousWeek, team.timezone).start;
  const weeks = { previousStart, start: week.start, end: week.end };
  const weekEnds = week.backlogWeeks.map((key) => weekBounds(key, team.timezone).end);
  const { tighter, filed } = await neededByTighter(store, team.id, weeks);
  const { sla, resolved } = await slaShares(store, team.id, weeks);
  const categories = await volumeByCategory(store, team.id, week.start, weekEnds);
  return {
    volume: {
      filed,
      resolved,
      ...categories,
      arrivalsByUtcQuarterHour: await arrivalsByUtcQuarterHour(store, team.id, week.start, week.end),
    },
    surveys: await surveyStats(store, team.id, week.week, week.previousWeek),
    comments: await negativeComments(store, team.id, week.week),
    sla,
    minutes: await milestoneMinutes(store, team.id, week.start, week.end),
    neededByTighter: tighter,
    promises: await promiseStats(store, team.id, weeks),
    votes: await importanceVotes(store, team.id, week.end),
    waitingOnResources: await waitingOnResources(store, team.id, week.start, week.end),
    deferrals: await loadDeferrals(store, team.id, week.start, week.end),
  };
}
