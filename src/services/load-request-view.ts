import type { RequestEvent, RequestView } from '../domain/request.js';
import { requestSla } from '../domain/request-sla.js';
import { AppError } from '../errors.js';
import type { Db } from '../store/database.js';
import { toEvent, toPerson, toRequest } from '../store/rows.js';
import type { TeamDirectory } from './service-deps.js';

/** A request with everything its renderers need, its SLA as it stands at `now`. */
export async function loadRequestView(
  db: Db,
  teams: TeamDirectory,
  requestId: string,
  now: Date,
): Promise<RequestView> {
  const row = await db.request.findUnique({
    where: { id: requestId },
    include: { requester: true, assignee: true, events: { orderBy: { id: 'asc' } } },
  });
  if (!row) throw new AppError('not_found', `request ${requestId} not found`);
  const team = teams.get(row.teamId);
  const request = toRequest(row);
  const events = row.events.map((event) => toEvent({ ...event, actor: null }));
  return {
    request,
    team,
    requester: toPerson(row.requester),
    assignee: row.assignee ? toPerson(row.assignee) : null,
    sla: requestSla(team, request, events, now),
    now,
  };
}

export async function loadRequestEvent(db: Db, eventId: number): Promise<RequestEvent> {
  const row = await db.requestEvent.findUnique({ where: { id: eventId }, include: { actor: true } });
  if (!row) throw new AppError('not_found', `event ${eventId} not found`);
  return toEvent(row);
}
