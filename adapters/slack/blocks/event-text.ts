import type { RequestEvent, RequestView } from '../../../src/domain/request.js';
import { priorityLabel } from '../../../src/domain/request.js';
import { formatTarget, formatWhen } from './format.js';
import { escapeMrkdwn, personLabel, userText } from './mrkdwn.js';

function actorName(event: RequestEvent): string {
  return event.actor ? personLabel(event.actor) : 'gapdesk';
}

function untilText(event: RequestEvent, zone: string): string {
  return event.data.until ? formatWhen(new Date(event.data.until), zone) : 'a later date';
}

/** One line of the card's thread: what happened and who did it (user text escaped). */
export function threadNote(view: RequestView, event: RequestEvent): string {
  const who = actorName(event);
  const zone = view.team.timezone;
  const assignee = view.assignee ? personLabel(view.assignee) : 'someone';
  switch (event.type) {
    case 'filed':
      return `${who} filed ${view.request.ref}.`;
    case 'acknowledged':
      return `${who} acknowledged it.`;
    case 'taken':
      return `${who} took it.`;
    case 'assigned':
      return `${who} assigned it to ${assignee}.`;
    case 'started':
      return `${who} started work.`;
    case 'waiting':
      return event.data.on === 'requester'
        ? `${who} is waiting on the requester: ${userText(event.data.note ?? '', 1_000)}`
        : `${who} is waiting on resources${event.data.note ? `: ${userText(event.data.note, 1_000)}` : '.'}`;
    case 'deferred':
      return `${who} deferred it to ${untilText(event, zone)}: ${userText(event.data.reason ?? '', 600)}`;
    case 'resolved':
      return `${who} resolved it: ${userText(event.data.resolution ?? '', 2_000)}`;
    case 'reopened':
      return `${who} reopened it${event.data.reason ? `: ${userText(event.data.reason, 1_000)}` : '.'}`;
    case 'cancelled':
      return `${who} cancelled it${event.data.reason ? `: ${userText(event.data.reason, 1_000)}` : '.'}`;
    case 'closed':
      return 'Closed.';
    case 'priority_changed':
      return `${who} changed the priority to ${event.data.priority ? priorityLabel(event.data.priority) : 'another level'}.`;
  }
}

/** The requester's DM about one event: what happened, in their timezone, without their asking. */
export function requesterText(view: RequestView, event: RequestEvent): string {
  const { request } = view;
  const zone = view.requester.timezone ?? view.team.timezone;
  const ref = `*${request.ref}*`;
  const who = actorName(event);
  const assignee = view.assignee ? personLabel(view.assignee) : 'someone on the team';
  switch (event.type) {
    case 'filed':
      return filedText(view, zone);
    case 'acknowledged':
      return `${ref}: ${who} from ${escapeMrkdwn(view.team.name)} has seen your request.`;
    case 'taken':
      return `${ref}: ${who} is taking care of your request.`;
    case 'assigned':
      return `${ref}: your request is now with ${assignee}.`;
    case 'started':
      return `${ref}: ${who} has started work on your request.`;
    case 'waiting':
      return event.data.on === 'requester'
        ? `${ref}: ${who} needs something from you: ${userText(event.data.note ?? '', 1_000)}`
        : `${ref}: waiting on resources${event.data.note ? ` (${userText(event.data.note, 1_000)})` : ''}. We will tell you when it moves.`;
    case 'deferred':
      return `${ref}: ${who} will get to it by ${untilText(event, zone)}. Why: ${userText(event.data.reason ?? '', 600)}`;
    case 'resolved':
      return `${ref} is resolved: ${userText(event.data.resolution ?? '', 2_000)}`;
    case 'reopened':
      return `${ref} is reopened and back in the ${escapeMrkdwn(view.team.name)} queue.`;
    case 'cancelled':
      return `${ref} was cancelled${event.data.reason ? `: ${userText(event.data.reason, 1_000)}` : '.'}`;
    case 'closed':
      return `${ref} is closed.`;
    case 'priority_changed':
      return `${ref}: priority is now ${priorityLabel(request.priority)}.`;
  }
}

function filedText(view: RequestView, zone: string): string {
  const { request, sla } = view;
  const target = sla.acknowledge.dueAt
    ? `We aim to acknowledge by ${formatWhen(sla.acknowledge.dueAt, zone)} (within ${formatTarget(sla.acknowledge.targetMinutes)}).`
    : '';
  const where = request.location ? ` at ${escapeMrkdwn(request.location)}` : '';
  return [
    `Thanks — your request is filed as *${request.ref}* with ${escapeMrkdwn(view.team.name)}.`,
    `${escapeMrkdwn(request.category)}${where}: ${userText(request.description, 1_500)}`,
    `${target} You will hear here about every change.`.trim(),
  ].join('\n');
}
