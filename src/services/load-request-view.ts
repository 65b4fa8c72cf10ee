import type { RequestEvent, RequestView } from '../domain/request.js';
import { requestSla } from '../domain/request-sla.js';
import { AppError } from '../errors.js';
import { findPerson } from '../store/people.js';
import { findEvent, findRequest, listEvents } from '../store/requests.js';
import type { ServiceDeps } from './service-deps.js';

type ViewDeps = Pick<ServiceDeps, 'sql' | 'teams'>;

/** A request with everything its renderers need, its SLA as it stands at `now`. */
export async function loadRequestView(deps: ViewDeps, requestId: string, now: Date): Promise<RequestView> {
  const { sql } = deps.sql;
  const request = await findRequest(sql, requestId);
  if (!request) throw new AppError('not_found', `request ${requestId} not found`);
  const team = deps.teams.get(request.teamId);
  const requester = await findPerson(sql, request.requesterId);
  if (!requester) throw new AppError('not_found', `requester of ${request.ref} not found`);
  const assignee = request.assigneeId ? await findPerson(sql, request.assigneeId) : null;
  const events = await listEvents(sql, request.id);
  return { request, team, requester, assignee, sla: requestSla(team, request, events, now), now };
}

export async function loadRequestEvent(
  deps: Pick<ServiceDeps, 'sql'>,
  eventId: number,
): Promise<RequestEvent> {
  const event = await findEvent(deps.sql.sql, eventId);
  if (!event) throw new AppError('not_found', `event ${eventId} not found`);
  return event;
}
