import { z } from 'zod';
import { AppError } from '../errors.js';

export const REQUEST_STATUSES = [
  'open',
  'acknowledged',
  'in_progress',
  'waiting',
  'deferred',
  'resolved',
  'closed',
  'cancelled',
] as const;
export const requestStatusSchema = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const waitingOnSchema = z.enum(['resources', 'requester']);
export type WaitingOn = z.infer<typeof waitingOnSchema>;

/** Statuses in which the team still owes the requester something. */
export const ACTIVE_STATUSES: readonly RequestStatus[] = [
  'open',
  'acknowledged',
  'in_progress',
  'waiting',
  'deferred',
];

export function isActive(status: RequestStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export type LifecycleAction =
  | { type: 'acknowledge' }
  | { type: 'take' }
  | { type: 'assign'; assigneeId: string }
  | { type: 'start' }
  | { type: 'wait'; on: WaitingOn; note: string | null }
  | { type: 'defer'; until: Date; reason: string }
  | { type: 'resolve'; resolution: string }
  | { type: 'reopen'; reason: string | null }
  | { type: 'cancel'; reason: string | null }
  | { type: 'close' };
export type LifecycleActionType = LifecycleAction['type'];

export type LifecycleState = {
  status: RequestStatus;
  assigneeId: string | null;
  waitingOn: WaitingOn | null;
};

/** Which statuses each action may start from; anything else is an impossible transition. */
const ALLOWED_FROM: Record<LifecycleActionType, readonly RequestStatus[]> = {
  acknowledge: ['open'],
  take: ACTIVE_STATUSES,
  assign: ACTIVE_STATUSES,
  start: ['open', 'acknowledged', 'waiting', 'deferred'],
  wait: ['open', 'acknowledged', 'in_progress', 'waiting', 'deferred'],
  defer: ['open', 'acknowledged', 'in_progress', 'waiting', 'deferred'],
  resolve: ACTIVE_STATUSES,
  reopen: ['resolved', 'closed'],
  cancel: ACTIVE_STATUSES,
  close: ['resolved'],
};

const STATUS_WORDS: Record<RequestStatus, string> = {
  open: 'open',
  acknowledged: 'acknowledged',
  in_progress: 'in progress',
  waiting: 'waiting',
  deferred: 'deferred',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
};

export type Transition = { changed: false } | { changed: true; next: LifecycleState };

/**
 * The one place that decides what an action does to a request. `actorId` is the person acting.
 * Returns `changed: false` for a repeat that has nothing left to do (a second Take by the same
 * person), so retries and double clicks are harmless; throws AppError for the impossible.
 */
export function transition(state: LifecycleState, action: LifecycleAction, actorId: string): Transition {
  // A second press of Cancel (a double submit, a retried request) has nothing left to do.
  if (action.type === 'cancel' && state.status === 'cancelled') return { changed: false };
  if (!ALLOWED_FROM[action.type].includes(state.status)) {
    throw new AppError(
      'invalid_transition',
      `cannot ${action.type} a request that is ${state.status}`,
      `This request is ${STATUS_WORDS[state.status]}, so it can't be ${pastTense(action.type)} now.`,
      { from: state.status, action: action.type },
    );
  }
  const acknowledgedStatus = (status: RequestStatus): RequestStatus =>
    status === 'open' ? 'acknowledged' : status;
  switch (action.type) {
    case 'acknowledge':
      return changed({ ...state, status: 'acknowledged' });
    case 'take':
      if (state.assigneeId === actorId) return { changed: false };
      if (state.assigneeId !== null) {
        throw new AppError(
          'already_taken',
          `already assigned to ${state.assigneeId}`,
          'Someone already has this.',
          {
            assigneeId: state.assigneeId,
          },
        );
      }
      return changed({ ...state, assigneeId: actorId, status: acknowledgedStatus(state.status) });
    case 'assign':
      if (state.assigneeId === action.assigneeId) return { changed: false };
      return changed({ ...state, assigneeId: action.assigneeId, status: acknowledgedStatus(state.status) });
    case 'start':
      return changed({ ...state, status: 'in_progress', waitingOn: null });
    case 'wait':
      return changed({ ...state, status: 'waiting', waitingOn: action.on });
    case 'defer':
      return changed({ ...state, status: 'deferred', waitingOn: null });
    case 'resolve':
      // Whoever resolves an unassigned request did the work: a reopen goes back to them.
      return changed({
        ...state,
        status: 'resolved',
        waitingOn: null,
        assigneeId: state.assigneeId ?? actorId,
      });
    case 'reopen':
      return changed({ ...state, status: state.assigneeId ? 'acknowledged' : 'open', waitingOn: null });
    case 'cancel':
      return changed({ ...state, status: 'cancelled', waitingOn: null });
    case 'close':
      return changed({ ...state, status: 'closed' });
  }
}

function changed(next: LifecycleState): Transition {
  return { changed: true, next };
}

function pastTense(action: LifecycleActionType): string {
  const words: Record<LifecycleActionType, string> = {
    acknowledge: 'acknowledged',
    take: 'taken',
    assign: 'assigned',
    start: 'started',
    wait: 'put on hold',
    defer: 'deferred',
    resolve: 'resolved',
    reopen: 'reopened',
    cancel: 'cancelled',
    close: 'closed',
  };
  return words[action];
}
