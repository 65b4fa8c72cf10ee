import { z } from 'zod';
import { calendarForTeam } from '../domain/business-calendar.js';
import { endOfWorkingDayOn } from '../domain/needed-by.js';
import { actorSchema } from '../domain/request.js';
import { isAppError } from '../errors.js';
import { findRequest } from '../store/requests.js';
import { type ActionResult, applyRequestAction } from './apply-request-action.js';
import { invalidFields, parseInput } from './parse-input.js';
import type { ServiceDeps } from './service-deps.js';

export const deferRequestInputSchema = z.object({
  requestId: z.string().min(1),
  actor: actorSchema,
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick the date you will get to it.'),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why, so the requester knows (at least 3 characters).')
    .max(500, 'Keep it under 500 characters.'),
});

/**
 * Says "yes, by this date" instead of a silent queue (Hoots): the request waits until the end
 * of the team's working day on `until`, and the requester is told the date and the reason.
 */
export async function deferRequest(
  deps: ServiceDeps,
  rawInput: z.input<typeof deferRequestInputSchema>,
): Promise<ActionResult> {
  const input = parseInput(deferRequestInputSchema, rawInput);
  const request = await findRequest(deps.store, input.requestId);
  const team = deps.teams.get(request?.teamId ?? '');
  let until: Date;
  try {
    until = endOfWorkingDayOn(calendarForTeam(team), input.until, deps.clock.now());
  } catch (error) {
    if (isAppError(error, 'invalid_input')) invalidFields({ until: error.userMessage });
    throw error;
  }
  return applyRequestAction(deps, {
    requestId: input.requestId,
    actor: input.actor,
    action: { type: 'defer', until, reason: input.reason },
    permission: 'team',
  });
}
