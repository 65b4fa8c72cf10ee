import { sql } from 'kysely';
import type { DigestInputs, SurveyWeekStats } from '../../domain/digest/digest-inputs.js';
import { dimensionSchema, shortfallSchema } from '../../domain/dimensions.js';
import { clientOf, type Store } from '../database.js';
import { num } from './sql-values.js';

/** Column aliases come back camelCased (Kysely's CamelCasePlugin), like every column. */
type SurveyRow = {
  week: string;
  dimension: string | null;
  status: string;
  skipReason: string | null;
  shortfall: string | null;
  n: unknown;
  sent: unknown;
  scored: unknown;
  total: unknown;
  squares: unknown;
  negative: unknown;
  negativeComments: unknown;
  comments: unknown;
};

const emptyWeek = (): SurveyWeekStats => ({
  scores: {},
  sent: 0,
  answered: 0,
  notFixed: 0,
  expired: 0,
  awaiting: 0,
  skipped: {},
  shortfalls: [],
  negativeComments: 0,
});

/**
 * Gap 5 and the honesty figures for both weeks in one GROUP BY over (team_id, week): scores as
 * { n, sum, sumSquares } per dimension, statuses, skip reasons and 3R follow-ups.
 */
export async function surveyStats(
  store: Store,
  teamId: string,
  week: string,
  previousWeek: string,
): Promise<DigestInputs['surveys']> {
  const { rows } = await sql<SurveyRow>`
    SELECT week, dimension, status, skip_reason, shortfall, COUNT(*) AS n,
      SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
      COUNT(score) AS scored, SUM(score) AS total, SUM(score * score) AS squares,
      SUM(CASE WHEN score < 0 THEN 1 ELSE 0 END) AS negative,
      SUM(CASE WHEN score < 0 AND comment IS NOT NULL AND comment <> '' THEN 1 ELSE 0 END) AS negative_comments,
      SUM(CASE WHEN comment IS NOT NULL AND comment <> '' THEN 1 ELSE 0 END) AS comments
    FROM surveys
    WHERE team_id = ${teamId} AND week IN (${week}, ${previousWeek})
    GROUP BY week, dimension, status, skip_reason, shortfall`.execute(clientOf(store));
  const result = { current: emptyWeek(), previous: emptyWeek() };
  for (const row of rows) {
    const stats = row.week === week ? result.current : result.previous;
    stats.sent += num(row.sent);
    if (row.status === 'expired') stats.expired += num(row.n);
    if (row.status === 'not_fixed') {
      stats.notFixed += num(row.n);
      stats.negativeComments += num(row.comments);
    }
    if (row.status === 'sent') stats.awaiting += num(row.n);
    if (row.status === 'skipped') {
      const reason = row.skipReason ?? 'unknown';
      stats.skipped[reason] = (stats.skipped[reason] ?? 0) + num(row.n);
    }
    if (row.status !== 'answered' || num(row.scored) === 0) continue;
    stats.answered += num(row.scored);
    stats.negativeComments += num(row.negativeComments);
    const dimension = dimensionSchema.safeParse(row.dimension);
    if (!dimension.success) continue;
    const score = stats.scores[dimension.data] ?? { n: 0, sum: 0, sumSquares: 0 };
    score.n += num(row.scored);
    score.sum += num(row.total);
    score.sumSquares += num(row.squares);
    stats.scores[dimension.data] = score;
    const shortfall = shortfallSchema.safeParse(row.shortfall);
    if (shortfall.success && num(row.negative) > 0) {
      stats.shortfalls.push({
        dimension: dimension.data,
        shortfall: shortfall.data,
        count: num(row.negative),
      });
    }
  }
  for (const stats of [result.current, result.previous]) {
    stats.shortfalls.sort(
      (a, b) => a.dimension.localeCompare(b.dimension) || a.shortfall.localeCompare(b.shortfall),
    );
  }
  return result;
}

/**
 * Up to three comments from this week's answers below expectations or "Not fixed" (first,
 * as the worst), then newest first.
 * Only the dimension, the score and the text are selected: never who wrote it.
 */
export async function negativeComments(
  store: Store,
  teamId: string,
  week: string,
): Promise<DigestInputs['comments']> {
  const { rows } = await sql<{ dimension: string | null; score: unknown; comment: string }>`
    SELECT dimension, score, comment FROM surveys
    WHERE team_id = ${teamId} AND week = ${week} AND comment IS NOT NULL AND comment <> ''
      AND ((status = 'answered' AND score < 0) OR status = 'not_fixed')
    ORDER BY CASE WHEN score IS NULL THEN -3 ELSE score END ASC, answered_at DESC, id ASC
    LIMIT 3`.execute(clientOf(store));
  return rows.map((row) => {
    const dimension = dimensionSchema.safeParse(row.dimension);
    return {
      dimension: dimension.success ? dimension.data : null,
      score: row.score === null ? null : num(row.score),
      comment: row.comment,
    };
  });
}
