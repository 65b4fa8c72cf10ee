import { z } from 'zod';
import { actorSchema } from '../../domain/request.js';
import { isAppError } from '../../errors.js';
import { transaction } from '../../store/database.js';
import { setSurveyNotFixed } from '../../store/surveys.js';
import { parseInput } from '../parse-input.js';
import { reopenRequest } from '../reopen-request.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadSurveyView } from './load-survey-view.js';
import type { SurveyAnswerResult } from './record-survey-answer.js';
import { answerableSurvey, enqueueSurveyUpdate, firstSightOfClick, keepTap } from './survey-answer-common.js';

export const reportNotFixedInputSchema = z.object({
  surveyId: z.string().min(1),
  actor: actorSchema,
  clickId: z.string().min(1).optional(),
});

/**
 * "Not fixed": reopens the request (the team hears through the reopen's triage update and
 * the requester's DM) and closes this survey; the next resolution gets a new one.
 */
export async function reportNotFixed(
  deps: ServiceDeps,
  rawInput: z.input<typeof reportNotFixedInputSchema>,
): Promise<SurveyAnswerResult> {
  const input = parseInput(reportNotFixedInputSchema, rawInput);
  const now = deps.clock.now();
  // Authorise before reopening anything.
  const survey = await transaction(deps.store, (tx) =>
    answerableSurvey(tx, { ...input, kind: 'not_fixed', now }),
  );
  if (survey.status !== 'not_fixed') {
    // Reopen first: if we crash before recording the answer, the click's retry finds the
    // request already open and only records it, rather than losing the reopen.
    try {
      await reopenRequest(deps, {
        requestId: survey.requestId,
        actor: input.actor,
        by: 'survey',
        reason: 'The requester answered the survey: not fixed.',
      });
    } catch (error) {
      // Already reopened (by the team, or by this click's first delivery): nothing to undo.
      if (!isAppError(error, 'invalid_transition')) throw error;
    }
  }
  const changed = await transaction(deps.store, async (tx) => {
    const current = await answerableSurvey(tx, { ...input, kind: 'not_fixed', now });
    if (!(await firstSightOfClick(tx, current.id, input.clickId, now))) return false;
    const tapId = await keepTap(tx, current.id, 'not_fixed', 'true', now);
    if (current.status === 'not_fixed') return false;
    await setSurveyNotFixed(tx, current.id, now);
    await enqueueSurveyUpdate(deps, tx, current.id, tapId);
    return true;
  });
  if (changed) deps.onEnqueued?.();
  return { view: await loadSurveyView(deps.store, deps.teams, input.surveyId, now), changed };
}
