import type { ServiceRequest } from '../domain/request.js';
import type { LifecycleAction } from '../domain/request-lifecycle.js';
import { readDate, type Sql } from '../store/sql.js';

const MINUTE_MS = 60_000;

/**
 * Keeps the record of what the requester was told (gap 4): the acknowledge time promised at
 * filing is settled when the team acknowledges; a deferral's date is a new promise that the
 * resolution keeps or misses, and a later deferral "moves" it (a promise broken by the slip).
 */
export async function settlePromises(
  sql: Sql,
  before: ServiceRequest,
  after: ServiceRequest,
  action: LifecycleAction,
  now: Date,
): Promise<void> {
  if (!before.acknowledgedAt && after.acknowledgedAt) await settle(sql, after.id, 'acknowledge', now);
  if (action.type === 'defer') {
    await settle(sql, after.id, 'resolve_by', now, action.until);
    await sql.run(
      `INSERT INTO request_promises (request_id, team_id, kind, made_at, due_at) VALUES (?, ?, 'resolve_by', ?, ?)`,
      after.id,
      after.teamId,
      now,
      action.until,
    );
  }
  if (action.type === 'resolve') await settle(sql, after.id, 'resolve_by', now);
  if (action.type === 'cancel') {
    await sql.run(
      `UPDATE request_promises SET settled_at = ?, outcome = 'void' WHERE request_id = ? AND settled_at IS NULL`,
      now,
      after.id,
    );
  }
}

/** Settles the open promise of a kind: kept or missed at `now`, or moved to `movedTo`. */
async function settle(sql: Sql, requestId: string, kind: string, now: Date, movedTo?: Date): Promise<void> {
  const open = await sql.all<{ id: unknown; due_at: unknown }>(
    'SELECT id, due_at FROM request_promises WHERE request_id = ? AND kind = ? AND settled_at IS NULL',
    requestId,
    kind,
  );
  for (const promise of open) {
    const late = Math.max(0, (movedTo ?? now).getTime() - readDate(promise.due_at).getTime()) / MINUTE_MS;
    const outcome = movedTo ? (late > 0 ? 'moved' : 'kept') : late > 0 ? 'missed' : 'kept';
    await sql.run(
      'UPDATE request_promises SET settled_at = ?, outcome = ?, slip_minutes = ? WHERE id = ?',
      now,
      outcome,
      late,
      Number(promise.id),
    );
  }
}
