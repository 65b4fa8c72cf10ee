import { z } from 'zod';
import { gapScoreSchema } from '../../domain/dimensions.js';
import { actorSchema } from '../../domain/request.js';
import type { SurveyView } from '../../domain/survey-view.js';
import { transaction } from '../../store/database.js';
import { setSurveyScore } from '../../store/surveys.js';
import { parseInput } from '../parse-input.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadSurveyView } from './load-survey-view.js';
import {
  answerableSurvey,
  enqueueLeadAlerts,
  enqueueSurveyUpdate,
  firstSightOfClick,
  keepTap,
} from './survey-answer-common.js';

export const recordSurveyAnswerInputSchema = z.object({
  surveyId: z.string().min(1),
  actor: actorSchema,
  score: gapScoreSchema,
  /** The platform's id for this click, so a redelivered or double click records once. */
  clickId: z.string().min(1).optional(),
});

export type SurveyAnswerResult = {
  /** The survey as it now stands, for the adapter's immediate redraw (Teams invoke response). */
  view: SurveyView;
  /** False for a repeated click: nothing was written or sent. */
  changed: boolean;
};

/**
 * One tap on the five-point scale. A later tap changes the answer (the last one counts; every
 * tap is kept). A −1 or −2 asks for the three-R follow-up and alerts the team leads at once.
 */
export async function recordSurveyAnswer(
  deps: ServiceDeps,
  rawInput: z.input<typeof recordSurveyAnswerInputSchema>,
): Promise<SurveyAnswerResult> {
  const input = parseInput(recordSurveyAnswerInputSchema, rawInput);
  const now = deps.clock.now();
  const changed = await transaction(deps.store, async (tx) => {
    const survey = await answerableSurvey(tx, { ...input, kind: 'score', now });
    if (!(await firstSightOfClick(tx, survey.id, input.clickId, now))) return false;
    const tapId = await keepTap(tx, survey.id, 'score', String(input.score), now);
    if (survey.score === input.score && survey.status === 'answered') return false;
    // A shortfall explains a below-expectation answer; a changed score asks again if still below.
    await setSurveyScore(tx, survey.id, input.score, now);
    await enqueueSurveyUpdate(deps, tx, survey.id, tapId);
    const wasNegative = survey.score !== null && survey.score < 0;
    if (input.score < 0 || wasNegative) await enqueueLeadAlerts(deps, tx, survey, 'score', tapId);
    return true;
  });
  if (changed) deps.onEnqueued?.();
  return { view: await loadSurveyView(deps.store, deps.teams, input.surveyId, now), changed };
}
