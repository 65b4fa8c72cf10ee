import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const acknowledgeRequestInputSchema = z.object({ requestId: z.string().min(1), actor: actorSchema });

/** Tells the requester the team has seen the request, without assigning it. */
export async function acknowledgeRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof acknowledgeRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(acknowledgeRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'acknowledge' },
    permission: 'team',
  });
}
