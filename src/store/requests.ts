import type { Insertable, Updateable } from 'kysely';
import type { RequestEvent, RequestEventType, ServiceRequest } from '../domain/request.js';
import { clientOf, type Store } from './database.js';
import { toEvent, toRequest } from './rows.js';
import type { Request as RequestTable } from './schema-types.js';

/** The request columns a lifecycle action may write. */
export type RequestChanges = Pick<
  Updateable<RequestTable>,
  | 'status'
  | 'assigneeId'
  | 'waitingOn'
  | 'waitingNote'
  | 'deferredUntil'
  | 'deferReason'
  | 'resolution'
  | 'acknowledgedAt'
  | 'startedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'cancelledAt'
  | 'reopenCount'
  | 'ackMinutes'
  | 'ackWithinSla'
  | 'resolveMinutes'
  | 'resolveWithinSla'
  | 'slaAckDueAt'
  | 'slaResolveDueAt'
  | 'priority'
  | 'category'
  | 'neededByTighter'
>;

export async function findRequest(store: Store, id: string): Promise<ServiceRequest | null> {
  const row = await clientOf(store)
    .selectFrom('requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRequest(row) : null;
}

/**
 * Writes `changes` only if the request is still at the version it was read at (nobody changed
 * it since), and moves it to the next version. Returns the request as written; null when
 * someone else got there first.
 */
export async function updateRequestAtVersion(
  store: Store,
  request: ServiceRequest,
  changes: RequestChanges,
  now: Date,
): Promise<ServiceRequest | null> {
  const row = await clientOf(store)
    .updateTable('requests')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', request.id)
    .where('version', '=', request.version)
    .returningAll()
    .executeTakeFirst();
  return row ? toRequest(row) : null;
}

export type NewEvent = {
  requestId: string;
  at: Date;
  actorId: string | null;
  type: RequestEventType;
  fromStatus: string | null;
  toStatus: string;
  data: unknown;
};

/** Appends to a request's history; returns the event's id. */
export async function insertEvent(store: Store, event: NewEvent): Promise<number> {
  const row = await clientOf(store)
    .insertInto('requestEvents')
    .values({ ...event, data: JSON.stringify(event.data ?? {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A request's history, oldest first, with who did what (one query: the actor is joined). */
export async function listEvents(store: Store, requestId: string): Promise<RequestEvent[]> {
  const rows = await clientOf(store)
    .selectFrom('requestEvents')
    .leftJoin('people', 'people.id', 'requestEvents.actorId')
    .selectAll('requestEvents')
    .select([
      'people.platform as actorPlatform',
      'people.platformUserId as actorPlatformUserId',
      'people.name as actorName',
      'people.timezone as actorTimezone',
      'people.locale as actorLocale',
    ])
    .where('requestEvents.requestId', '=', requestId)
    .orderBy('requestEvents.id')
    .execute();
  return rows.map((row) => {
    const { actorPlatform, actorPlatformUserId, actorName, actorTimezone, actorLocale, ...event } = row;
    const actor =
      event.actorId && actorPlatform !== null && actorPlatformUserId !== null && actorName !== null
        ? {
            id: event.actorId,
            platform: actorPlatform,
            platformUserId: actorPlatformUserId,
            name: actorName,
            timezone: actorTimezone,
            locale: actorLocale,
          }
        : null;
    return toEvent(event, actor);
  });
}

/** A new request's columns, as filing decides them (the rest take their defaults). */
export type NewRequest = Omit<Insertable<RequestTable>, 'version' | 'updatedAt' | 'reopenCount'> & {
  filedAt: Date;
};

export async function insertRequest(store: Store, request: NewRequest): Promise<ServiceRequest> {
  const row = await clientOf(store)
    .insertInto('requests')
    .values({ ...request, updatedAt: request.filedAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRequest(row);
}

export async function findRequestByReference(store: Store, ref: string): Promise<ServiceRequest | null> {
  const row = await clientOf(store)
    .selectFrom('requests')
    .selectAll()
    .where('ref', '=', ref)
    .executeTakeFirst();
  return row ? toRequest(row) : null;
}

/** A requester's requests that are active or changed since `since`, newest first. */
export async function listRequestsOf(
  store: Store,
  requesterId: string,
  filter: { activeStatuses: readonly string[]; since: Date; limit: number },
): Promise<ServiceRequest[]> {
  const rows = await clientOf(store)
    .selectFrom('requests')
    .selectAll()
    .where('requesterId', '=', requesterId)
    .where((eb) =>
      eb.or([eb('status', 'in', [...filter.activeStatuses]), eb('updatedAt', '>=', filter.since)]),
    )
    .orderBy('filedAt', 'desc')
    .orderBy('ref', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(toRequest);
}

/** A team's requests in these statuses, oldest filed first. */
export async function listTeamRequests(
  store: Store,
  teamId: string,
  statuses: readonly string[],
  limit: number,
): Promise<ServiceRequest[]> {
  const rows = await clientOf(store)
    .selectFrom('requests')
    .selectAll()
    .where('teamId', '=', teamId)
    .where('status', 'in', [...statuses])
    // Filed in the same instant, the order is the database's choice of index unless it is said.
    .orderBy('filedAt')
    .orderBy('ref')
    .limit(limit)
    .execute();
  return rows.map(toRequest);
}
