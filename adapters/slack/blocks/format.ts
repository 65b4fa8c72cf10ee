import { localTime } from '../../../src/domain/local-time.js';
import type { NeededByChoice, ServiceRequest } from '../../../src/domain/request.js';
import type { RequestStatus } from '../../../src/domain/request-lifecycle.js';
import type { SlaClock } from '../../../src/domain/sla-clock.js';

export const NEEDED_BY_LABEL: Record<NeededByChoice, string> = {
  within_hour: 'Within the hour',
  today: 'Today',
  this_week: 'This week',
  no_rush: 'No rush',
  date: 'By a date (pick it below)',
};

export const STATUS_LABEL: Record<RequestStatus, string> = {
  open: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  waiting: 'Waiting',
  deferred: 'Deferred',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const STATUS_EMOJI: Record<RequestStatus, string> = {
  open: ':new:',
  acknowledged: ':eyes:',
  in_progress: ':hammer_and_wrench:',
  waiting: ':hourglass_flowing_sand:',
  deferred: ':calendar:',
  resolved: ':white_check_mark:',
  closed: ':lock:',
  cancelled: ':x:',
};

/** "Tue 24 Nov, 17:00" in the reader's (or team's) timezone. */
export function formatWhen(at: Date, zone: string): string {
  const local = localTime(at, zone);
  return `${local.weekday} ${local.day} ${local.month}, ${local.hour}:${local.minute}`;
}

/** "45 min", "3 h", "2 d": how long ago, for lists. */
export function formatAge(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** A target in business minutes as people say it: "15 min", "1 h", "1 h 30 min". */
export function formatTarget(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function neededByText(request: ServiceRequest, zone: string): string {
  if (request.neededByChoice === 'no_rush' || !request.neededBy) return 'No rush';
  const label = request.neededByChoice === 'date' ? 'By' : NEEDED_BY_LABEL[request.neededByChoice];
  return `${label} (${formatWhen(request.neededBy, zone)})`;
}

/** One SLA clock as a line: met, breached, paused, or due at a time. */
export function slaText(clock: SlaClock, zone: string): string {
  switch (clock.state) {
    case 'met':
      return `met (${formatTarget(clock.elapsedMinutes)})`;
    case 'breached':
      return clock.dueAt ? `:rotating_light: missed (was due ${formatWhen(clock.dueAt, zone)})` : 'missed';
    case 'paused':
      return 'paused (waiting on the requester)';
    case 'running':
      return clock.dueAt ? `due ${formatWhen(clock.dueAt, zone)}` : 'running';
  }
}
