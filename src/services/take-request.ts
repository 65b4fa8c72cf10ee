import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const takeRequestInputSchema = z.object({ requestId: z.string().min(1), actor: actorSchema });

/** Assigns the request to the team member who clicked, acknowledging it. A repeat by the same person changes nothing; anyone else is told who has it. */
export async function takeRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof takeRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(takeRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'take' },
    permission: 'team',
  });
}
