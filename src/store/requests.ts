import type { RequestEvent, RequestEventType, ServiceRequest } from '../domain/request.js';
import { Prisma } from '../generated/sqlite/client.js';
import { clientOf, type Store } from './database.js';
import { toEvent, toRequest } from './rows.js';

/** The request columns a lifecycle action may write. */
export type RequestChanges = Partial<
  Pick<
    Prisma.RequestUncheckedUpdateInput,
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
  >
>;

export async function findRequest(store: Store, id: string): Promise<ServiceRequest | null> {
  const row = await clientOf(store).request.findUnique({ where: { id } });
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
  try {
    const row = await clientOf(store).request.update({
      where: { id: request.id, version: request.version },
      data: { ...changes, version: { increment: 1 }, updatedAt: now },
    });
    return toRequest(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
    throw error;
  }
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
  const row = await clientOf(store).requestEvent.create({
    data: { ...event, data: JSON.stringify(event.data ?? {}) },
    select: { id: true },
  });
  return row.id;
}

/** A request's history, oldest first, with who did what. */
export async function listEvents(store: Store, requestId: string): Promise<RequestEvent[]> {
  const rows = await clientOf(store).requestEvent.findMany({
    where: { requestId },
    include: { actor: true },
    orderBy: { id: 'asc' },
  });
  return rows.map(toEvent);
}

/** A new request's columns, as filing decides them (the rest take their defaults). */
export type NewRequest = Omit<
  Prisma.RequestUncheckedCreateInput,
  'version' | 'updatedAt' | 'reopenCount' | 'events' | 'promises' | 'messageRefs' | 'surveys'
>;

export async function insertRequest(store: Store, request: NewRequest): Promise<ServiceRequest> {
  return toRequest(await clientOf(store).request.create({ data: request }));
}

export async function findRequestByReference(store: Store, ref: string): Promise<ServiceRequest | null> {
  const row = await clientOf(store).request.findUnique({ where: { ref } });
  return row ? toRequest(row) : null;
}

/** A requester's requests that are active or changed since `since`, newest first. */
export async function listRequestsOf(
  store: Store,
  requesterId: string,
  filter: { activeStatuses: readonly string[]; since: Date; limit: number },
): Promise<ServiceRequest[]> {
  const rows = await clientOf(store).request.findMany({
    where: {
      requesterId,
      OR: [{ status: { in: [...filter.activeStatuses] } }, { updatedAt: { gte: filter.since } }],
    },
    orderBy: { filedAt: 'desc' },
    take: filter.limit,
  });
  return rows.map(toRequest);
}

/** A team's requests in these statuses, oldest filed first. */
export async function listTeamRequests(
  store: Store,
  teamId: string,
  statuses: readonly string[],
  limit: number,
): Promise<ServiceRequest[]> {
  const rows = await clientOf(store).request.findMany({
    where: { teamId, status: { in: [...statuses] } },
    orderBy: [{ filedAt: 'asc' }],
    take: limit,
  });
  return rows.map(toRequest);
}
