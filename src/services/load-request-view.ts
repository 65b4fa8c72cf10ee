import type { RequestEvent, RequestView } from '../domain/request.js';
import { requestSla } from '../domain/request-sla.js';
import { AppError } from '../errors.js';
import { findPeople, findPerson } from '../store/people.js';
import { findRequest, listEvents } from '../store/requests.js';
import type { ActionResult } from './apply-request-action.js';
import type { ServiceDeps } from './service-deps.js';

type ViewDeps = Pick<ServiceDeps, 'store' | 'teams'>;

/** A request with everything its renderers need, its SLA as it stands at `now`. */
export async function loadRequestView(deps: ViewDeps, requestId: string, now: Date): Promise<RequestView> {
  return (await loadViewAndEvents(deps, requestId, now)).view;
}

/** The view, and the one event of the request a delivery is about (from the events the view read). */
export async function loadRequestViewAt(
  deps: ViewDeps,
  requestId: string,
  eventId: number,
  now: Date,
): Promise<{ view: RequestView; event: RequestEvent }> {
  const { view, events } = await loadViewAndEvents(deps, requestId, now);
  const event = events.find((candidate) => candidate.id === eventId);
  if (!event) throw new AppError('not_found', `event ${eventId} of ${view.request.ref} not found`);
  return { view, event };
}

async function loadViewAndEvents(
  deps: ViewDeps,
  requestId: string,
  now: Date,
): Promise<{ view: RequestView; events: RequestEvent[] }> {
  const { store } = deps;
  const request = await findRequest(store, requestId);
  if (!request) throw new AppError('not_found', `request ${requestId} not found`);
  const team = deps.teams.get(request.teamId);
  const people = await findPeople(
    store,
    request.assigneeId ? [request.requesterId, request.assigneeId] : [request.requesterId],
  );
  const requester = people.get(request.requesterId);
  if (!requester) throw new AppError('not_found', `requester of ${request.ref} not found`);
  const assignee = request.assigneeId ? (people.get(request.assigneeId) ?? null) : null;
  const events = await listEvents(store, request.id);
  return {
    view: { request, team, requester, assignee, sla: requestSla(team, request, events, now), now },
    events,
  };
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
