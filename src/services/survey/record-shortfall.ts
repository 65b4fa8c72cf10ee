import { z } from 'zod';
import { shortfallSchema } from '../../domain/dimensions.js';
import { actorSchema } from '../../domain/request.js';
import { AppError } from '../../errors.js';
import { transaction } from '../../store/database.js';
import { setSurveyShortfall } from '../../store/surveys.js';
import { parseInput } from '../parse-input.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadSurveyView } from './load-survey-view.js';
import type { SurveyAnswerResult } from './record-survey-answer.js';
import {
  answerableSurvey,
  enqueueLeadAlerts,
  enqueueSurveyUpdate,
  firstSightOfClick,
  keepTap,
} from './survey-answer-common.js';

export const recordShortfallInputSchema = z.object({
  surveyId: z.string().min(1),
  actor: actorSchema,
  shortfall: shortfallSchema,
  clickId: z.string().min(1).optional(),
});

/** The follow-up tap after a −1/−2: which of the three Rs fell short. The leads' alert gains it. */
export async function recordShortfall(
  deps: ServiceDeps,
  rawInput: z.input<typeof recordShortfallInputSchema>,
): Promise<SurveyAnswerResult> {
  const input = parseInput(recordShortfallInputSchema, rawInput);
  const now = deps.clock.now();
  const changed = await transaction(deps.store, async (tx) => {
    const survey = await answerableSurvey(tx, { ...input, kind: 'shortfall', now });
    if (survey.score === null || survey.score >= 0) {
      throw new AppError(
        'invalid_input',
        `survey ${survey.id} has no below-expectation answer to explain`,
        'That question only follows a "worse than expected" answer.',
      );
    }
    if (!(await firstSightOfClick(tx, survey.id, input.clickId, now))) return false;
    const tapId = await keepTap(tx, survey.id, 'shortfall', input.shortfall, now);
    if (survey.shortfall === input.shortfall) return false;
    await setSurveyShortfall(tx, survey.id, input.shortfall);
    await enqueueSurveyUpdate(deps, tx, survey.id, tapId);
    await enqueueLeadAlerts(deps, tx, survey, 'shortfall', tapId);
    return true;
  });
  if (changed) deps.onEnqueued?.();
  return { view: await loadSurveyView(deps.store, deps.teams, input.surveyId, now), changed };
}
