import type { Selectable, Updateable, UpdateResult } from 'kysely';
import { DIMENSIONS, type Dimension, type GapScore, type Shortfall } from '../domain/dimensions.js';
import type { Person, ServiceRequest } from '../domain/request.js';
import { type Survey, surveySchema } from '../domain/survey.js';
import { clientOf, type Store } from './database.js';
import { findPerson } from './people.js';
import { findRequest } from './requests.js';
import type { Survey as SurveyTable } from './schema-types.js';

function toSurvey(row: Selectable<SurveyTable>): Survey {
  return surveySchema.parse(row);
}

export async function findSurvey(store: Store, id: string): Promise<Survey | null> {
  const row = await clientOf(store).selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSurvey(row) : null;
}

/** The survey of one resolution of a request (its round), if planned already. */
export async function findSurveyOfRound(
  store: Store,
  requestId: string,
  round: number,
): Promise<Survey | null> {
  const row = await clientOf(store)
    .selectFrom('surveys')
    .selectAll()
    .where('requestId', '=', requestId)
    .where('round', '=', round)
    .executeTakeFirst();
  return row ? toSurvey(row) : null;
}

export type SurveyWithParties = { survey: Survey; request: ServiceRequest; requester: Person };

/** A survey with the request it is about and the person it asks. */
export async function findSurveyWithParties(store: Store, id: string): Promise<SurveyWithParties | null> {
  const survey = await findSurvey(store, id);
  if (!survey) return null;
  const [request, requester] = [
    await findRequest(store, survey.requestId),
    await findPerson(store, survey.requesterId),
  ];
  if (!request || !requester) throw new Error(`survey ${id} lost its request or requester`);
  return { survey, request, requester };
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
  await clientOf(store)
    .insertInto('surveys')
    // Every timestamp is written by us, so old and new rows share one text form on SQLite.
    .values({ ...survey, createdAt: new Date(), updatedAt: new Date() })
    .execute();
}

/** When each survey sent or still to be sent to this person goes out: the fatigue cap counts them. */
export async function listSurveyTimes(store: Store, requesterId: string): Promise<Date[]> {
  const rows = await clientOf(store)
    .selectFrom('surveys')
    .select(['scheduledFor', 'sentAt'])
    .where('requesterId', '=', requesterId)
    .where('skipReason', 'is', null)
    .execute();
  return rows.map((row) => row.sentAt ?? row.scheduledFor);
}

/** Questions planned per dimension for the team-week; skipped surveys asked nothing. */
export async function countPlannedDimensions(
  store: Store,
  teamId: string,
  week: string,
): Promise<Record<Dimension, number>> {
  const groups = await clientOf(store)
    .selectFrom('surveys')
    .select((eb) => ['dimension', eb.fn.countAll<number>().as('n')])
    .where('teamId', '=', teamId)
    .where('week', '=', week)
    .where('skipReason', 'is', null)
    .where('dimension', 'is not', null)
    .groupBy('dimension')
    .execute();
  const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
  for (const group of groups) {
    if (group.dimension && group.dimension in counts) counts[group.dimension as Dimension] = Number(group.n);
  }
  return counts;
}

/** Skips a survey still scheduled, with the reason; false when it had moved on (sent, skipped). */
export async function skipScheduledSurvey(store: Store, id: string, reason: string): Promise<boolean> {
  return changed(
    await surveyUpdate(store, id, { status: 'skipped', skipReason: reason })
      .where('status', '=', 'scheduled')
      .executeTakeFirst(),
  );
}

export async function setSurveySent(
  store: Store,
  id: string,
  sent: { at: Date; expiresAt: Date },
): Promise<void> {
  await surveyUpdate(store, id, { status: 'sent', sentAt: sent.at, expiresAt: sent.expiresAt }).execute();
}

/** Records the one reminder; false when one was recorded already. */
export async function setSurveyReminded(store: Store, id: string, at: Date): Promise<boolean> {
  return changed(
    await surveyUpdate(store, id, { remindedAt: at }).where('remindedAt', 'is', null).executeTakeFirst(),
  );
}

/** Expires a survey still unanswered; false when it was not `sent` any more. */
export async function expireSentSurvey(store: Store, id: string): Promise<boolean> {
  return changed(
    await surveyUpdate(store, id, { status: 'expired' }).where('status', '=', 'sent').executeTakeFirst(),
  );
}

/** The answer that counts now; a new score clears the shortfall that explained the last one. */
export async function setSurveyScore(store: Store, id: string, score: GapScore, at: Date): Promise<void> {
  await surveyUpdate(store, id, { status: 'answered', score, answeredAt: at, shortfall: null }).execute();
}

export async function setSurveyShortfall(store: Store, id: string, shortfall: Shortfall): Promise<void> {
  await surveyUpdate(store, id, { shortfall }).execute();
}

export async function setSurveyComment(store: Store, id: string, comment: string): Promise<void> {
  await surveyUpdate(store, id, { comment }).execute();
}

export async function setSurveyNotFixed(store: Store, id: string, at: Date): Promise<void> {
  await surveyUpdate(store, id, { status: 'not_fixed', answeredAt: at }).execute();
}

/** Keeps one tap in the survey's history; returns its id. */
export async function insertSurveyAnswer(
  store: Store,
  tap: { surveyId: string; kind: string; value: string; at: Date },
): Promise<number> {
  const row = await clientOf(store)
    .insertInto('surveyAnswers')
    .values(tap)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One survey's columns set, as a statement a caller can narrow further; `updatedAt` moves with it. */
function surveyUpdate(store: Store, id: string, columns: Updateable<SurveyTable>) {
  return clientOf(store)
    .updateTable('surveys')
    .set({ ...columns, updatedAt: new Date() })
    .where('id', '=', id);
}

function changed(result: UpdateResult): boolean {
  return result.numUpdatedRows > 0n;
}
