import type { SurveyView } from '../../domain/survey-view.js';
import { expireSentSurvey, findSurvey } from '../../store/surveys.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadSurveyView } from './load-survey-view.js';

/**
 * Closes a survey at its expiry: an unanswered one is recorded as `expired`; an answered one
 * keeps its answer and only stops taking changes. Returns the view to redraw (buttons now
 * answer "this survey has closed"), or null when there is nothing to redraw.
 */
export async function expireSurvey(deps: ServiceDeps, surveyId: string): Promise<SurveyView | null> {
  const now = deps.clock.now();
  const survey = await findSurvey(deps.store, surveyId);
  if (!survey || survey.expiresAt === null || survey.expiresAt.getTime() > now.getTime()) return null;
  if (survey.status === 'sent') {
    await expireSentSurvey(deps.store, surveyId);
  } else if (survey.status !== 'expired' && survey.status !== 'answered') {
    return null;
  }
  return loadSurveyView(deps.store, deps.teams, surveyId, now);
}
