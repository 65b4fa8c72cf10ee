import type {
  Actor,
  EventData,
  Person,
  RequestEvent,
  RequestEventType,
  ServiceRequest,
} from '../domain/request.js';
import { type LifecycleAction, transition } from '../domain/request-lifecycle.js';
import { requestSla } from '../domain/request-sla.js';
import type { Team } from '../domain/team.js';
import { isTeamMember } from '../domain/team-access.js';
import { AppError } from '../errors.js';
import { type Store, transaction } from '../store/database.js';
import { findPerson, upsertPerson } from '../store/people.js';
import { findRequest, insertEvent, listEvents, updateRequestAtVersion } from '../store/requests.js';
import { enqueueRequestEffects } from './request-effects.js';
import { eventDataFor, milestonePatch } from './request-milestones.js';
import { settlePromises } from './request-promises.js';
import type { ServiceDeps } from './service-deps.js';

export type Permission = 'team' | 'requester';

export type ActionResult = {
  request: ServiceRequest;
  /** False when the action had already been done (a repeat click): nothing was written or sent. */
  changed: boolean;
  /**
   * When it changed: the request's events and the actor as the transaction read them, so a
   * view of the outcome (a Teams card answering the click) needs no second read of them.
   */
  seen?: { events: RequestEvent[]; actor: Person };
};

const EVENT_OF: Record<LifecycleAction['type'], RequestEventType> = {
  acknowledge: 'acknowledged',
  take: 'taken',
  assign: 'assigned',
  start: 'started',
  wait: 'waiting',
  defer: 'deferred',
  resolve: 'resolved',
  reopen: 'reopened',
  cancel: 'cancelled',
  close: 'closed',
};

/**
 * The one path by which a request changes status: authorise, let the domain decide, then write
 * the request (guarded by its version), its event, its promises and the jobs that tell people,
 * all in one transaction. A concurrent change
 * makes the version guard fail; we retry once on fresh data, so two simultaneous Takes end with
 * one owner and one clear refusal.
 */
export async function applyRequestAction(
  deps: ServiceDeps,
  input: {
    requestId: string;
    actor: Actor;
    action: LifecycleAction;
    permission: Permission;
    eventData?: EventData;
  },
): Promise<ActionResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await transaction(deps.store, (tx) => applyOnce(deps, tx, input));
      if (result.changed) deps.onEnqueued?.();
      return result;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict') || attempt >= 3) throw error;
    }
  }
}

async function applyOnce(
  deps: ServiceDeps,
  tx: Store,
  input: Parameters<typeof applyRequestAction>[1],
): Promise<ActionResult> {
  const now = deps.clock.now();
  const request = await findRequest(tx, input.requestId);
  if (!request)
    throw new AppError('not_found', `request ${input.requestId} not found`, 'That request no longer exists.');
  const team = deps.teams.get(request.teamId);
  const actor = await upsertPerson(tx, input.actor);
  authorise(team, request, input.actor, actor.id, input.permission);

  let assigneeId: string | undefined;
  let action = input.action;
  if (action.type === 'assign') {
    // Adapters name the assignee by platform user id; the domain works with person ids.
    assigneeId = (await upsertPerson(tx, { platform: input.actor.platform, userId: action.assigneeId })).id;
    action = { ...action, assigneeId };
  }
  const outcome = await transitionNamingAssignee(tx, request, action, actor.id);
  if (!outcome.changed) return { request, changed: false };

  const eventType = EVENT_OF[action.type];
  const data: EventData = { ...eventDataFor(action, assigneeId), ...input.eventData };
  const eventId = await insertEvent(tx, {
    requestId: request.id,
    at: now,
    actorId: actor.id,
    type: eventType,
    fromStatus: request.status,
    toStatus: outcome.next.status,
    data,
  });
  const patch = milestonePatch(request, action, outcome.next, now);
  const events = await listEvents(tx, request.id);
  const sla = requestSla(
    team,
    { ...request, acknowledgedAt: patch.acknowledgedAt, resolvedAt: patch.resolvedAt },
    events,
    now,
  );
  if (!request.acknowledgedAt && patch.acknowledgedAt) {
    patch.ackMinutes = sla.acknowledge.elapsedMinutes;
    patch.ackWithinSla = !sla.acknowledge.breached;
  }
  if (action.type === 'resolve') {
    patch.resolveMinutes = sla.resolve.elapsedMinutes;
    patch.resolveWithinSla = !sla.resolve.breached;
  }
  patch.slaAckDueAt = sla.acknowledge.dueAt;
  patch.slaResolveDueAt = sla.resolve.dueAt;

  const updated = await updateRequestAtVersion(tx, request, patch, now);
  if (!updated) throw new AppError('conflict', `request ${request.ref} changed concurrently`);
  await settlePromises(tx, request, updated, action, now);
  await enqueueRequestEffects(deps, tx, team, updated, { id: eventId, type: eventType }, sla);
  return { request: updated, changed: true, seen: { events, actor } };
}

/** "Already taken" says by whom, in words every platform can show as they are. */
async function transitionNamingAssignee(
  tx: Store,
  request: ServiceRequest,
  action: LifecycleAction,
  actorId: string,
) {
  try {
    return transition(request, action, actorId);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'already_taken')) throw error;
    const assignee = await findPerson(tx, String(error.details.assigneeId));
    const name = assignee?.name ?? 'Someone else';
    throw new AppError('already_taken', error.message, `${name} already has ${request.ref}.`, {
      ...error.details,
      assigneeName: name,
    });
  }
}

function authorise(
  team: Team,
  request: ServiceRequest,
  actor: Actor,
  personId: string,
  permission: Permission,
): void {
  if (permission === 'team' && !isTeamMember(team, actor)) {
    throw new AppError(
      'not_authorized',
      `${actor.userId} is not in ${team.id}`,
      `Only the ${team.name} team can do that.`,
    );
  }
  if (permission === 'requester' && request.requesterId !== personId) {
    throw new AppError(
      'not_authorized',
      `${actor.userId} did not file ${request.ref}`,
      'Only the person who filed this request can do that.',
    );
  }
}
