import type { ServiceRequest } from '../domain/request.js';
import type { LifecycleAction } from '../domain/request-lifecycle.js';
import type { Store } from '../store/database.js';
import { addPromise, openPromises, settlePromise, voidOpenPromises } from '../store/request-promises.js';

const MINUTE_MS = 60_000;

/**
 * Keeps the record of what the requester was told (gap 4): the acknowledge time promised at
 * filing is settled when the team acknowledges; a deferral's date is a new promise that the
 * resolution keeps or misses, and a later deferral "moves" it (a promise broken by the slip).
 */
export async function settlePromises(
  store: Store,
  before: ServiceRequest,
  after: ServiceRequest,
  action: LifecycleAction,
  now: Date,
): Promise<void> {
  if (!before.acknowledgedAt && after.acknowledgedAt) await settle(store, after.id, 'acknowledge', now);
  if (action.type === 'defer') {
    await settle(store, after.id, 'resolve_by', now, action.until);
    await addPromise(store, {
      requestId: after.id,
      teamId: after.teamId,
      kind: 'resolve_by',
      madeAt: now,
      dueAt: action.until,
    });
  }
  if (action.type === 'resolve') await settle(store, after.id, 'resolve_by', now);
  if (action.type === 'cancel') await voidOpenPromises(store, after.id, now);
}

/** Settles the open promise of a kind: kept or missed at `now`, or moved to `movedTo`. */
async function settle(
  store: Store,
  requestId: string,
  kind: string,
  now: Date,
  movedTo?: Date,
): Promise<void> {
  for (const promise of await openPromises(store, requestId, kind)) {
    const late = Math.max(0, (movedTo ?? now).getTime() - promise.dueAt.getTime()) / MINUTE_MS;
    const outcome = movedTo ? (late > 0 ? 'moved' : 'kept') : late > 0 ? 'missed' : 'kept';
    await settlePromise(store, promise.id, { at: now, outcome, slipMinutes: late });
  }
}
