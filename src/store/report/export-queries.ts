import { type ExportRow, exportRowSchema } from '../../domain/report/report-schema.js';
import { clientOf, type Store } from '../database.js';
import { num } from '../digest/sql-values.js';
import { latestAnswer, type SurveyRow, toSurveyAnswer } from './report-rows.js';

/**
 * One flat row per request of the team filed in [from, to), oldest first: three queries over
 * the (team_id, filed_at) index (requests, their promises' tallies, their surveys), not one per
 * request.
 */
export async function exportRows(store: Store, teamId: string, from: Date, to: Date): Promise<ExportRow[]> {
  const db = clientOf(store);
  const requests = await db
    .selectFrom('requests')
    .leftJoin('people', 'people.id', 'requests.assigneeId')
    // Only the exported columns: descriptions and resolutions would double what is read.
    .select([
      'requests.id',
      'requests.ref',
      'requests.category',
      'requests.location',
      'requests.priority',
      'requests.status',
      'requests.filedAt',
      'requests.acknowledgedAt',
      'requests.resolvedAt',
      'requests.cancelledAt',
      'requests.neededByChoice',
      'requests.neededBy',
      'requests.neededByTighter',
      'requests.slaAckDueAt',
      'requests.slaResolveDueAt',
      'requests.ackMinutes',
      'requests.resolveMinutes',
      'requests.ackWithinSla',
      'requests.resolveWithinSla',
      'requests.reopenCount',
      'people.name as assigneeName',
    ])
    .where('requests.teamId', '=', teamId)
    .where('requests.filedAt', '>=', from)
    .where('requests.filedAt', '<', to)
    .orderBy('requests.filedAt')
    .orderBy('requests.ref')
    .execute();
  const promises = await db
    .selectFrom('requestPromises as p')
    .innerJoin('requests as r', 'r.id', 'p.requestId')
    .select((eb) => [
      'p.requestId',
      eb.fn.countAll<number | string | bigint>().as('made'),
      eb.fn
        .sum<number | string | bigint | null>(eb.case().when('p.outcome', '=', 'kept').then(1).else(0).end())
        .as('kept'),
      eb.fn
        .sum<number | string | bigint | null>(
          eb.case().when('p.outcome', 'in', ['missed', 'moved']).then(1).else(0).end(),
        )
        .as('broken'),
    ])
    .where('r.teamId', '=', teamId)
    .where('r.filedAt', '>=', from)
    .where('r.filedAt', '<', to)
    .groupBy('p.requestId')
    .execute();
  const tallies = new Map(promises.map((p) => [p.requestId, p]));
  const surveys = await db
    .selectFrom('surveys as s')
    .innerJoin('requests as r', 'r.id', 's.requestId')
    .selectAll('s')
    .where('r.teamId', '=', teamId)
    .where('r.filedAt', '>=', from)
    .where('r.filedAt', '<', to)
    .orderBy('s.round')
    .execute();
  const byRequest = new Map<string, SurveyRow[]>();
  for (const s of surveys) byRequest.set(s.requestId, [...(byRequest.get(s.requestId) ?? []), s]);
  return requests.map((r) => {
    const tally = tallies.get(r.id);
    const answer = latestAnswer(byRequest.get(r.id));
    const survey = answer ? toSurveyAnswer(answer) : null;
    return exportRowSchema.parse({
      ref: r.ref,
      category: r.category,
      location: r.location,
      priority: r.priority,
      status: r.status,
      filedAt: r.filedAt,
      acknowledgedAt: r.acknowledgedAt,
      resolvedAt: r.resolvedAt,
      cancelledAt: r.cancelledAt,
      assignee: r.assigneeName,
      neededByChoice: r.neededByChoice,
      neededBy: r.neededBy,
      neededSoonerThanSla: r.neededByTighter,
      slaAckDueAt: r.slaAckDueAt,
      slaResolveDueAt: r.slaResolveDueAt,
      ackMinutes: r.ackMinutes,
      resolveMinutes: r.resolveMinutes,
      ackWithinSla: r.ackWithinSla,
      resolveWithinSla: r.resolveWithinSla,
      reopenCount: r.reopenCount,
      promisesMade: num(tally?.made),
      promisesKept: num(tally?.kept),
      promisesBroken: num(tally?.broken),
      surveyStatus: answer?.status ?? null,
      surveyDimension: survey?.dimension ?? null,
      surveyScore: survey?.score ?? null,
      surveyShortfall: survey?.shortfall ?? null,
      surveyComment: survey?.comment ?? null,
      surveyAnsweredAt: survey?.answeredAt ?? null,
    });
  });
}
