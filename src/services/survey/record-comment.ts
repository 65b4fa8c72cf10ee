import { z } from 'zod';
import { actorSchema } from '../../domain/request.js';
import { transaction } from '../../store/database.js';
import { setSurveyComment } from '../../store/surveys.js';
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

export const recordCommentInputSchema = z.object({
  surveyId: z.string().min(1),
  actor: actorSchema,
  comment: z
    .string()
    .trim()
    .min(1, 'Write a few words, or close the form.')
    .max(2_000, 'Keep it under 2,000 characters.'),
  /** The modal submission / card invoke id, so a resubmission records once. */
  clickId: z.string().min(1).optional(),
});

/**
 * The optional second step after an answer: a free-text comment. A comment on a bad score or
 * on "Not fixed" reaches the team leads the same day.
 */
export async function recordComment(
  deps: ServiceDeps,
  rawInput: z.input<typeof recordCommentInputSchema>,
): Promise<SurveyAnswerResult> {
  const input = parseInput(recordCommentInputSchema, rawInput);
  const now = deps.clock.now();
  const changed = await transaction(deps.store, async (tx) => {
    const survey = await answerableSurvey(tx, { ...input, kind: 'comment', now });
    if (!(await firstSightOfClick(tx, survey.id, input.clickId, now))) return false;
    const tapId = await keepTap(tx, survey.id, 'comment', input.comment, now);
    if (survey.comment === input.comment) return false;
    await setSurveyComment(tx, survey.id, input.comment);
    await enqueueSurveyUpdate(deps, tx, survey.id, tapId);
    const bad = survey.status === 'not_fixed' || (survey.score !== null && survey.score < 0);
    if (bad) await enqueueLeadAlerts(deps, tx, survey, 'comment', tapId);
    return true;
  });
  if (changed) deps.onEnqueued?.();
  return { view: await loadSurveyView(deps.store, deps.teams, input.surveyId, now), changed };
}
