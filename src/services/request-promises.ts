import type { ServiceRequest } from '../domain/request.js';
import type { LifecycleAction } from '../domain/request-lifecycle.js';
import { addPromise, openPromises, settlePromise, voidOpenPromises } from '../store/request-promises.js';
import type { Sql } from '../store/sql.js';

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
    await addPromise(sql, {
      requestId: after.id,
      teamId: after.teamId,
      kind: 'resolve_by',
      madeAt: now,
      dueAt: action.until,
    });
  }
  if (action.type === 'resolve') await settle(sql, after.id, 'resolve_by', now);
  if (action.type === 'cancel') await voidOpenPromises(sql, after.id, now);
}

/** Settles the open promise of a kind: kept or missed at `now`, or moved to `movedTo`. */
async function settle(sql: Sql, requestId: string, kind: string, now: Date, movedTo?: Date): Promise<void> {
  for (const promise of await openPromises(sql, requestId, kind)) {
    const late = Math.max(0, (movedTo ?? now).getTime() - promise.dueAt.getTime()) / MINUTE_MS;
    const outcome = movedTo ? (late > 0 ? 'moved' : 'kept') : late > 0 ? 'missed' : 'kept';
    await settlePromise(sql, promise.id, { at: now, outcome, slipMinutes: late });
  }
}
