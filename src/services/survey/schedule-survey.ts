import { randomUUID } from 'node:crypto';
import { DIMENSIONS, type Dimension } from '../../domain/dimensions.js';
import { isoWeekKey, planSurvey, type SurveyPlan } from '../../domain/survey-plan.js';
import { AppError } from '../../errors.js';
import type { DbOrTx } from '../../store/database.js';
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
  const result = await deps.db.$transaction(async (tx) => {
    const existing = await tx.survey.findUnique({
      where: { requestId_round: { requestId: input.requestId, round: input.round } },
    });
    if (existing) return null;
    const request = await tx.request.findUnique({
      where: { id: input.requestId },
      include: { requester: true },
    });
    if (!request) throw new AppError('not_found', `request ${input.requestId} not found`);
    const team = deps.teams.get(request.teamId);
    const week = isoWeekKey(input.resolvedAt, team.timezone);
    const plan = planSurvey({
      team,
      resolvedAt: input.resolvedAt,
      // Rosters list platform user ids, so membership is checked by the requester's platform id.
      requesterId: request.requester.platformUserId,
      requesterTimezone: request.requester.timezone,
      requesterSurveyTimes: await surveyTimesOf(tx, request.requesterId),
      countsThisWeek: await plannedThisWeek(tx, team.id, week),
      random: input.random,
    });
    const surveyId = randomUUID();
    await tx.survey.create({
      data: {
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
      },
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

/** Every survey sent or still to be sent to this person: the fatigue cap counts them. */
async function surveyTimesOf(tx: DbOrTx, requesterId: string): Promise<Date[]> {
  const rows = await tx.survey.findMany({
    where: { requesterId, skipReason: null },
    select: { scheduledFor: true, sentAt: true },
  });
  return rows.map((row) => row.sentAt ?? row.scheduledFor);
}

/** Questions planned per dimension for the team-week; skipped surveys asked nothing. */
async function plannedThisWeek(tx: DbOrTx, teamId: string, week: string): Promise<Record<Dimension, number>> {
  const groups = await tx.survey.groupBy({
    by: ['dimension'],
    where: { teamId, week, skipReason: null, dimension: { not: null } },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
  for (const group of groups) {
    if (group.dimension && group.dimension in counts)
      counts[group.dimension as Dimension] = group._count._all;
  }
  return counts;
}
