import {
  eventDataSchema,
  neededByChoiceSchema,
  type Person,
  personSchema,
  platformSchema,
  type RequestEvent,
  requestEventTypeSchema,
  type ServiceRequest,
  serviceRequestSchema,
  sourceEntrySchema,
} from '../domain/request.js';
import { requestStatusSchema, waitingOnSchema } from '../domain/request-lifecycle.js';
import { prioritySchema } from '../domain/team.js';
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

/**
 * Rows are checked, not cast: a status the domain does not know, or a column of the wrong type,
 * fails loudly here, naming the column. By hand rather than through the zod schemas (whose
 * types these are): every click reads a request, its events and people, and parsing those
 * with zod was about a twentieth of a click's time on a cold process.
 */
export function requestFromRow(row: SqlRow): ServiceRequest {
  const c = new Columns(row, 'requests');
  return {
    id: c.text('id'),
    ref: c.text('ref'),
    teamId: c.text('team_id'),
    requesterId: c.text('requester_id'),
    category: c.text('category'),
    location: c.optionalText('location'),
    priority: c.oneOf('priority', PRIORITIES),
    description: c.text('description'),
    neededByChoice: c.oneOf('needed_by_choice', NEEDED_BY_CHOICES),
    neededBy: c.optionalDate('needed_by'),
    status: c.oneOf('status', STATUSES),
    waitingOn: c.optionalOneOf('waiting_on', WAITING_ON),
    waitingNote: c.optionalText('waiting_note'),
    assigneeId: c.optionalText('assignee_id'),
    deferredUntil: c.optionalDate('deferred_until'),
    deferReason: c.optionalText('defer_reason'),
    resolution: c.optionalText('resolution'),
    sourcePlatform: c.oneOf('source_platform', PLATFORM_NAMES),
    sourceEntry: c.oneOf('source_entry', SOURCE_ENTRIES),
    sourcePermalink: c.optionalText('source_permalink'),
    filedAt: c.date('filed_at'),
    acknowledgedAt: c.optionalDate('acknowledged_at'),
    startedAt: c.optionalDate('started_at'),
    resolvedAt: c.optionalDate('resolved_at'),
    closedAt: c.optionalDate('closed_at'),
    cancelledAt: c.optionalDate('cancelled_at'),
    reopenCount: c.integer('reopen_count'),
    slaAckDueAt: c.optionalDate('sla_ack_due_at'),
    slaResolveDueAt: c.optionalDate('sla_resolve_due_at'),
    neededByTighter: readOptionalBoolean(row.needed_by_tighter) ?? false,
    version: c.integer('version'),
  };
}

export const PERSON_COLUMNS = 'id, platform, platform_user_id, name, timezone, locale';

export function personFromRow(row: SqlRow): Person {
  const c = new Columns(row, 'people');
  return {
    id: c.text('id'),
    platform: c.oneOf('platform', PLATFORM_NAMES),
    platformUserId: c.text('platform_user_id'),
    name: c.text('name'),
    timezone: c.optionalText('timezone'),
    locale: c.optionalText('locale'),
  };
}

export const EVENT_COLUMNS = 'id, request_id, at, type, from_status, to_status, data';

export function eventFromRow(row: SqlRow, actor: Person | null): RequestEvent {
  const c = new Columns(row, 'request_events');
  return {
    id: c.integer('id'),
    requestId: c.text('request_id'),
    at: c.date('at'),
    actor,
    type: c.oneOf('type', EVENT_TYPES),
    fromStatus: c.optionalText('from_status'),
    toStatus: c.text('to_status'),
    data: eventDataSchema.parse(JSON.parse(c.text('data'))),
  };
}

const PRIORITIES = new Set(prioritySchema.options);
const NEEDED_BY_CHOICES = new Set(neededByChoiceSchema.options);
const STATUSES = new Set(requestStatusSchema.options);
const WAITING_ON = new Set(waitingOnSchema.options);
const PLATFORM_NAMES = new Set(platformSchema.options);
const SOURCE_ENTRIES = new Set(sourceEntrySchema.options);
const EVENT_TYPES = new Set(requestEventTypeSchema.options);

/** One row's columns, each read as the type the domain expects or an error naming it. */
class Columns {
  constructor(
    private readonly row: SqlRow,
    private readonly table: string,
  ) {}

  text(column: string): string {
    const value = this.row[column];
    if (typeof value !== 'string') throw this.unexpected(column, 'text');
    return value;
  }

  optionalText(column: string): string | null {
    return this.row[column] === null ? null : this.text(column);
  }

  integer(column: string): number {
    const value = Number(this.row[column]);
    if (!Number.isInteger(value)) throw this.unexpected(column, 'an integer');
    return value;
  }

  date(column: string): Date {
    return readDate(this.row[column]);
  }

  optionalDate(column: string): Date | null {
    return readOptionalDate(this.row[column]);
  }

  oneOf<Value extends string>(column: string, allowed: ReadonlySet<Value>): Value {
    const value = this.row[column];
    if (!allowed.has(value as Value)) throw this.unexpected(column, `one of ${[...allowed].join(', ')}`);
    return value as Value;
  }

  optionalOneOf<Value extends string>(column: string, allowed: ReadonlySet<Value>): Value | null {
    return this.row[column] === null ? null : this.oneOf(column, allowed);
  }

  private unexpected(column: string, expected: string): Error {
    return new Error(`${this.table}.${column} holds ${JSON.stringify(this.row[column])}, not ${expected}`);
  }
}
