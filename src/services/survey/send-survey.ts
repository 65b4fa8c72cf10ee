import { parseWallDuration } from '../../domain/duration.js';
import { sendTimeSkipReason } from '../../domain/survey-plan.js';
import type { SurveyView } from '../../domain/survey-view.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';
import { loadSurveyView } from './load-survey-view.js';

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
  const survey = await deps.db.survey.findUnique({
    where: { id: input.surveyId },
    include: { request: true },
  });
  if (!survey || survey.status === 'skipped') return { kind: 'done' };
  if (survey.status !== 'scheduled') return { kind: 'done' };
  const reason = sendTimeSkipReason(input.resolvedAt, {
    cancelled: survey.request.status === 'cancelled',
    // A later round means a reopen even when both resolutions carry the same timestamp.
    resolvedAt: survey.round === survey.request.reopenCount ? survey.request.resolvedAt : null,
  });
  if (reason) {
    await deps.db.survey.updateMany({
      where: { id: survey.id, status: 'scheduled' },
      data: { status: 'skipped', skipReason: reason },
    });
    return { kind: 'skipped', reason };
  }
  return { kind: 'send', view: await loadSurveyView(deps.db, deps.teams, survey.id, deps.clock.now()) };
}

/**
 * Records the survey as sent now, and schedules its one reminder and its expiry from the
 * actual send time (a send delayed by an outage still gets the full answering window).
 */
export async function markSurveySent(deps: ServiceDeps, surveyId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const survey = await tx.survey.findUniqueOrThrow({ where: { id: surveyId } });
    if (survey.status !== 'scheduled') return;
    const team = deps.teams.get(survey.teamId);
    const remindAt = new Date(now.getTime() + parseWallDuration(team.survey.reminderAfter));
    const expiresAt = new Date(now.getTime() + parseWallDuration(team.survey.expireAfter));
    await tx.survey.update({ where: { id: surveyId }, data: { status: 'sent', sentAt: now, expiresAt } });
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
