import { z } from 'zod';
import { actorSchema, type ServiceRequest } from '../domain/request.js';
import { isActive } from '../domain/request-lifecycle.js';
import { requestSla } from '../domain/request-sla.js';
import { prioritySchema } from '../domain/team.js';
import { isTeamMember } from '../domain/team-access.js';
import { AppError } from '../errors.js';
import { type Store, transaction } from '../store/database.js';
import { upsertPerson } from '../store/people.js';
import { findRequest, insertEvent, listEvents, updateRequestAtVersion } from '../store/requests.js';
import { parseInput } from './parse-input.js';
import { enqueueRequestEffects } from './request-effects.js';
import type { ServiceDeps } from './service-deps.js';

export const changePriorityInputSchema = z.object({
  requestId: z.string().min(1),
  actor: actorSchema,
  priority: prioritySchema,
});

/**
 * Triage's correction of the priority the requester's needed-by suggested. The SLA targets
 * follow the new priority from the filing time on.
 */
export async function changePriority(
  deps: ServiceDeps,
  rawInput: z.input<typeof changePriorityInputSchema>,
): Promise<{ request: ServiceRequest; changed: boolean }> {
  const input = parseInput(changePriorityInputSchema, rawInput);
  const result = await transaction(deps.store, async (tx) => {
    const now = deps.clock.now();
    const request = await findOrThrow(tx, input.requestId);
    const team = deps.teams.get(request.teamId);
    if (!isTeamMember(team, input.actor)) {
      throw new AppError('not_authorized', 'not a team member', `Only the ${team.name} team can do that.`);
    }
    if (request.priority === input.priority || !isActive(request.status)) return { request, changed: false };
    const actor = await upsertPerson(tx, input.actor);
    const eventId = await insertEvent(tx, {
      requestId: request.id,
      at: now,
      actorId: actor.id,
      type: 'priority_changed',
      fromStatus: request.status,
      toStatus: request.status,
      data: { priority: input.priority, previousPriority: request.priority },
    });
    const events = await listEvents(tx, request.id);
    const sla = requestSla(team, { ...request, priority: input.priority }, events, now);
    const updated = await updateRequestAtVersion(
      tx,
      request,
      { priority: input.priority, slaAckDueAt: sla.acknowledge.dueAt, slaResolveDueAt: sla.resolve.dueAt },
      now,
    );
    if (!updated)
      throw new AppError(
        'conflict',
        'changed concurrently',
        'Someone changed this at the same moment; try again.',
      );
    await enqueueRequestEffects(deps, tx, team, updated, { id: eventId, type: 'priority_changed' }, sla);
    return { request: updated, changed: true };
  });
  if (result.changed) deps.onEnqueued?.();
  return result;
}

async function findOrThrow(tx: Store, id: string): Promise<ServiceRequest> {
  const request = await findRequest(tx, id);
  if (!request) throw new AppError('not_found', `request ${id} not found`, 'That request no longer exists.');
  return request;
}
