import type { Actor, ServiceRequest } from '../domain/request.js';
import { ACTIVE_STATUSES } from '../domain/request-lifecycle.js';
import { findPlatformPerson } from '../store/people.js';
import { findRequest, findRequestByReference, listRequestsOf, listTeamRequests } from '../store/requests.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * "My requests": the requester's open ones, then those closed in the last 30 days, newest
 * first — so status is visible without asking anyone.
 */
export async function listMyRequests(
  deps: ServiceDeps,
  requester: Pick<Actor, 'platform' | 'userId'>,
  options: { recentDays?: number; limit?: number } = {},
): Promise<{ open: ServiceRequest[]; recent: ServiceRequest[] }> {
  const person = await findPlatformPerson(deps.store, requester.platform, requester.userId);
  if (!person) return { open: [], recent: [] };
  const since = new Date(deps.clock.now().getTime() - (options.recentDays ?? 30) * 86_400_000);
  const requests = await listRequestsOf(deps.store, person.id, {
    activeStatuses: ACTIVE_STATUSES,
    since,
    limit: options.limit ?? 50,
  });
  return {
    open: requests.filter((r) => ACTIVE_STATUSES.includes(r.status)),
    recent: requests.filter((r) => !ACTIVE_STATUSES.includes(r.status)),
  };
}

/**
 * The team's queue: unacknowledged first (oldest first), then by the resolve due time, so the
 * request closest to breaching its SLA is on top.
 */
export async function listTeamQueue(
  deps: ServiceDeps,
  teamId: string,
  limit = 100,
): Promise<ServiceRequest[]> {
  const requests = await listTeamRequests(deps.store, teamId, ACTIVE_STATUSES, 1_000);
  const unacknowledged = requests.filter((r) => r.status === 'open');
  const rest = requests
    .filter((r) => r.status !== 'open')
    .sort((a, b) => (a.slaResolveDueAt?.getTime() ?? Infinity) - (b.slaResolveDueAt?.getTime() ?? Infinity));
  return [...unacknowledged, ...rest].slice(0, limit);
}

export async function findRequestByRef(deps: ServiceDeps, ref: string): Promise<ServiceRequest | null> {
  return findRequestByReference(deps.store, ref.toUpperCase());
}

export async function getRequest(deps: ServiceDeps, id: string): Promise<ServiceRequest | null> {
  return findRequest(deps.store, id);
}
