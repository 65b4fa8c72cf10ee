import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const startRequestInputSchema = z.object({ requestId: z.string().min(1), actor: actorSchema });

/** Marks work as under way (also ends a wait or a deferral). */
export async function startRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof startRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(startRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'start' },
    permission: 'team',
  });
}
