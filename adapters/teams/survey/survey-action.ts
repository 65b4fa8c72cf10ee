import { z } from 'zod';
import { dimensionSchema, gapScoreSchema, shortfallSchema } from '../../../src/domain/dimensions.js';
import type { Actor } from '../../../src/domain/request.js';
import { isAppError } from '../../../src/errors.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { loadSurveyView } from '../../../src/services/survey/load-survey-view.js';
import { recordComment } from '../../../src/services/survey/record-comment.js';
import { recordImportanceVote } from '../../../src/services/survey/record-importance-vote.js';
import { recordShortfall } from '../../../src/services/survey/record-shortfall.js';
import { recordSurveyAnswer } from '../../../src/services/survey/record-survey-answer.js';
import { reportNotFixed } from '../../../src/services/survey/report-not-fixed.js';
import { cardResponse, messageResponse } from '../bot/invoke-responses.js';
import { pollCard, surveyCard } from './survey-cards.js';
import { SURVEY_VERB, SURVEY_VERBS } from './survey-verbs.js';

const surveyData = z.object({
  surveyId: z.string().min(1),
  score: z.coerce.number().pipe(gapScoreSchema).optional(),
  shortfall: shortfallSchema.optional(),
  comment: z.string().optional(),
});
const voteData = z.object({ teamId: z.string().min(1), poll: z.string().min(1), dimension: dimensionSchema });

const STALE = 'That card is out of date.';

export function isSurveyVerb(verb: string): boolean {
  return SURVEY_VERBS.includes(verb);
}

/**
 * A tap on a survey or poll card (Action.Execute). The answer is persisted, then the invoke is
 * answered with the redrawn card, which Teams swaps in place; refusals come back as a message
 * to the person who clicked, and the card stays as it was.
 */
export async function handleSurveyAction(
  deps: ServiceDeps,
  verb: string,
  data: Record<string, string | null | undefined>,
  actor: Actor,
  clickId?: string,
): Promise<object> {
  try {
    if (verb === SURVEY_VERB.vote) {
      const vote = voteData.safeParse(data);
      if (!vote.success) return messageResponse(STALE);
      return cardResponse(pollCard((await recordImportanceVote(deps, { ...vote.data, actor })).view));
    }
    const parsed = surveyData.safeParse(data);
    if (!parsed.success) return messageResponse(STALE);
    const click = { surveyId: parsed.data.surveyId, actor, ...(clickId ? { clickId } : {}) };
    switch (verb) {
      case SURVEY_VERB.score:
        return answered(await recordSurveyAnswer(deps, { ...click, score: parsed.data.score ?? Number.NaN }));
      case SURVEY_VERB.shortfall:
        return answered(
          await recordShortfall(deps, { ...click, shortfall: parsed.data.shortfall ?? 'resources' }),
        );
      case SURVEY_VERB.notFixed:
        return answered(await reportNotFixed(deps, click));
      case SURVEY_VERB.comment:
        return answered(await recordComment(deps, { ...click, comment: parsed.data.comment ?? '' }));
      default:
        return refresh(deps, parsed.data.surveyId, actor);
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = (error.details.fields ?? {}) as Record<string, string>;
    return messageResponse(Object.values(fields).join(' ') || error.userMessage);
  }
}

function answered(result: { view: Parameters<typeof surveyCard>[0] }): object {
  return cardResponse(surveyCard(result.view));
}

/** The current card, for the requester only: anyone else keeps what they see. */
async function refresh(deps: ServiceDeps, surveyId: string, actor: Actor): Promise<object> {
  const view = await loadSurveyView(deps.store, deps.teams, surveyId, deps.clock.now());
  if (view.requester.platform !== actor.platform || view.requester.userId !== actor.userId) {
    return messageResponse(STALE);
  }
  return cardResponse(surveyCard(view));
}
