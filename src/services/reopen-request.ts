import { z } from 'zod';
import { actorSchema } from '../domain/request.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const reopenRequestInputSchema = z.object({
  requestId: z.string().min(1),
  actor: actorSchema,
  /** Who reopens: the requester (directly or with the survey's "Not fixed"), or the team. */
  by: z.enum(['requester', 'team', 'survey']),
  reason: z.string().trim().max(1_000).nullish(),
});

/** Puts a resolved request back in the team's queue; the team and the requester are told. */
export async function reopenRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof reopenRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(reopenRequestInputSchema, rawInput);
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'reopen', reason: input.reason ?? null },
    permission: input.by === 'team' ? 'team' : 'requester',
    eventData: { by: input.by },
  });
}
