import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const assignRequestInputSchema = z.object({
  requestId: z.string().min(1),
  actor: actorSchema,
  assignee: z.string().min(1, 'Pick someone to assign.'),
});

/** Assigns the request to a team member, named by their platform user id. */
export async function assignRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof assignRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(assignRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'assign', assigneeId: input.assignee },
    permission: 'team',
  });
}
