import type { ServiceRequest } from '../domain/request.js';
import type { LifecycleAction } from '../domain/request-lifecycle.js';
import type { DbOrTx } from '../store/database.js';

const MINUTE_MS = 60_000;

/**
 * Keeps the record of what the requester was told (gap 4): the acknowledge time promised at
 * filing is settled when the team acknowledges; a deferral's date is a new promise that the
 * resolution keeps or misses, and a later deferral "moves" it (a promise broken by the slip).
 */
export async function settlePromises(
  tx: DbOrTx,
  before: ServiceRequest,
  after: ServiceRequest,
  action: LifecycleAction,
  now: Date,
): Promise<void> {
  if (!before.acknowledgedAt && after.acknowledgedAt) await settle(tx, after.id, 'acknowledge', now);
  if (action.type === 'defer') {
    await settle(tx, after.id, 'resolve_by', now, action.until);
    await tx.requestPromise.create({
      data: {
        requestId: after.id,
        teamId: after.teamId,
        kind: 'resolve_by',
        madeAt: now,
        dueAt: action.until,
      },
    });
  }
  if (action.type === 'resolve') await settle(tx, after.id, 'resolve_by', now);
  if (action.type === 'cancel') {
    await tx.requestPromise.updateMany({
      where: { requestId: after.id, settledAt: null },
      data: { settledAt: now, outcome: 'void' },
    });
  }
}

/** Settles the open promise of a kind: kept or missed at `now`, or moved to `movedTo`. */
async function settle(tx: DbOrTx, requestId: string, kind: string, now: Date, movedTo?: Date): Promise<void> {
  const open = await tx.requestPromise.findMany({ where: { requestId, kind, settledAt: null } });
  for (const promise of open) {
    const late = Math.max(0, (movedTo ?? now).getTime() - promise.dueAt.getTime()) / MINUTE_MS;
    const outcome = movedTo ? (late > 0 ? 'moved' : 'kept') : late > 0 ? 'missed' : 'kept';
    await tx.requestPromise.update({
      where: { id: promise.id },
      data: { settledAt: now, outcome, slipMinutes: late },
    });
  }
}
