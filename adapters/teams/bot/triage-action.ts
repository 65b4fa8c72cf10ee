import { z } from 'zod';
import type { Actor } from '../../../src/domain/request.js';
import { type AppError, isAppError } from '../../../src/errors.js';
import type { ActionResult } from '../../../src/services/apply-request-action.js';
import { assignRequest } from '../../../src/services/assign-request.js';
import { deferRequest } from '../../../src/services/defer-request.js';
import { loadRequestView, viewAfterAction } from '../../../src/services/load-request-view.js';
import { resolveRequest } from '../../../src/services/resolve-request.js';
import type { ServiceDeps } from '../../../src/services/service-deps.js';
import { takeRequest } from '../../../src/services/take-request.js';
import { waitOnRequest } from '../../../src/services/wait-on-request.js';
import { triageCard } from '../cards/triage-card.js';
import { type TriageVerb, VERB } from '../ids.js';
import { teamMembers } from '../team-members.js';
import { cardResponse, messageResponse } from './invoke-responses.js';

const dataSchema = z.object({
  requestId: z.string().min(1),
  assignee: z.string().optional(),
  until: z.string().optional(),
  reason: z.string().optional(),
  waitingOn: z.enum(['resources', 'requester']).optional(),
  note: z.string().optional(),
  resolution: z.string().optional(),
});

function run(
  deps: ServiceDeps,
  verb: TriageVerb,
  data: z.infer<typeof dataSchema>,
  actor: Actor,
): Promise<ActionResult> {
  const base = { requestId: data.requestId, actor };
  switch (verb) {
    case VERB.take:
      return takeRequest(deps, base);
    case VERB.assign:
      return assignRequest(deps, { ...base, assignee: data.assignee ?? '' });
    case VERB.defer:
      return deferRequest(deps, { ...base, until: data.until ?? '', reason: data.reason ?? '' });
    case VERB.wait:
      return waitOnRequest(deps, { ...base, on: data.waitingOn ?? 'resources', note: data.note || null });
    case VERB.resolve:
      return resolveRequest(deps, { ...base, resolution: data.resolution ?? '' });
  }
}

/** Why an action did not happen, in words for the person who clicked. */
function refusal(error: AppError, holder: string | undefined): string {
  if (error.code === 'already_taken') return holder ? `${holder} already has this.` : error.userMessage;
  if (error.code === 'invalid_input') {
    const fields = (error.details.fields as Record<string, string> | undefined) ?? {};
    return Object.values(fields).join(' ') || error.userMessage;
  }
  return error.userMessage;
}

/**
 * A Take/Assign/Defer/Waiting on/Resolve click on a triage card. The service decides; the
 * answer is the card as it now stands (for the clicker at once — everyone else gets it from
 * the triage.sync job). Someone outside the team gets a message and nothing changes.
 */
export async function handleTriageAction(
  deps: ServiceDeps,
  verb: TriageVerb,
  rawData: unknown,
  actor: Actor,
): Promise<object> {
  const parsed = dataSchema.safeParse(rawData);
  if (!parsed.success) return messageResponse('That card is out of date. Please use the latest one.');
  const data = parsed.data;
  let refused: AppError | undefined;
  let result: ActionResult | undefined;
  try {
    result = await run(deps, verb, data, actor);
  } catch (error) {
    if (!isAppError(error) || error.code === 'config_invalid') throw error;
    if (error.code === 'not_authorized' || error.code === 'not_found')
      return messageResponse(error.userMessage);
    refused = error;
  }
  const now = deps.clock.now();
  const view = result
    ? await viewAfterAction(deps, result, now)
    : await loadRequestView(deps, data.requestId, now);
  const notice = refused ? refusal(refused, view.assignee?.name) : undefined;
  return cardResponse(triageCard(view, await teamMembers(deps, view.team), notice));
}
