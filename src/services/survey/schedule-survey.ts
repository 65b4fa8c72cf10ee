import { randomUUID } from 'node:crypto';
import { isoWeekKey, planSurvey, type SurveyPlan } from '../../domain/survey-plan.js';
import { AppError } from '../../errors.js';
import { transaction } from '../../store/database.js';
import { findPerson } from '../../store/people.js';
import { findRequest } from '../../store/requests.js';
import {
  countPlannedDimensions,
  findSurveyOfRound,
  insertSurvey,
  listSurveyTimes,
} from '../../store/surveys.js';
import { enqueueJob } from '../request-effects.js';
import type { ServiceDeps } from '../service-deps.js';

export type ScheduleSurveyInput = {
  requestId: string;
  /** The request's reopen count when it was resolved: each resolution gets its own survey. */
  round: number;
  resolvedAt: Date;
  /** Ties between equally-asked dimensions are broken with this (Math.random in production). */
  random: () => number;
};

/**
 * Plans the survey for one resolution of a request: stores a Survey row, `scheduled` with the
 * send job enqueued at the planned time, or `skipped` with the reason (so response rates stay
 * honest). Runs once per (request, round): a repeat finds the row and does nothing.
 */
export async function scheduleSurvey(
  deps: ServiceDeps,
  input: ScheduleSurveyInput,
): Promise<{ surveyId: string; plan: SurveyPlan } | null> {
  const result = await transaction(deps.store, async (tx) => {
    if (await findSurveyOfRound(tx, input.requestId, input.round)) return null;
    const request = await findRequest(tx, input.requestId);
    if (!request) throw new AppError('not_found', `request ${input.requestId} not found`);
    const requester = await findPerson(tx, request.requesterId);
    if (!requester) throw new AppError('not_found', `requester ${request.requesterId} not found`);
    const team = deps.teams.get(request.teamId);
    const week = isoWeekKey(input.resolvedAt, team.timezone);
    const plan = planSurvey({
      team,
      resolvedAt: input.resolvedAt,
      // Rosters list platform user ids, so membership is checked by the requester's platform id.
      requesterId: requester.platformUserId,
      requesterTimezone: requester.timezone,
      requesterSurveyTimes: await listSurveyTimes(tx, request.requesterId),
      countsThisWeek: await countPlannedDimensions(tx, team.id, week),
      random: input.random,
    });
    const surveyId = randomUUID();
    await insertSurvey(tx, {
      id: surveyId,
      requestId: request.id,
      round: input.round,
      teamId: team.id,
      requesterId: request.requesterId,
      week,
      ...(plan.kind === 'skip'
        ? { status: 'skipped', skipReason: plan.reason, scheduledFor: input.resolvedAt, dimension: null }
        : {
            status: 'scheduled',
            scheduledFor: plan.sendAt,
            expiresAt: plan.expiresAt,
            dimension: plan.dimension,
          }),
    });
    if (plan.kind === 'send') {
      await enqueueJob(
        deps,
        tx,
        'survey.send',
        { surveyId, resolvedAt: input.resolvedAt.toISOString() },
        { idempotencyKey: `survey.send:${request.id}:${input.round}`, dueAt: plan.sendAt },
      );
    }
    return { surveyId, plan };
  });
  if (result) deps.onEnqueued?.();
  return result;
}
