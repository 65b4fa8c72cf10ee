import { type BusinessCalendar, calendarForTeam } from './business-calendar.js';
import type { RequestEvent, ServiceRequest } from './request.js';
import { computeSla, type SlaPause, type SlaStatus } from './sla-clock.js';
import type { Team } from './team.js';

type PauseEvent = Pick<RequestEvent, 'at' | 'toStatus' | 'data'>;

/** Waiting on the requester stops the SLA clocks; these are those stretches, from the event log. */
export function pausesFromEvents(events: readonly PauseEvent[]): SlaPause[] {
  const pauses: SlaPause[] = [];
  let open: Date | null = null;
  for (const event of events) {
    const waitingOnRequester = event.toStatus === 'waiting' && event.data.on === 'requester';
    if (waitingOnRequester && open === null) open = event.at;
    else if (!waitingOnRequester && open !== null) {
      pauses.push({ from: open, to: event.at });
      open = null;
    }
  }
  if (open !== null) pauses.push({ from: open, to: null });
  return pauses;
}

export function requestSla(
  team: Team,
  request: Pick<ServiceRequest, 'priority' | 'filedAt' | 'acknowledgedAt' | 'resolvedAt'>,
  events: readonly PauseEvent[],
  now: Date,
  calendar: BusinessCalendar = calendarForTeam(team),
): SlaStatus {
  return computeSla(
    {
      calendar,
      targets: team.sla[request.priority],
      timeline: {
        filedAt: request.filedAt,
        acknowledgedAt: request.acknowledgedAt,
        resolvedAt: request.resolvedAt,
        pauses: pausesFromEvents(events),
      },
    },
    now,
  );
}
