import { dimensionSchema, gapScoreSchema, shortfallSchema } from '../../domain/dimensions.js';
import { platformSchema } from '../../domain/request.js';
import { DIMENSION_QUESTIONS, SURVEY_TEXTS } from '../../domain/survey-questions.js';
import {
  requestSummary,
  type SurveyRecipient,
  type SurveyView,
  surveyMessage,
  surveyState,
} from '../../domain/survey-view.js';
import { AppError } from '../../errors.js';
import type { DbOrTx } from '../../store/database.js';
import type { TeamDirectory } from '../service-deps.js';

type PersonRow = { id: string; platform: string; platformUserId: string; name: string };

export function toRecipient(person: PersonRow): SurveyRecipient {
  return {
    personId: person.id,
    platform: platformSchema.parse(person.platform),
    userId: person.platformUserId,
    name: person.name,
  };
}

/** A survey with everything its renderers need, its state as it stands at `now`. */
export async function loadSurveyView(
  db: DbOrTx,
  teams: TeamDirectory,
  surveyId: string,
  now: Date,
): Promise<SurveyView> {
  const row = await db.survey.findUnique({
    where: { id: surveyId },
    include: { request: true, requester: true },
  });
  if (!row) {
    throw new AppError('not_found', `survey ${surveyId} not found`, 'That survey no longer exists.');
  }
  if (row.dimension === null) throw new AppError('not_found', `survey ${surveyId} was skipped`);
  const dimension = dimensionSchema.parse(row.dimension);
  const shortfall = row.shortfall === null ? null : shortfallSchema.parse(row.shortfall);
  const state = surveyState(row, now);
  const summary = requestSummary(row.request.description);
  return {
    surveyId: row.id,
    round: row.round,
    team: teams.get(row.teamId),
    request: { id: row.request.id, ref: row.request.ref, summary },
    requester: toRecipient(row.requester),
    dimension,
    intro: SURVEY_TEXTS.intro(row.request.ref, summary),
    question: DIMENSION_QUESTIONS[dimension],
    state,
    score: row.score === null ? null : gapScoreSchema.parse(row.score),
    shortfall,
    comment: row.comment,
    acceptsChanges:
      ['sent', 'answered'].includes(row.status) &&
      row.expiresAt !== null &&
      row.expiresAt.getTime() > now.getTime(),
    message: surveyMessage(state, shortfall),
    sentAt: row.sentAt,
    remindedAt: row.remindedAt,
    expiresAt: row.expiresAt,
  };
}
