import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const resolveRequestInputSchema = z.object({
  requestId: z.string().min(1),
  actor: actorSchema,
  resolution: z
    .string()
    .trim()
    .min(3, 'Say what was done (at least 3 characters).')
    .max(2_000, 'Keep it under 2,000 characters.'),
});

/** Resolves the request with a note the requester will read; this schedules the follow-up survey. */
export async function resolveRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof resolveRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(resolveRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'resolve', resolution: input.resolution },
    permission: 'team',
  });
}
