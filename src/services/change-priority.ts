import { z } from 'zod';
import { actorSchema, type ServiceRequest } from '../domain/request.js';
import { isActive } from '../domain/request-lifecycle.js';
import { requestSla } from '../domain/request-sla.js';
import { prioritySchema } from '../domain/team.js';
import { isTeamMember } from '../domain/team-access.js';
import { AppError } from '../errors.js';
import { upsertPerson } from '../store/people.js';
import { toEvent, toRequest } from '../store/rows.js';
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
  const result = await deps.db.$transaction(async (tx) => {
    const now = deps.clock.now();
    const request = toRequest(await findOrThrow(tx, input.requestId));
    const team = deps.teams.get(request.teamId);
    if (!isTeamMember(team, input.actor)) {
      throw new AppError('not_authorized', 'not a team member', `Only the ${team.name} team can do that.`);
    }
    if (request.priority === input.priority || !isActive(request.status)) return { request, changed: false };
    const actor = await upsertPerson(deps.sql.over(tx), input.actor);
    const data = { priority: input.priority, previousPriority: request.priority };
    const event = await tx.requestEvent.create({
      data: {
        requestId: request.id,
        at: now,
        actorId: actor.id,
        type: 'priority_changed',
        fromStatus: request.status,
        toStatus: request.status,
        data: JSON.stringify(data),
      },
    });
    const events = (
      await tx.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { id: 'asc' } })
    ).map((e) => toEvent({ ...e, actor: null }));
    const sla = requestSla(team, { ...request, priority: input.priority }, events, now);
    const written = await tx.request.updateMany({
      where: { id: request.id, version: request.version },
      data: {
        priority: input.priority,
        slaAckDueAt: sla.acknowledge.dueAt,
        slaResolveDueAt: sla.resolve.dueAt,
        version: { increment: 1 },
      },
    });
    if (written.count === 0)
      throw new AppError(
        'conflict',
        'changed concurrently',
        'Someone changed this at the same moment; try again.',
      );
    const updated = toRequest(await findOrThrow(tx, request.id));
    await enqueueRequestEffects(deps, tx, team, updated, { id: event.id, type: 'priority_changed' }, sla);
    return { request: updated, changed: true };
  });
  if (result.changed) deps.onEnqueued?.();
  return result;
}

async function findOrThrow(tx: Parameters<Parameters<ServiceDeps['db']['$transaction']>[0]>[0], id: string) {
  const row = await tx.request.findUnique({ where: { id } });
  if (!row) throw new AppError('not_found', `request ${id} not found`, 'That request no longer exists.');
  return row;
}
