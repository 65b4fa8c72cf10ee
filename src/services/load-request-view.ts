import type { RequestEvent, RequestView } from '../domain/request.js';
import { requestSla } from '../domain/request-sla.js';
import { AppError } from '../errors.js';
import { findPerson } from '../store/people.js';
import { findEvent, findRequest, listEvents } from '../store/requests.js';
import type { ActionResult } from './apply-request-action.js';
import type { ServiceDeps } from './service-deps.js';

type ViewDeps = Pick<ServiceDeps, 'store' | 'teams'>;

/** A request with everything its renderers need, its SLA as it stands at `now`. */
export async function loadRequestView(deps: ViewDeps, requestId: string, now: Date): Promise<RequestView> {
  const { store } = deps;
  const request = await findRequest(store, requestId);
  if (!request) throw new AppError('not_found', `request ${requestId} not found`);
  const team = deps.teams.get(request.teamId);
  const requester = await findPerson(store, request.requesterId);
  if (!requester) throw new AppError('not_found', `requester of ${request.ref} not found`);
  const assignee = request.assigneeId ? await findPerson(store, request.assigneeId) : null;
  const events = await listEvents(store, request.id);
  return { request, team, requester, assignee, sla: requestSla(team, request, events, now), now };
}

/**
 * The view right after an action, as the action left the request: from what its transaction
 * read (the request, its events, the actor), reading only the people it did not. A repeat
 * click read nothing of that, so its view is loaded as usual.
 */
export async function viewAfterAction(deps: ViewDeps, result: ActionResult, now: Date): Promise<RequestView> {
  if (!result.seen) return loadRequestView(deps, result.request.id, now);
  const { request } = result;
  const { events, actor } = result.seen;
  const team = deps.teams.get(request.teamId);
  const person = (id: string) => (id === actor.id ? Promise.resolve(actor) : findPerson(deps.store, id));
  const requester = await person(request.requesterId);
  if (!requester) throw new AppError('not_found', `requester of ${request.ref} not found`);
  const assignee = request.assigneeId ? await person(request.assigneeId) : null;
  return { request, team, requester, assignee, sla: requestSla(team, request, events, now), now };
}

export async function loadRequestEvent(
  deps: Pick<ServiceDeps, 'store'>,
  eventId: number,
): Promise<RequestEvent> {
  const event = await findEvent(deps.store, eventId);
  if (!event) throw new AppError('not_found', `event ${eventId} not found`);
  return event;
}
