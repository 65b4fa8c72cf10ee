import { parseWallDuration } from '../../domain/duration.js';
import { sendTimeSkipReason } from '../../domain/survey-plan.js';
import type { SurveyView } from '../../domain/survey-view.js';
import { AppError } from '../../errors.js';
import { transaction } from '../../store/database.js';
import {
  findSurvey,
  findSurveyWithParties,
  setSurveySent,
  skipScheduledSurvey,
} from '../../store/surveys.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';
import { surveyViewOf } from './load-survey-view.js';

export type SendSurveyOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'send'; view: SurveyView }
  | { kind: 'done' };

/**
 * The send-time decision for a scheduled survey: skip it (recording why) if the request was
 * reopened or cancelled meanwhile, else return the view to deliver. Nothing is marked sent
 * here: the caller delivers first, then calls `markSurveySent`, so a crash in between
 * delivers again (idempotently) instead of losing the survey.
 */
export async function prepareSurveySend(
  deps: ServiceDeps,
  input: { surveyId: string; resolvedAt: Date },
): Promise<SendSurveyOutcome> {
  const found = await findSurveyWithParties(deps.store, input.surveyId);
  if (found?.survey.status !== 'scheduled') return { kind: 'done' };
  const { survey, request } = found;
  const reason = sendTimeSkipReason(input.resolvedAt, {
    cancelled: request.status === 'cancelled',
    // A later round means a reopen even when both resolutions carry the same timestamp.
    resolvedAt: survey.round === request.reopenCount ? request.resolvedAt : null,
  });
  if (reason) {
    await skipScheduledSurvey(deps.store, survey.id, reason);
    return { kind: 'skipped', reason };
  }
  return { kind: 'send', view: surveyViewOf(found, deps.teams, deps.clock.now()) };
}

/**
 * Records the survey as sent now, and schedules its one reminder and its expiry from the
 * actual send time (a send delayed by an outage still gets the full answering window).
 */
export async function markSurveySent(deps: ServiceDeps, surveyId: string): Promise<void> {
  const now = deps.clock.now();
  await transaction(deps.store, async (tx) => {
    const survey = await findSurvey(tx, surveyId);
    if (!survey) throw new AppError('not_found', `survey ${surveyId} not found`);
    if (survey.status !== 'scheduled') return;
    const team = deps.teams.get(survey.teamId);
    const remindAt = new Date(now.getTime() + parseWallDuration(team.survey.reminderAfter));
    const expiresAt = new Date(now.getTime() + parseWallDuration(team.survey.expireAfter));
    await setSurveySent(tx, surveyId, { at: now, expiresAt });
    // A reminder due at or after expiry would only nag about a closed survey.
    if (remindAt < expiresAt) {
      await enqueueJob(
        deps,
        tx,
        'survey.remind',
        { surveyId },
        { idempotencyKey: `survey.remind:${surveyId}`, dueAt: remindAt },
      );
    }
    await enqueueJob(
      deps,
      tx,
      'survey.expire',
      { surveyId },
      { idempotencyKey: `survey.expire:${surveyId}`, dueAt: expiresAt },
    );
  });
}
