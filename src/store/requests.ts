import type { RequestEvent, ServiceRequest } from '../domain/request.js';
import { findPerson } from './people.js';
import { EVENT_COLUMNS, eventFromRow, REQUEST_COLUMNS, requestFromRow, type SqlRow } from './rows.js';
import type { Sql, SqlValue } from './sql.js';

/** The request columns a lifecycle action may write, by their domain names. */
const WRITABLE = {
  status: 'status',
  assigneeId: 'assignee_id',
  waitingOn: 'waiting_on',
  waitingNote: 'waiting_note',
  deferredUntil: 'deferred_until',
  deferReason: 'defer_reason',
  resolution: 'resolution',
  acknowledgedAt: 'acknowledged_at',
  startedAt: 'started_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  cancelledAt: 'cancelled_at',
  reopenCount: 'reopen_count',
  ackMinutes: 'ack_minutes',
  ackWithinSla: 'ack_within_sla',
  resolveMinutes: 'resolve_minutes',
  resolveWithinSla: 'resolve_within_sla',
  slaAckDueAt: 'sla_ack_due_at',
  slaResolveDueAt: 'sla_resolve_due_at',
} as const;

export type RequestChanges = { [Field in keyof typeof WRITABLE]?: SqlValue | undefined };

export async function findRequest(sql: Sql, id: string): Promise<ServiceRequest | null> {
  const row = await sql.get<SqlRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE id = ?`, id);
  return row ? requestFromRow(row) : null;
}

/**
 * Writes `changes` only if the request is still at the version it was read at (nobody changed
 * it since), and moves it to the next version. Returns the request as written; null when
 * someone else got there first. A change to the value the request already holds is not
 * written: SQLite rewrites the index entries of every column an UPDATE names, changed or not.
 */
export async function updateRequestAtVersion(
  sql: Sql,
  request: ServiceRequest,
  changes: RequestChanges,
  now: Date,
): Promise<ServiceRequest | null> {
  const fields = (Object.keys(changes) as Array<keyof RequestChanges>).filter((field) => {
    const value = changes[field];
    return value !== undefined && !holds(request, field, value);
  });
  const assignments = fields.map((field) => `${WRITABLE[field]} = ?`);
  const row = await sql.get<SqlRow>(
    `UPDATE requests SET ${[...assignments, 'version = version + 1', 'updated_at = ?'].join(', ')}
     WHERE id = ? AND version = ?
     RETURNING ${REQUEST_COLUMNS}`,
    ...fields.map((field) => changes[field] ?? null),
    now,
    request.id,
    request.version,
  );
  return row ? requestFromRow(row) : null;
}

/** Whether the request as read already holds `value` in `field` (false for columns it does not carry). */
function holds(request: ServiceRequest, field: keyof RequestChanges, value: SqlValue): boolean {
  if (!(field in request)) return false;
  const current: unknown = request[field as keyof ServiceRequest];
  if (current instanceof Date && value instanceof Date) return current.getTime() === value.getTime();
  return current === value;
}

export async function insertEvent(
  sql: Sql,
  event: {
    requestId: string;
    at: Date;
    actorId: string | null;
    type: string;
    fromStatus: string | null;
    toStatus: string;
    data: unknown;
  },
): Promise<number> {
  const row = await sql.get<{ id: unknown }>(
    `INSERT INTO request_events (request_id, at, actor_id, type, from_status, to_status, data)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    event.requestId,
    event.at,
    event.actorId,
    event.type,
    event.fromStatus,
    event.toStatus,
    JSON.stringify(event.data),
  );
  return Number(row?.id);
}

/** A request's history, oldest first, without the actors (what the SLA clock needs). */
export async function listEvents(sql: Sql, requestId: string): Promise<RequestEvent[]> {
  const rows = await sql.all<SqlRow>(
    `SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = ? ORDER BY id`,
    requestId,
  );
  return rows.map((row) => eventFromRow(row, null));
}

/** One event with who did it. */
export async function findEvent(sql: Sql, id: number): Promise<RequestEvent | null> {
  const row = await sql.get<SqlRow>(`SELECT ${EVENT_COLUMNS}, actor_id FROM request_events WHERE id = ?`, id);
  if (!row) return null;
  const actor = row.actor_id === null ? null : await findPerson(sql, String(row.actor_id));
  return eventFromRow(row, actor);
}
