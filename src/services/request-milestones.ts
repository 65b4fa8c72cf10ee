import type { EventData, ServiceRequest } from '../domain/request.js';
import type { LifecycleAction } from '../domain/request-lifecycle.js';

/** What an action's event records beside its type (the note, the date, the reason…). */
export function eventDataFor(action: LifecycleAction, assigneeId?: string): EventData {
  switch (action.type) {
    case 'assign':
      return { assigneeId };
    case 'wait':
      return { on: action.on, ...(action.note ? { note: action.note } : {}) };
    case 'defer':
      return { until: action.until.toISOString(), reason: action.reason };
    case 'resolve':
      return { resolution: action.resolution };
    case 'reopen':
    case 'cancel':
      return action.reason ? { reason: action.reason } : {};
    default:
      return {};
  }
}

/** The columns an action may change, beside status and version. */
export type RequestPatch = Pick<
  ServiceRequest,
  'status' | 'assigneeId' | 'waitingOn' | 'acknowledgedAt' | 'resolvedAt'
> &
  Partial<
    Pick<
      ServiceRequest,
      | 'waitingNote'
      | 'deferredUntil'
      | 'deferReason'
      | 'startedAt'
      | 'resolution'
      | 'closedAt'
      | 'cancelledAt'
      | 'reopenCount'
    >
  > & {
    ackMinutes?: number;
    ackWithinSla?: boolean;
    resolveMinutes?: number | null;
    resolveWithinSla?: boolean | null;
    slaAckDueAt?: Date | null;
    slaResolveDueAt?: Date | null;
  };

/** Milestone timestamps and fields that follow from an action. */
export function milestonePatch(
  request: ServiceRequest,
  action: LifecycleAction,
  next: {
    status: ServiceRequest['status'];
    assigneeId: string | null;
    waitingOn: ServiceRequest['waitingOn'];
  },
  now: Date,
): RequestPatch {
  const patch: RequestPatch = {
    status: next.status,
    assigneeId: next.assigneeId,
    waitingOn: next.waitingOn,
    acknowledgedAt: request.acknowledgedAt,
    resolvedAt: request.resolvedAt,
  };
  const acknowledges = !['open', 'cancelled'].includes(next.status);
  if (!request.acknowledgedAt && acknowledges) patch.acknowledgedAt = now;
  if (next.status !== 'waiting') patch.waitingNote = null;
  if (next.status !== 'deferred') {
    patch.deferredUntil = null;
    patch.deferReason = null;
  }
  switch (action.type) {
    case 'start':
      patch.startedAt = request.startedAt ?? now;
      break;
    case 'wait':
      patch.waitingNote = action.note;
      break;
    case 'defer':
      patch.deferredUntil = action.until;
      patch.deferReason = action.reason;
      break;
    case 'resolve':
      patch.resolvedAt = now;
      patch.resolution = action.resolution;
      break;
    case 'reopen':
      patch.resolvedAt = null;
      patch.closedAt = null;
      patch.resolveMinutes = null;
      patch.resolveWithinSla = null;
      patch.reopenCount = request.reopenCount + 1;
      break;
    case 'cancel':
      patch.cancelledAt = now;
      break;
    case 'close':
      patch.closedAt = now;
      break;
  }
  return patch;
}
