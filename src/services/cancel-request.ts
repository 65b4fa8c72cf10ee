import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const cancelRequestInputSchema = z.object({
  requestId: z.string().min(1),
  actor: actorSchema,
  reason: z.string().trim().max(500).nullish(),
});

/** The requester withdraws their request. */
export async function cancelRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof cancelRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(cancelRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'cancel', reason: input.reason ?? null },
    permission: 'requester',
  });
}
