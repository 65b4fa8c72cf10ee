import type { Person } from '../../domain/request.js';
import { DIMENSION_QUESTIONS, SURVEY_TEXTS } from '../../domain/survey-questions.js';
import {
  requestSummary,
  type SurveyRecipient,
  type SurveyView,
  surveyMessage,
  surveyState,
} from '../../domain/survey-view.js';
import { AppError } from '../../errors.js';
import type { Store } from '../../store/database.js';
import { findSurveyWithParties, type SurveyWithParties } from '../../store/surveys.js';
import type { TeamDirectory } from '../service-deps.js';

export function toRecipient(person: Person): SurveyRecipient {
  return {
    personId: person.id,
    platform: person.platform,
    userId: person.platformUserId,
    name: person.name,
  };
}

/** A survey with everything its renderers need, its state as it stands at `now`. */
export async function loadSurveyView(
  store: Store,
  teams: TeamDirectory,
  surveyId: string,
  now: Date,
): Promise<SurveyView> {
  const found = await findSurveyWithParties(store, surveyId);
  if (!found) {
    throw new AppError('not_found', `survey ${surveyId} not found`, 'That survey no longer exists.');
  }
  return surveyViewOf(found, teams, now);
}

/** The view of a survey already read with its request and requester. */
export function surveyViewOf(found: SurveyWithParties, teams: TeamDirectory, now: Date): SurveyView {
  const { survey, request, requester } = found;
  const { dimension, shortfall } = survey;
  if (dimension === null) throw new AppError('not_found', `survey ${survey.id} was skipped`);
  const state = surveyState(survey, now);
  const summary = requestSummary(request.description);
  return {
    surveyId: survey.id,
    round: survey.round,
    team: teams.get(survey.teamId),
    request: { id: request.id, ref: request.ref, summary },
    requester: toRecipient(requester),
    dimension,
    intro: SURVEY_TEXTS.intro(request.ref, summary),
    question: DIMENSION_QUESTIONS[dimension],
    state,
    score: survey.score,
    shortfall,
    comment: survey.comment,
    acceptsChanges:
      ['sent', 'answered'].includes(survey.status) &&
      survey.expiresAt !== null &&
      survey.expiresAt.getTime() > now.getTime(),
    message: surveyMessage(state, shortfall),
    sentAt: survey.sentAt,
    remindedAt: survey.remindedAt,
    expiresAt: survey.expiresAt,
  };
}
