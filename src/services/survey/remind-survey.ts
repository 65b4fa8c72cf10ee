import type { SurveyView } from '../../domain/survey-view.js';
import { findSurvey, setSurveyReminded } from '../../store/surveys.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadSurveyView } from './load-survey-view.js';

/**
 * The survey to remind about, or null: only a sent, unanswered, unexpired survey that has
 * not been reminded yet. The caller delivers, then calls `markSurveyReminded`.
 */
export async function surveyToRemind(deps: ServiceDeps, surveyId: string): Promise<SurveyView | null> {
  const now = deps.clock.now();
  const survey = await findSurvey(deps.store, surveyId);
  if (survey?.status !== 'sent' || survey.remindedAt !== null) return null;
  if (survey.expiresAt !== null && survey.expiresAt.getTime() <= now.getTime()) return null;
  return loadSurveyView(deps.store, deps.teams, surveyId, now);
}

/** Records the one reminder; a second call changes nothing. */
export async function markSurveyReminded(deps: ServiceDeps, surveyId: string): Promise<void> {
  await setSurveyReminded(deps.store, surveyId, deps.clock.now());
}
