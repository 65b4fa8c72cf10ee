import {
  type RequestTimeline,
  requestTimelineSchema,
  type TimelineEvent,
  timelinePromiseSchema,
} from '../../domain/report/report-schema.js';
import { eventDataSchema, requestEventTypeSchema } from '../../domain/request.js';
import { clientOf, type Store } from '../database.js';
import { latestAnswer, surveysOf, toReportRow, toSurveyAnswer } from './report-rows.js';

/**
 * A request of the team by ref, with every event (oldest first, who and when), its promises and
 * its surveys; null when the team has no request with that ref. The requester is never named:
 * what they did says "requester". An assignment names the team member assigned.
 */
export async function requestTimeline(
  store: Store,
  teamId: string,
  ref: string,
): Promise<RequestTimeline | null> {
  const db = clientOf(store);
  const request = await db
    .selectFrom('requests')
    .leftJoin('people', 'people.id', 'requests.assigneeId')
    .selectAll('requests')
    .select('people.name as assigneeName')
    .where('requests.teamId', '=', teamId)
    .where('requests.ref', '=', ref)
    .executeTakeFirst();
  if (!request) return null;
  const events = await db
    .selectFrom('requestEvents')
    .leftJoin('people', 'people.id', 'requestEvents.actorId')
    .selectAll('requestEvents')
    .select('people.name as actorName')
    .where('requestEvents.requestId', '=', request.id)
    .orderBy('requestEvents.id')
    .execute();
  const parsed = events.map((event) => ({ event, data: eventDataSchema.parse(JSON.parse(event.data)) }));
  const assigneeIds = parsed.flatMap(({ data }) =>
    data.assigneeId && data.assigneeId !== request.requesterId ? [data.assigneeId] : [],
  );
  const names = new Map(
    assigneeIds.length === 0
      ? []
      : (await db.selectFrom('people').select(['id', 'name']).where('id', 'in', assigneeIds).execute()).map(
          (p) => [p.id, p.name] as const,
        ),
  );
  const promises = await db
    .selectFrom('requestPromises')
    .selectAll()
    .where('requestId', '=', request.id)
    .orderBy('madeAt')
    .orderBy('id')
    .execute();
  const surveys = (await surveysOf(store, [request.id])).get(request.id) ?? [];
  return requestTimelineSchema.parse({
    request: {
      ...toReportRow(request, latestAnswer(surveys)),
      description: request.description,
      resolution: request.resolution,
      slaAckDueAt: request.slaAckDueAt,
      slaResolveDueAt: request.slaResolveDueAt,
      reopenCount: request.reopenCount,
    },
    events: parsed.map(({ event, data }): TimelineEvent => {
      const { assigneeId, ...rest } = data;
      const detail: Record<string, string> = { ...rest };
      if (assigneeId !== undefined) {
        detail.assignee =
          assigneeId === request.requesterId ? 'the requester' : (names.get(assigneeId) ?? 'unknown');
      }
      return {
        at: event.at,
        type: requestEventTypeSchema.parse(event.type),
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        actor:
          event.actorId === null
            ? { role: 'system', name: null }
            : event.actorId === request.requesterId
              ? { role: 'requester', name: null }
              : { role: 'team', name: event.actorName },
        detail,
      };
    }),
    promises: promises.map((p) =>
      timelinePromiseSchema.parse({
        kind: p.kind,
        madeAt: p.madeAt,
        dueAt: p.dueAt,
        settledAt: p.settledAt,
        outcome: p.outcome,
        slipMinutes: p.slipMinutes,
      }),
    ),
    surveys: surveys.map(toSurveyAnswer),
  });
}
