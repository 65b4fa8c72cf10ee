import {
  eventDataSchema,
  type Person,
  personSchema,
  type RequestEvent,
  requestEventTypeSchema,
  type ServiceRequest,
  serviceRequestSchema,
} from '../domain/request.js';
import type { Person as PersonRow, Request as RequestRow } from '../generated/sqlite/client.js';
import { readDate, readOptionalBoolean, readOptionalDate } from './sql.js';

/** Rows are parsed, not cast: a status string the domain does not know fails loudly here. */
export function toRequest(row: RequestRow): ServiceRequest {
  return serviceRequestSchema.parse(row);
}

export function toPerson(row: PersonRow): Person {
  return personSchema.parse(row);
}

type EventRow = {
  id: number;
  requestId: string;
  at: Date;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  data: string;
  actor: PersonRow | null;
};

export function toEvent(row: EventRow): RequestEvent {
  return {
    id: row.id,
    requestId: row.requestId,
    at: row.at,
    actor: row.actor ? toPerson(row.actor) : null,
    type: requestEventTypeSchema.parse(row.type),
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    data: eventDataSchema.parse(JSON.parse(row.data)),
  };
}

/** A row from plain SQL (sql.ts): snake_case columns, each typed as its driver types them. */
export type SqlRow = Record<string, unknown>;

export const REQUEST_COLUMNS = `id, ref, team_id, requester_id, category, location, priority, description,
  needed_by_choice, needed_by, status, waiting_on, waiting_note, assignee_id, deferred_until, defer_reason,
  resolution, source_platform, source_entry, source_permalink, filed_at, acknowledged_at, started_at,
  resolved_at, closed_at, cancelled_at, reopen_count, sla_ack_due_at, sla_resolve_due_at,
  needed_by_tighter, version`;

/** Rows are parsed, not cast: a status string the domain does not know fails loudly here. */
export function requestFromRow(row: SqlRow): ServiceRequest {
  return serviceRequestSchema.parse({
    id: row.id,
    ref: row.ref,
    teamId: row.team_id,
    requesterId: row.requester_id,
    category: row.category,
    location: row.location,
    priority: row.priority,
    description: row.description,
    neededByChoice: row.needed_by_choice,
    neededBy: readOptionalDate(row.needed_by),
    status: row.status,
    waitingOn: row.waiting_on,
    waitingNote: row.waiting_note,
    assigneeId: row.assignee_id,
    deferredUntil: readOptionalDate(row.deferred_until),
    deferReason: row.defer_reason,
    resolution: row.resolution,
    sourcePlatform: row.source_platform,
    sourceEntry: row.source_entry,
    sourcePermalink: row.source_permalink,
    filedAt: readDate(row.filed_at),
    acknowledgedAt: readOptionalDate(row.acknowledged_at),
    startedAt: readOptionalDate(row.started_at),
    resolvedAt: readOptionalDate(row.resolved_at),
    closedAt: readOptionalDate(row.closed_at),
    cancelledAt: readOptionalDate(row.cancelled_at),
    reopenCount: Number(row.reopen_count),
    slaAckDueAt: readOptionalDate(row.sla_ack_due_at),
    slaResolveDueAt: readOptionalDate(row.sla_resolve_due_at),
    neededByTighter: readOptionalBoolean(row.needed_by_tighter) ?? false,
    version: Number(row.version),
  });
}

export const PERSON_COLUMNS = 'id, platform, platform_user_id, name, timezone, locale';

export function personFromRow(row: SqlRow): Person {
  return personSchema.parse({
    id: row.id,
    platform: row.platform,
    platformUserId: row.platform_user_id,
    name: row.name,
    timezone: row.timezone,
    locale: row.locale,
  });
}

export const EVENT_COLUMNS = 'id, request_id, at, type, from_status, to_status, data';

export function eventFromRow(row: SqlRow, actor: Person | null): RequestEvent {
  return {
    id: Number(row.id),
    requestId: String(row.request_id),
    at: readDate(row.at),
    actor,
    type: requestEventTypeSchema.parse(row.type),
    fromStatus: row.from_status === null ? null : String(row.from_status),
    toStatus: String(row.to_status),
    data: eventDataSchema.parse(JSON.parse(String(row.data))),
  };
}
