import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { waitingOnSchema } from '../domain/request-lifecycle.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const waitOnRequestInputSchema = z
  .object({
    requestId: z.string().min(1),
    actor: actorSchema,
    on: waitingOnSchema,
    note: z.string().trim().max(1_000, 'Keep the note under 1,000 characters.').nullish(),
  })
  .refine((input) => input.on !== 'requester' || Boolean(input.note), {
    message: 'Say what you need from the requester.',
    path: ['note'],
  });

/** Puts the request on hold, waiting on resources (parts, access, budget) or on the requester. Waiting on the requester stops the SLA clocks. */
export async function waitOnRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof waitOnRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(waitOnRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'wait', on: input.on, note: input.note ?? null },
    permission: 'team',
  });
}
