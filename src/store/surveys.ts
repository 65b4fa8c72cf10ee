import { DIMENSIONS, type Dimension, type GapScore, type Shortfall } from '../domain/dimensions.js';
import type { Person, ServiceRequest } from '../domain/request.js';
import { type Survey, surveySchema } from '../domain/survey.js';
import type { Survey as SurveyRow } from '../generated/sqlite/client.js';
import { clientOf, type Store } from './database.js';
import { toPerson, toRequest } from './rows.js';

function toSurvey(row: SurveyRow): Survey {
  return surveySchema.parse(row);
}

export async function findSurvey(store: Store, id: string): Promise<Survey | null> {
  const row = await clientOf(store).survey.findUnique({ where: { id } });
  return row ? toSurvey(row) : null;
}

/** The survey of one resolution of a request (its round), if planned already. */
export async function findSurveyOfRound(
  store: Store,
  requestId: string,
  round: number,
): Promise<Survey | null> {
  const row = await clientOf(store).survey.findUnique({ where: { requestId_round: { requestId, round } } });
  return row ? toSurvey(row) : null;
}

export type SurveyWithParties = { survey: Survey; request: ServiceRequest; requester: Person };

/** A survey with the request it is about and the person it asks. */
export async function findSurveyWithParties(store: Store, id: string): Promise<SurveyWithParties | null> {
  const row = await clientOf(store).survey.findUnique({
    where: { id },
    include: { request: true, requester: true },
  });
  if (!row) return null;
  const { request, requester, ...survey } = row;
  return { survey: toSurvey(survey), request: toRequest(request), requester: toPerson(requester) };
}

type NewSurveyBase = Pick<
  Survey,
  'id' | 'requestId' | 'round' | 'teamId' | 'requesterId' | 'week' | 'scheduledFor'
>;

/** A planned survey: skipped with its reason (nothing asked), or scheduled with its question. */
export type NewSurvey = NewSurveyBase &
  (
    | { status: 'skipped'; skipReason: string; dimension: null }
    | { status: 'scheduled'; expiresAt: Date; dimension: Dimension }
  );

export async function insertSurvey(store: Store, survey: NewSurvey): Promise<void> {
  await clientOf(store).survey.create({ data: survey });
}

/** When each survey sent or still to be sent to this person goes out: the fatigue cap counts them. */
export async function listSurveyTimes(store: Store, requesterId: string): Promise<Date[]> {
  const rows = await clientOf(store).survey.findMany({
    where: { requesterId, skipReason: null },
    select: { scheduledFor: true, sentAt: true },
  });
  return rows.map((row) => row.sentAt ?? row.scheduledFor);
}

/** Questions planned per dimension for the team-week; skipped surveys asked nothing. */
export async function countPlannedDimensions(
  store: Store,
  teamId: string,
  week: string,
): Promise<Record<Dimension, number>> {
  const groups = await clientOf(store).survey.groupBy({
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

/** Skips a survey still scheduled, with the reason; false when it had moved on (sent, skipped). */
export async function skipScheduledSurvey(store: Store, id: string, reason: string): Promise<boolean> {
  const { count } = await clientOf(store).survey.updateMany({
    where: { id, status: 'scheduled' },
    data: { status: 'skipped', skipReason: reason },
  });
  return count > 0;
}

export async function setSurveySent(
  store: Store,
  id: string,
  sent: { at: Date; expiresAt: Date },
): Promise<void> {
  await clientOf(store).survey.update({
    where: { id },
    data: { status: 'sent', sentAt: sent.at, expiresAt: sent.expiresAt },
  });
}

/** Records the one reminder; false when one was recorded already. */
export async function setSurveyReminded(store: Store, id: string, at: Date): Promise<boolean> {
  const { count } = await clientOf(store).survey.updateMany({
    where: { id, remindedAt: null },
    data: { remindedAt: at },
  });
  return count > 0;
}

/** Expires a survey still unanswered; false when it was not `sent` any more. */
export async function expireSentSurvey(store: Store, id: string): Promise<boolean> {
  const { count } = await clientOf(store).survey.updateMany({
    where: { id, status: 'sent' },
    data: { status: 'expired' },
  });
  return count > 0;
}

/** The answer that counts now; a new score clears the shortfall that explained the last one. */
export async function setSurveyScore(store: Store, id: string, score: GapScore, at: Date): Promise<void> {
  await clientOf(store).survey.update({
    where: { id },
    data: { status: 'answered', score, answeredAt: at, shortfall: null },
  });
}

export async function setSurveyShortfall(store: Store, id: string, shortfall: Shortfall): Promise<void> {
  await clientOf(store).survey.update({ where: { id }, data: { shortfall } });
}

export async function setSurveyComment(store: Store, id: string, comment: string): Promise<void> {
  await clientOf(store).survey.update({ where: { id }, data: { comment } });
}

export async function setSurveyNotFixed(store: Store, id: string, at: Date): Promise<void> {
  await clientOf(store).survey.update({ where: { id }, data: { status: 'not_fixed', answeredAt: at } });
}

/** Keeps one tap in the survey's history; returns its id. */
export async function insertSurveyAnswer(
  store: Store,
  tap: { surveyId: string; kind: string; value: string; at: Date },
): Promise<number> {
  const row = await clientOf(store).surveyAnswer.create({ data: tap, select: { id: true } });
  return row.id;
}
